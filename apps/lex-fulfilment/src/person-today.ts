import { TIME_ZONE_ATTRIBUTE } from '@booktrip/events';
import { dateIn, earliestToday } from './calendar-date';

/**
 * The date it is for the person typing: in the zone the turn's `x-amz-lex:time-zone` names (the
 * zone Lex resolved "today" and "tomorrow" in), else the earliest date that is today anywhere —
 * so a check-in the person would call yesterday is refused when we know where they are, and
 * nobody's today is refused when we do not.
 */
export function personToday(
  now: Date,
  requestAttributes: Record<string, string> | null | undefined,
): string {
  const timeZone = requestAttributes?.[TIME_ZONE_ATTRIBUTE];
  return (timeZone && dateIn(timeZone, now)) || earliestToday(now);
}
