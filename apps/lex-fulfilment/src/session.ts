import { ReservationSchema, type Reservation } from '@booktrip/events';
import { logger } from '@booktrip/lambda-kit';
import { SessionAttributeNames } from '@booktrip/bot-model';

export const AUTO_POPULATE = 'AutoPopulate';

/** The session attributes this service owns, typed; Lex stores them as strings. */
export interface BookTripSession {
  /** The reservation being confirmed, complete and priced. */
  currentReservation?: Reservation;
  /** Its price as the confirmation prompt shows it, e.g. `$1,234.00`. */
  currentReservationPrice?: string;
  /** The last reservation the user confirmed; BookCar offers to reuse a hotel's details. */
  lastConfirmedReservation?: Reservation;
  /** `AutoPopulate` while BookCar waits for a yes/no on details copied from the hotel. */
  confirmationContext?: typeof AUTO_POPULATE;
  /** Attributes owned by others (the client, the bot); returned untouched. */
  others: Readonly<Record<string, string>>;
}

export type Warn = (message: string, details: Record<string, unknown>) => void;

const OWNED = new Set<string>(Object.values(SessionAttributeNames));

/**
 * Reads the session attributes. Anyone can send session attributes with RecognizeText, so a
 * value that does not parse is dropped with a warning (never a failed turn): the dialog then
 * behaves as if it had never been set.
 */
export function readSession(
  attributes: Readonly<Record<string, string>>,
  warn: Warn = (message, details) => logger.warn(message, details),
): BookTripSession {
  const others = Object.fromEntries(
    Object.entries(attributes).filter(([name]) => !OWNED.has(name)),
  );
  const session: BookTripSession = { others };

  const reservation = (name: string): Reservation | undefined => {
    const raw = attributes[name];
    if (raw === undefined || raw === '') return undefined;
    const parsed = ReservationSchema.safeParse(parseJson(raw));
    if (parsed.success) return parsed.data;
    // The name and size only: the value is user-controlled and may be large.
    warn('ignoring an unreadable session attribute', { attribute: name, length: raw.length });
    return undefined;
  };

  const current = reservation(SessionAttributeNames.currentReservation);
  if (current) session.currentReservation = current;
  const last = reservation(SessionAttributeNames.lastConfirmedReservation);
  if (last) session.lastConfirmedReservation = last;

  const price = attributes[SessionAttributeNames.currentReservationPrice];
  if (price) session.currentReservationPrice = price;

  const context = attributes[SessionAttributeNames.confirmationContext];
  if (context === AUTO_POPULATE) session.confirmationContext = AUTO_POPULATE;
  else if (context) {
    warn('ignoring an unknown confirmation context', {
      attribute: SessionAttributeNames.confirmationContext,
      length: context.length,
    });
  }
  return session;
}

/** The attributes to return to Lex: the typed ones as strings, the others as they came. */
export function writeSession(session: BookTripSession): Record<string, string> {
  const attributes: Record<string, string> = { ...session.others };
  if (session.currentReservation) {
    attributes[SessionAttributeNames.currentReservation] = JSON.stringify(
      session.currentReservation,
    );
  }
  if (session.currentReservationPrice) {
    attributes[SessionAttributeNames.currentReservationPrice] = session.currentReservationPrice;
  }
  if (session.lastConfirmedReservation) {
    attributes[SessionAttributeNames.lastConfirmedReservation] = JSON.stringify(
      session.lastConfirmedReservation,
    );
  }
  if (session.confirmationContext) {
    attributes[SessionAttributeNames.confirmationContext] = session.confirmationContext;
  }
  return attributes;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
