import type { CarReservation, HotelReservation } from '@booktrip/events';
import { formatPrice, priceCar, priceHotel, priceTrip } from '../src/price-trip';

// 2026-12-07 is a Monday, 2026-12-11 a Friday.
const hotel = (overrides: Partial<HotelReservation> = {}): HotelReservation => ({
  kind: 'hotel',
  location: 'Chicago',
  checkInDate: '2026-12-07',
  nights: 1,
  roomType: 'queen',
  ...overrides,
});

const car = (overrides: Partial<CarReservation> = {}): CarReservation => ({
  kind: 'car',
  pickUpCity: 'Chicago',
  pickUpDate: '2026-12-07',
  returnDate: '2026-12-08',
  driverAge: 30,
  carType: 'standard',
  ...overrides,
});

const cents = (price: { amountCents: number }) => price.amountCents;

describe('priceHotel', () => {
  it.each([
    ['New York', 24_000],
    ['Chicago', 18_000],
    ['Springfield', 12_000],
  ])('charges a weekday queen night in %s by its city tier', (location, expected) => {
    expect(cents(priceHotel(hotel({ location })))).toBe(expected);
  });

  it('matches listed cities whatever their spelling of case and spaces', () => {
    expect(priceHotel(hotel({ location: '  new   YORK ' }))).toEqual(
      priceHotel(hotel({ location: 'New York' })),
    );
  });

  it.each([
    ['queen', 18_000],
    ['king', 21_600],
    ['deluxe', 28_800],
  ] as const)('charges a %s room its share of the base price', (roomType, expected) => {
    expect(cents(priceHotel(hotel({ roomType })))).toBe(expected);
  });

  it('charges Friday and Saturday nights 25% more', () => {
    // Friday, Saturday, Sunday nights.
    const weekend = priceHotel(hotel({ checkInDate: '2026-12-11', nights: 3 }));

    expect(cents(weekend)).toBe(22_500 + 22_500 + 18_000);
  });

  it('charges a 30-night stay night by night', () => {
    // 30 nights from a Monday: 4 full weeks (8 weekend nights) and 2 weekday nights.
    expect(cents(priceHotel(hotel({ nights: 30 })))).toBe(22 * 18_000 + 8 * 22_500);
  });
});

describe('priceCar', () => {
  it.each([
    ['economy', 4_000],
    ['standard', 5_000],
    ['midsize', 5_750],
    ['full size', 6_500],
    ['minivan', 7_500],
    ['luxury', 11_000],
  ] as const)('charges a weekday %s its share of the base price', (carType, expected) => {
    expect(cents(priceCar(car({ carType })))).toBe(expected);
  });

  it('charges Saturday and Sunday 15% more', () => {
    // Friday to Monday: Friday, Saturday, Sunday.
    const weekend = priceCar(car({ pickUpDate: '2026-12-11', returnDate: '2026-12-14' }));

    expect(cents(weekend)).toBe(5_000 + 5_750 + 5_750);
  });

  it('adds $25 a day for drivers under 25, and nothing from 25', () => {
    const trip = { pickUpDate: '2026-12-07', returnDate: '2026-12-10' };

    expect(cents(priceCar(car({ ...trip, driverAge: 24 })))).toBe(3 * (5_000 + 2_500));
    expect(cents(priceCar(car({ ...trip, driverAge: 25 })))).toBe(3 * 5_000);
  });

  it('rounds each day to whole cents', () => {
    // Tier 1 midsize: 6 500 × 115% = 7 475; on a Saturday × 115% = 8 596.25 → 8 596.
    expect(
      cents(
        priceCar(
          car({
            pickUpCity: 'Boston',
            carType: 'midsize',
            pickUpDate: '2026-12-12',
            returnDate: '2026-12-13',
          }),
        ),
      ),
    ).toBe(8_596);
  });
});

describe('priceTrip', () => {
  it('prices either kind of reservation in USD', () => {
    expect(priceTrip(hotel())).toEqual({ amountCents: 18_000, currency: 'USD' });
    expect(priceTrip(car())).toEqual({ amountCents: 5_000, currency: 'USD' });
  });
});

describe('formatPrice', () => {
  it.each([
    [0, '$0.00'],
    [5, '$0.05'],
    [12_000, '$120.00'],
    [123_456, '$1,234.56'],
    [100_000_000, '$1,000,000.00'],
  ])('shows %i cents as %s', (amountCents, expected) => {
    expect(formatPrice({ amountCents, currency: 'USD' })).toBe(expected);
  });
});
