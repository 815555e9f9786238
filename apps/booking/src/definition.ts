import { ReservationConfirmed, ReservationFailed, ReservationRequested } from '@booktrip/events';

/*
 * What the booking workflow's Lambda step and infra/booking must agree on, as plain data (no
 * CDK, no SDK clients): infra imports it as `@booktrip/booking/definition`.
 */
export const bookingDefinition = {
  service: 'booking',
  /** Each starts the booking workflow (the stack's rule is derived from it). */
  consumes: [ReservationRequested],
  /** What the workflow publishes itself (direct EventBridge integration). */
  publishes: [ReservationConfirmed, ReservationFailed],
  functions: {
    /** Checks the request against its contract; reads no environment of its own. */
    validateRequest: { entry: 'src/validate-request.ts', env: {} },
  },
} as const;
