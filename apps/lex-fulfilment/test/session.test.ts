import { readSession, writeSession } from '../src/session';

const hotel = {
  kind: 'hotel',
  location: 'Chicago',
  checkInDate: '2026-12-04',
  nights: 3,
  roomType: 'king',
} as const;

describe('readSession', () => {
  it('reads the typed attributes and keeps the others apart', () => {
    const session = readSession({
      currentReservation: JSON.stringify(hotel),
      currentReservationPrice: '$756.00',
      lastConfirmedReservation: JSON.stringify(hotel),
      confirmationContext: 'AutoPopulate',
      userName: 'Ana',
    });

    expect(session).toEqual({
      currentReservation: hotel,
      currentReservationPrice: '$756.00',
      lastConfirmedReservation: hotel,
      confirmationContext: 'AutoPopulate',
      others: { userName: 'Ana' },
    });
  });

  it.each([
    ['not JSON', '{"kind":'],
    ['JSON of another shape', '{"kind":"boat"}'],
    ['a reservation breaking its rules', JSON.stringify({ ...hotel, nights: 99 })],
    ['JSON null', 'null'],
  ])('drops a reservation that is %s, with a warning naming the attribute', (_what, value) => {
    const warn = jest.fn();

    const session = readSession({ lastConfirmedReservation: value }, warn);

    expect(session.lastConfirmedReservation).toBeUndefined();
    expect(warn).toHaveBeenCalledWith('ignoring an unreadable session attribute', {
      attribute: 'lastConfirmedReservation',
      length: value.length,
    });
  });

  it('drops an unknown confirmation context with a warning', () => {
    const warn = jest.fn();

    expect(readSession({ confirmationContext: 'Maybe' }, warn).confirmationContext).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('treats empty values as absent, silently', () => {
    const warn = jest.fn();

    expect(readSession({ currentReservation: '', confirmationContext: '' }, warn)).toEqual({
      others: {},
    });
    expect(warn).not.toHaveBeenCalled();
  });
});

describe('writeSession', () => {
  it('writes the typed attributes as strings and omits the unset ones', () => {
    expect(writeSession({ lastConfirmedReservation: hotel, others: { userName: 'Ana' } })).toEqual({
      userName: 'Ana',
      lastConfirmedReservation: JSON.stringify(hotel),
    });
  });

  it('round-trips through readSession', () => {
    const session = {
      currentReservation: hotel,
      currentReservationPrice: '$1.00',
      others: { a: 'b' },
    };

    expect(readSession(writeSession(session))).toEqual(session);
  });
});
