import type { Reservation } from '@booktrip/events';
import { addDays } from './calendar-date';

/** One sentence fragment a person reads, e.g. "a king room in Chicago for 3 nights from …". */
export function describeReservation(reservation: Reservation): string {
  if (reservation.kind === 'hotel') {
    const nights = reservation.nights === 1 ? '1 night' : `${reservation.nights} nights`;
    return `a ${reservation.roomType} room in ${reservation.location} for ${nights} from ${reservation.checkInDate} to ${addDays(reservation.checkInDate, reservation.nights)}`;
  }
  const article = /^[aeiou]/.test(reservation.carType) ? 'an' : 'a';
  return `${article} ${reservation.carType} car in ${reservation.pickUpCity} from ${reservation.pickUpDate} to ${reservation.returnDate}`;
}
