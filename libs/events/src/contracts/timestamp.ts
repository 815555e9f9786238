import { z } from 'zod';

/**
 * The instants an event may carry: from 2000 up to (not including) 2100. Wider than any clock
 * BookTrip runs on, narrow enough that every value keeps the 4-digit-year ISO form: a year
 * like +010000 or -000001 (reachable through an extreme offset) would break every reader that
 * sorts or re-validates the strings.
 */
export const TIMESTAMP_RANGE = {
  from: '2000-01-01T00:00:00.000Z',
  until: '2100-01-01T00:00:00.000Z',
} as const;

/** Normalised strings compare like the instants they name, so the range check is a string one. */
const inRange = (value: string) => value >= TIMESTAMP_RANGE.from && value < TIMESTAMP_RANGE.until;

/**
 * The one stored and served form of an instant: `YYYY-MM-DDTHH:mm:ss.sssZ` (what
 * `Date.toISOString()` writes), in `TIMESTAMP_RANGE`. Readers validate against this.
 */
export const UtcTimestamp = z.iso
  .datetime({ precision: 3 })
  .refine(inRange, `must be between ${TIMESTAMP_RANGE.from} and ${TIMESTAMP_RANGE.until}`);

/**
 * An instant as producers send it: UTC (`Z`), with any number of fractional digits (Step
 * Functions' `$$.State.EnteredTime` is not promised to carry exactly three), normalised on
 * parse to `UtcTimestamp`'s form. Offsets are refused rather than converted, so what a
 * consumer validated is exactly what it stores.
 */
export const EventTimestamp = z.iso
  .datetime()
  .transform((value) => new Date(value).toISOString())
  .pipe(UtcTimestamp);
