/**
 * Lex's predefined request attribute naming the person's IANA time zone. The page and
 * `npm run chat` send it with every turn; Lex reads "tomorrow" in that zone, and the code hook
 * checks a booking's first day against the person's today there. The page keeps its own copy
 * (`apps/chat-web/src/aws/turn-attributes.ts`), as it does the conversation token's.
 */
export const TIME_ZONE_ATTRIBUTE = 'x-amz-lex:time-zone';
