import { CONVERSATION_TOKEN_ATTRIBUTE } from './conversation-tokens';

/**
 * Lex's predefined request attribute naming the zone "tomorrow" and "Friday" are read in
 * (`TIME_ZONE_ATTRIBUTE` of `@booktrip/events`, kept here as the conversation token's attribute
 * is, so the page's bundle does not pull the events library in).
 */
export const TIME_ZONE_ATTRIBUTE = 'x-amz-lex:time-zone';

/** The browser's IANA zone, or undefined where the browser does not say. */
export function browserTimeZone(): string | undefined {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || undefined;
}

/**
 * The request attributes every turn carries: the conversation token the code hook checks, and
 * the person's time zone — without it Lex reads relative dates in its region's zone, so "tomorrow"
 * typed in the evening in California would book the day after.
 */
export function turnAttributes(
  token: string | undefined,
  timeZone: string | undefined,
): Record<string, string> {
  return {
    ...(timeZone ? { [TIME_ZONE_ATTRIBUTE]: timeZone } : {}),
    ...(token ? { [CONVERSATION_TOKEN_ATTRIBUTE]: token } : {}),
  };
}
