/*
 * Calendar dates as ISO strings (`YYYY-MM-DD`), as Lex's AMAZON.Date slot resolves them. They
 * carry no time zone, so all arithmetic runs on UTC midnights and never on local time.
 */

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The date if `text` is a real calendar date in ISO form (`2026-02-30` is not). */
export function parseIsoDate(text: string): string | undefined {
  const match = ISO_DATE.exec(text);
  if (!match) return undefined;
  const date = new Date(`${text}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text
    ? undefined
    : text;
}

/**
 * The earliest date that is "today" somewhere on Earth (UTC−12): when a turn does not say the
 * person's zone, a date that is today for anyone is accepted.
 */
export function earliestToday(now: Date): string {
  return new Date(now.getTime() - 12 * 3_600_000).toISOString().slice(0, 10);
}

/** The calendar date at `now` in an IANA zone, or undefined for a zone Intl cannot read. */
export function dateIn(timeZone: string, now: Date): string | undefined {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).formatToParts(now);
    const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value;
    return `${part('year')}-${part('month')}-${part('day')}`;
  } catch {
    return undefined;
  }
}

export function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(isoDate: string): number {
  return new Date(`${isoDate}T00:00:00Z`).getUTCDay();
}

/**
 * The span Lex's AMAZON.Date resolves a vague answer to: `2026-W49-WE` ("this weekend"),
 * `2026-W49` ("next week") or `2026-12` ("December"); undefined for anything else.
 */
export function dateSpanOf(text: string): 'week' | 'weekend' | 'month' | undefined {
  if (/^\d{4}-W\d{2}-WE$/.test(text)) return 'weekend';
  if (/^\d{4}-W\d{2}$/.test(text)) return 'week';
  if (/^\d{4}-\d{2}$/.test(text)) return 'month';
  return undefined;
}
