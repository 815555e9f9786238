import { parseNumber } from '../../src/lex/number-words';
import { resolveCity, resolveDate } from '../../src/lex/slot-types';
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
