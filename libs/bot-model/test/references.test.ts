import { sessionAttributeReferences, slotReferences } from '../src';

describe('slotReferences', () => {
  it('lists the slots a prompt references, once each, in order', () => {
    const text =
      'A {Nights} night stay in {Location}, {Nights} nights, for [currentReservationPrice]';

    expect(slotReferences(text)).toEqual(['Nights', 'Location']);
  });

  it('keeps the intent of a cross-intent reference', () => {
    expect(slotReferences('Same dates as {BookHotel.CheckInDate}?')).toEqual([
      'BookHotel.CheckInDate',
    ]);
  });

  it('finds nothing in text without braces', () => {
    expect(slotReferences('book a hotel [currentReservation]')).toEqual([]);
  });

  it('ignores braces around whitespace, which Lex does not treat as a slot', () => {
    expect(slotReferences('a { Location } and {}')).toEqual([]);
  });
});

describe('sessionAttributeReferences', () => {
  it('lists the session attributes a prompt references, once each, in order', () => {
    const text = 'For [currentReservationPrice] ([confirmationContext]) [currentReservationPrice]';

    expect(sessionAttributeReferences(text)).toEqual([
      'currentReservationPrice',
      'confirmationContext',
    ]);
  });

  it('does not mistake slot references for session attributes', () => {
    expect(sessionAttributeReferences('in {Location} on {CheckInDate}')).toEqual([]);
  });
});
