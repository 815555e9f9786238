import { TIME_ZONE_ATTRIBUTE } from '@booktrip/events';
import { personToday } from '../src/person-today';

describe('personToday', () => {
  // 04:00 UTC on 25 November: still the 24th in Los Angeles, already the 25th in Kolkata.
  const now = new Date('2026-11-25T04:00:00Z');
  const zone = (timeZone: string) => ({ [TIME_ZONE_ATTRIBUTE]: timeZone });

  it('is the date in the zone the turn names', () => {
    expect(personToday(now, zone('America/Los_Angeles'))).toBe('2026-11-24');
    expect(personToday(now, zone('Asia/Kolkata'))).toBe('2026-11-25');
    expect(personToday(new Date('2026-11-24T20:00:00Z'), zone('Pacific/Kiritimati'))).toBe(
      '2026-11-25',
    );
  });

  it('is the earliest date that is today anywhere when the zone is missing or unreadable', () => {
    expect(personToday(now, undefined)).toBe('2026-11-24');
    expect(personToday(now, {})).toBe('2026-11-24');
    expect(personToday(now, zone('Mars/Olympus_Mons'))).toBe('2026-11-24');
    expect(personToday(new Date('2026-11-25T13:00:00Z'), null)).toBe('2026-11-25');
  });
});
