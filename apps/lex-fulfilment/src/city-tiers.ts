/**
 * Price tiers of the cities we know. Tier 1 is the most expensive. A plausible city that is not
 * listed is still bookable, at the standard tier 3.
 */
export type CityTier = 1 | 2 | 3;

export const UNLISTED_CITY_TIER: CityTier = 3;

const CITY_TIERS: Readonly<Record<string, CityTier>> = {
  'new york': 1,
  'san francisco': 1,
  boston: 1,
  'los angeles': 1,
  washington: 1,
  honolulu: 1,
  miami: 1,
  chicago: 2,
  seattle: 2,
  'las vegas': 2,
  'san diego': 2,
  austin: 2,
  denver: 2,
  'new orleans': 2,
  orlando: 2,
  portland: 2,
  nashville: 2,
  philadelphia: 2,
  atlanta: 3,
  dallas: 3,
  houston: 3,
  phoenix: 3,
  detroit: 3,
  'st. louis': 3,
  'salt lake city': 3,
  minneapolis: 3,
  pittsburgh: 3,
};

/** Lower case with single spaces: "  New   York " and "new york" are the same city. */
export function cityKey(city: string): string {
  return city.trim().replace(/\s+/g, ' ').toLowerCase();
}

export function isListedCity(city: string): boolean {
  return cityKey(city) in CITY_TIERS;
}

export function cityTier(city: string): CityTier {
  return CITY_TIERS[cityKey(city)] ?? UNLISTED_CITY_TIER;
}
