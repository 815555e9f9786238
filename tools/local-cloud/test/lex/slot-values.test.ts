import { parseNumber } from '../../src/lex/number-words';
import { offsetMinutes, resolveCity, resolveDate } from '../../src/lex/slot-types';
import { yesOrNo } from '../../src/lex/yes-no';

// Tuesday 2026-11-24, noon UTC.
const now = new Date('2026-11-24T12:00:00Z');
const date = (text: string) => resolveDate(text, { now })?.interpretedValue;

describe('AMAZON.Date, relative to the request and future-biased', () => {
  it.each([
    ['tomorrow', '2026-11-25'],
    ['next Friday', '2026-12-04'],
    ['Friday', '2026-11-27'],
    ['Dec 3', '2026-12-03'],
    ['on December 4', '2026-12-04'],
    ['in two weeks', '2026-12-08'],
    ['tonight', '2026-11-24'],
    ['November 1st', '2027-11-01'],
    ['November 1st 2026', '2026-11-01'],
  ])('%s → %s', (text, iso) => expect(date(text)).toBe(iso));

  it.each(['sometime soon', 'December 3 to 5', 'a 25 year old', 'three'])(
    'is not one day: %s',
    (text) => expect(date(text)).toBeUndefined(),
  );
});

describe("AMAZON.Date in the request's time zone", () => {
  // 04:00 UTC on Wednesday 25 November is still Tuesday evening in Los Angeles.
  const lateInLosAngeles = new Date('2026-11-25T04:00:00Z');
  const dateIn = (text: string, timeZone?: string) =>
    resolveDate(text, { now: lateInLosAngeles, timeZone })?.interpretedValue;

  it.each([
    ['tomorrow', 'America/Los_Angeles', '2026-11-25'],
    ['tomorrow', 'UTC', '2026-11-26'],
    ['tomorrow', undefined, '2026-11-26'],
    ['today', 'America/Los_Angeles', '2026-11-24'],
    ['today', 'Asia/Kolkata', '2026-11-25'],
    ['next Friday', 'America/Los_Angeles', '2026-12-04'],
  ])('%s in %s → %s', (text, timeZone, iso) => expect(dateIn(text, timeZone)).toBe(iso));

  it.each([
    ['America/New_York', '2026-07-01T12:00:00Z', -240],
    ['America/New_York', '2026-12-01T12:00:00Z', -300],
    ['Asia/Kolkata', '2026-12-01T12:00:00Z', 330],
    ['UTC', '2026-12-01T12:00:00Z', 0],
  ])('%s at %s is %d minutes from UTC, daylight saving included', (zone, at, minutes) =>
    expect(offsetMinutes(zone, new Date(at))).toBe(minutes),
  );
});

describe('AMAZON.Number', () => {
  it.each([
    ['3', 3],
    ['five', 5],
    ['twenty one', 21],
    ['twenty-one', 21],
    ['a hundred and ten', 110],
    ['1,200', 1200],
    ['2nd', 2],
  ])('%s → %d', (text, n) => expect(parseNumber(text)).toBe(n));

  it.each(['a', 'many', 'five people', ''])('is not a number: "%s"', (text) =>
    expect(parseNumber(text)).toBeUndefined(),
  );
});

describe('AMAZON.City', () => {
  it('title-cases a city name and refuses words that cannot be one', () => {
    expect(resolveCity('new york', { now })?.interpretedValue).toBe('New York');
    expect(resolveCity('12345', { now })).toBeUndefined();
    expect(resolveCity('next friday', { now })).toBeUndefined();
  });
});

describe('yes/no answers', () => {
  it.each([
    ['yes', 'yes'],
    ['yeah sure', 'yes'],
    ['ok go ahead', 'yes'],
    ['nope', 'no'],
    ["no, don't", 'no'],
    ['no thanks', 'no'],
    ['what time is it', undefined],
  ])('%s → %s', (text, answer) => expect(yesOrNo(text)).toBe(answer));
});
