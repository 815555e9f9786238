/** Event sources, one per producing service; the bus policy grants each to its owner only. */
export const Sources = {
  lexFulfilment: 'booktrip.lex-fulfilment',
  booking: 'booktrip.booking',
  imageFlip: 'booktrip.image-flip',
} as const;
export type Source = (typeof Sources)[keyof typeof Sources];
