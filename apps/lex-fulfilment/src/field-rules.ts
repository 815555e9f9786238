import { ReservationLimits } from '@booktrip/events';
import { addDays, dateSpanOf, parseIsoDate } from './calendar-date';
import { cityKey, isListedCity } from './city-tiers';
import { quoteInput } from './quote-input';

/*
 * Rules for single slot values, shared by hotel and car bookings. A failed rule says why in
 * words the user sees; the caller adds the question that asks again.
 */
export type FieldCheck<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): FieldCheck<T> => ({ ok: true, value });
const fail = <T>(reason: string): FieldCheck<T> => ({ ok: false, reason });

/** Bookings open this many days ahead. */
export const BOOKING_HORIZON_DAYS = 365;

// Letters of any script, with the spaces, hyphens, apostrophes and periods of names such as
// "Winston-Salem", "Coeur d'Alene" or "St. Louis".
const PLAUSIBLE_CITY = /^\p{L}[\p{L}\p{M} '’.-]*$/u;

/** A listed city, or any plausible city name (priced at the standard tier). */
export function checkCity(text: string): FieldCheck<string> {
  const city = text.trim().replace(/\s+/g, ' ');
  if (city.length > ReservationLimits.cityNameLength || !PLAUSIBLE_CITY.test(city)) {
    return fail(`I don't know a city called ${quoteInput(text)}.`);
  }
  return ok(isListedCity(city) ? titleCase(cityKey(city)) : city);
}

/** A first day (check-in, pick-up): the person's `today` or later, within the booking horizon. */
export function checkStartDate(text: string, today: string): FieldCheck<string> {
  const date = parseIsoDate(text);
  if (!date) return fail(notOneDay(text));
  if (date < today) return fail(`${date} is in the past.`);
  const last = addDays(today, BOOKING_HORIZON_DAYS);
  if (date > last) return fail(`I can only book up to a year ahead, until ${last}.`);
  return ok(date);
}

export function checkDate(text: string): FieldCheck<string> {
  const date = parseIsoDate(text);
  return date ? ok(date) : fail(notOneDay(text));
}

/** Why `text` is not a date to book: a span Lex resolved (a week, weekend or month), or gibberish. */
function notOneDay(text: string): string {
  const span = dateSpanOf(text);
  return span
    ? `That's a whole ${span}; please give one specific day.`
    : `I didn't understand ${quoteInput(text)} as a date.`;
}

/** A whole number in [min, max]. */
export function checkWholeNumber(
  text: string,
  limits: { min: number; max: number },
  reasons: { notANumber: string; tooSmall: (n: number) => string; tooLarge: (n: number) => string },
): FieldCheck<number> {
  if (!/^\d{1,6}$/.test(text.trim())) return fail(reasons.notANumber);
  const n = Number(text.trim());
  if (n < limits.min) return fail(reasons.tooSmall(n));
  if (n > limits.max) return fail(reasons.tooLarge(n));
  return ok(n);
}

/** One of `values`, compared case-insensitively with hyphens read as spaces ("Full-Size"). */
export function checkChoice<const T extends string>(
  text: string,
  values: readonly T[],
  reason: string,
): FieldCheck<T> {
  const normalized = text
    .trim()
    .toLowerCase()
    .replace(/[-\s]+/g, ' ');
  const match = values.find((value) => value === normalized);
  return match ? ok(match) : fail(reason);
}

/** A human list: "a, b and c". */
export function listInWords(values: readonly string[]): string {
  return values.length <= 1
    ? (values[0] ?? '')
    : `${values.slice(0, -1).join(', ')} and ${values[values.length - 1]}`;
}

function titleCase(text: string): string {
  return text.replace(
    /(^|[\s-])(\p{L})/gu,
    (_, before: string, letter: string) => before + letter.toUpperCase(),
  );
}
