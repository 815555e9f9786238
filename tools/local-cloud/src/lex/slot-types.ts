import * as chrono from 'chrono-node';
import type { SlotTypeDefinition } from './bot-definition';
import { parseNumber } from './number-words';

/** A slot's value as Lex reports it. */
export interface SlotValue {
  originalValue: string;
  interpretedValue: string;
  resolvedValues: string[];
}

/**
 * When a request was made, and the IANA zone its relative dates are read in: "tomorrow" said at
 * 20:00 in Los Angeles is the next day there, which in UTC is already the day after. Lex takes the
 * zone from the `x-amz-lex:time-zone` request attribute; without one the runtime reads dates in UTC.
 */
export interface RequestTime {
  now: Date;
  timeZone?: string;
}

/** Resolves text to a value of one slot type, or `undefined` when the text is not one. */
export type SlotTypeResolver = (text: string, context: RequestTime) => SlotValue | undefined;

/**
 * Words that end a free-text value such as a city: a city name never contains them, so "Chicago
 * for 3 nights" yields "Chicago".
 */
const BOUNDARY_WORDS = new Set(
  (
    'a an the for from on at to until till by in into with and or but please starting start ' +
    'beginning next this coming tomorrow today tonight yesterday night nights day days week ' +
    'weeks month months year years i me my we our you it is am are want need would like book ' +
    'reserve rent hire get find car hotel room rental stay staying vehicle ' +
    'january february march april may june july august september october november december ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday ' +
    'friday saturday sunday weekend one two three four five six seven eight nine ten'
  ).split(' '),
);

const value = (originalValue: string, interpretedValue: string, resolved = [interpretedValue]) => ({
  originalValue,
  interpretedValue,
  resolvedValues: resolved,
});

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * chrono reads "night" as a time of day and merges it with a following date ("one night on
 * December 1st" becomes a wrong day): blank the word out, keeping every character offset.
 */
export function maskNights(text: string): string {
  return text.replace(/\bnights?\b/gi, (word) => ' '.repeat(word.length));
}

type FoundDate = { start: number; end: number; iso: string };

/**
 * chrono is the slow part of a turn and slot filling asks about the same spans for every
 * intent, so recent answers are kept (keyed by text and request time).
 */
const recentDates = new Map<string, FoundDate[]>();
const RECENT_DATES = 2000;

/** The dates chrono finds in text that name one day (not a range, not just an hour). */
export function findDates(text: string, { now, timeZone = 'UTC' }: RequestTime): FoundDate[] {
  const key = `${now.getTime()}|${timeZone}|${text}`;
  const known = recentDates.get(key);
  if (known) return known;
  const found = parseDates(text, now, offsetMinutes(timeZone, now));
  if (recentDates.size >= RECENT_DATES) recentDates.clear();
  recentDates.set(key, found);
  return found;
}

/** The zone's offset from UTC at that instant, in minutes (as chrono takes it), daylight saving included. */
export function offsetMinutes(timeZone: string, at: Date): number {
  if (timeZone === 'UTC') return 0;
  const parts = wallClockFormat(timeZone).formatToParts(at);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    Number(parts.find((p) => p.type === type)?.value);
  const wallClock = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
  );
  return Math.round((wallClock - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
}

// Building a formatter for a zone costs ~0.1 ms, more than reading one: one per zone is kept.
const wallClockFormats = new Map<string, Intl.DateTimeFormat>();
function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    // Zone names are case-insensitive, so a client could send endless spellings: stay bounded.
    if (wallClockFormats.size >= 1000) wallClockFormats.clear();
    wallClockFormats.set(timeZone, format);
  }
  return format;
}

/** Whether the runtime knows the zone by that IANA name ("Europe/Paris", "UTC"). */
export function isTimeZone(name: string): boolean {
  try {
    // The formatter the zone's dates will be read with: built (and kept) once, here.
    wallClockFormat(name);
    return true;
  } catch {
    return false;
  }
}

function parseDates(text: string, now: Date, timezone: number): FoundDate[] {
  const iso = (c: chrono.ParsedComponents) =>
    `${c.get('year')}-${pad(c.get('month') ?? 1)}-${pad(c.get('day') ?? 1)}`;
  const oneDay = (c: chrono.ParsedComponents) => c.isCertain('day') || c.isCertain('weekday');
  return chrono
    .parse(maskNights(text), { instant: now, timezone }, { forwardDate: true })
    .flatMap((result): FoundDate[] => {
      const { start, end } = result;
      if (!oneDay(start)) return [];
      const span = { start: result.index, end: result.index + result.text.length };
      if (!end) return [{ ...span, iso: iso(start) }];
      // A range ("December 10 to 14") is two days, each with its own words, so "from {A} to
      // {B}" can fill both slots.
      const separator = /\s+(?:to|until|till|through|thru|-)\s+/i.exec(result.text);
      if (!separator || !oneDay(end)) return [];
      const cut = span.start + separator.index;
      return [
        { start: span.start, end: cut, iso: iso(start) },
        { start: cut + separator[0].length, end: span.end, iso: iso(end) },
      ];
    });
}

/** AMAZON.Date: one day, relative to the request's time, future-biased as Lex is. */
export const resolveDate: SlotTypeResolver = (text, at) => {
  const dates = findDates(text, at);
  const [first] = dates;
  // The whole answer must be the date ("next Friday"), not a date somewhere inside it.
  if (!first || dates.length > 1) return undefined;
  const rest = `${text.slice(0, first.start)}${text.slice(first.end)}`;
  if (!/^\s*(on|the|from|starting|until|till|by)?\s*$/i.test(rest)) return undefined;
  return value(text.trim(), first.iso);
};

/** AMAZON.Number: digits or English number words. */
export const resolveNumber: SlotTypeResolver = (text) => {
  const n = parseNumber(text);
  return n === undefined ? undefined : value(text.trim(), String(n));
};

/**
 * AMAZON.City: one to four words of letters that are not function words; the interpreted value
 * is title-cased as Lex spells cities ("new york" → "New York"). Lex's own gazetteer is not
 * available offline, so the code hook remains the judge of whether the city exists.
 */
export const resolveCity: SlotTypeResolver = (text) => {
  const words = text.trim().split(/\s+/);
  if (words.length === 0 || words.length > 4) return undefined;
  if (!words.every((word) => /^[\p{L}][\p{L}'.-]*$/u.test(word))) return undefined;
  if (words.some((word) => BOUNDARY_WORDS.has(word.toLowerCase()))) return undefined;
  const city = words
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1).toLowerCase())
    .join(' ');
  return value(text.trim(), city);
};

/** AMAZON.AlphaNumeric: letters and digits, optionally constrained by the type's regex. */
export function alphaNumericResolver(pattern?: string): SlotTypeResolver {
  const regex = pattern ? new RegExp(`^(?:${pattern})$`) : /^[A-Za-z0-9]+$/;
  return (text) => {
    const compact = text.trim().replace(/\s+/g, '');
    return regex.test(compact) ? value(text.trim(), compact) : undefined;
  };
}

const normalize = (text: string) =>
  text.toLowerCase().replace(/[-_]/g, ' ').replace(/\s+/g, ' ').trim();

/**
 * A custom slot type: a sample value or one of its synonyms. TOP_RESOLUTION interprets a synonym
 * as its sample value; ORIGINAL_VALUE keeps what the user said and, when eliciting the slot,
 * accepts any answer (the match, if any, is in resolvedValues).
 */
export function customResolver(type: SlotTypeDefinition, acceptAny: boolean): SlotTypeResolver {
  const byPhrase = new Map<string, string>();
  for (const entry of type.values) {
    byPhrase.set(normalize(entry.value), entry.value);
    for (const synonym of entry.synonyms) byPhrase.set(normalize(synonym), entry.value);
  }
  const stripped = (text: string) =>
    normalize(text)
      .replace(/^(a|an|the)\s+/, '')
      .replace(/\s+(please|one)$/, '');
  return (text) => {
    const original = text.trim();
    const phrase = stripped(original);
    const match = byPhrase.get(phrase) ?? byPhrase.get(phrase.replace(/s$/, ''));
    if (match === undefined) {
      return acceptAny && type.resolutionStrategy === 'ORIGINAL_VALUE' && original
        ? value(original, original, [])
        : undefined;
    }
    return type.resolutionStrategy === 'TOP_RESOLUTION'
      ? value(original, match, [match])
      : value(original, original, [match]);
  };
}

/** The phrases (values and synonyms) of a custom type, longest first, for finding them in text. */
export function customPhrases(type: SlotTypeDefinition): string[] {
  return type.values
    .flatMap((entry) => [entry.value, ...entry.synonyms])
    .map(normalize)
    .sort((a, b) => b.length - a.length);
}

/**
 * The resolver for a slot type name: a built-in `AMAZON.*` type or one of the locale's custom
 * types. An unknown type is refused when the bot loads, never at a user's turn.
 */
export function resolverFor(
  slotTypeName: string,
  slotTypes: readonly SlotTypeDefinition[],
  options: { acceptAny: boolean },
): SlotTypeResolver {
  switch (slotTypeName) {
    case 'AMAZON.Date':
      return resolveDate;
    case 'AMAZON.Number':
      return resolveNumber;
    case 'AMAZON.City':
      return resolveCity;
    case 'AMAZON.AlphaNumeric':
      return alphaNumericResolver();
    case 'AMAZON.FreeFormInput':
      return (text) => (text.trim() ? value(text.trim(), text.trim()) : undefined);
  }
  const custom = slotTypes.find((type) => type.name === slotTypeName);
  if (!custom) {
    throw new Error(`The local Lex runtime does not support the slot type ${slotTypeName}`);
  }
  if (custom.parentSlotTypeSignature === 'AMAZON.AlphaNumeric') {
    return alphaNumericResolver(custom.regexPattern);
  }
  return customResolver(custom, options.acceptAny);
}
