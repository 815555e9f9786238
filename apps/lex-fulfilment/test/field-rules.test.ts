import { earliestToday } from '../src/calendar-date';
import { checkCity, checkStartDate } from '../src/field-rules';

describe('checkCity', () => {
  it.each([
    ['chicago', 'Chicago'],
    ['  new   york ', 'New York'],
    ['st. louis', 'St. Louis'],
    ['Winston-Salem', 'Winston-Salem'],
    ["Coeur d'Alene", "Coeur d'Alene"],
    ['São Paulo', 'São Paulo'],
    ['Zürich', 'Zürich'],
  ])('accepts %j as %j', (text, city) => {
    expect(checkCity(text)).toEqual({ ok: true, value: city });
  });

  it.each(['12345', 'gate #4', '', '-Paris', 'a'.repeat(101), '<script>'])('refuses %j', (text) => {
    expect(checkCity(text)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/I don't know a city called/),
    });
  });
});

describe('checkStartDate', () => {
  const today = '2026-11-24';

  it.each([
    ['2026-02-30', /didn't understand/],
    ['24/11/2026', /didn't understand/],
    ['2026-11-23', /in the past/],
    ['2027-11-25', /up to a year ahead, until 2027-11-24/],
  ])('refuses %s', (text, reason) => {
    expect(checkStartDate(text, today)).toMatchObject({
      ok: false,
      reason: expect.stringMatching(reason),
    });
  });

  it.each(['2026-11-24', '2027-11-24'])('accepts %s', (text) => {
    expect(checkStartDate(text, today)).toEqual({ ok: true, value: text });
  });
});

describe('earliestToday', () => {
  it('is the date in UTC−12, the last time zone to reach a new day', () => {
    expect(earliestToday(new Date('2026-11-24T11:59:00Z'))).toBe('2026-11-23');
    expect(earliestToday(new Date('2026-11-24T12:00:00Z'))).toBe('2026-11-24');
  });
});
