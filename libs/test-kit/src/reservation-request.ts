import type { DataOf, ReservationRequested } from '@booktrip/events';

/**
 * The data of a valid *Reservation Requested*: a three-day midsize car in Seattle, as the
 * booking workflow's tests and the local cloud's scenarios request it.
 */
export function carReservationRequest(reservationId: string): DataOf<typeof ReservationRequested> {
  return {
    reservationId,
    reservation: {
      kind: 'car',
      pickUpCity: 'Seattle',
      pickUpDate: '2026-12-01',
      returnDate: '2026-12-04',
      driverAge: 34,
      carType: 'midsize',
    },
    price: { amountCents: 17_400, currency: 'USD' },
  };
}
