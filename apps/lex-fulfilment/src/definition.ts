import { ConversationTurnRecorded, ReservationRequested } from '@booktrip/events';
import type { EnvironmentSpec } from '@booktrip/lambda-kit/definition';

/*
 * What the Lex code hook and infra/lex-bot must agree on, as plain data (no CDK, no SDK
 * clients): infra imports it as `@booktrip/lex-fulfilment/definition`.
 */

/**
 * Custom metrics: the turns the hook answers (the traffic the others are read against), and the
 * turns whose events the bus refused or that came without a valid conversation token.
 */
const metrics = {
  /** A turn of a verified conversation, answered (whatever the answer). */
  turnAnswered: 'TurnsAnswered',
  /** A confirmed booking whose *Reservation Requested* never reached the bus. */
  reservationNotPublished: 'ReservationsNotPublished',
  /** A turn whose *Conversation Turn Recorded* never reached the bus. */
  turnNotRecorded: 'TurnsNotRecorded',
  /** A turn refused because its conversation token was missing or wrong (nothing recorded). */
  turnWithoutToken: 'TurnsWithoutConversationToken',
} as const;

export const fulfilmentDefinition = {
  service: 'lex-fulfilment',
  /** The code hook's handler file, relative to apps/lex-fulfilment. */
  entry: 'src/handler.ts',
  env: {
    eventBus: { name: 'EVENT_BUS_NAME' },
    /** The conversation token key's secret (named by the history stack in SSM); not on `local`. */
    tokenKeySecretArn: { name: 'CONVERSATION_TOKEN_SECRET_ARN', optional: true, pattern: /^arn:/ },
    /** The `local` stage only (no Secrets Manager there): the public dev token key itself. */
    tokenKey: { name: 'CONVERSATION_TOKEN_KEY', optional: true },
  } satisfies EnvironmentSpec,
  /** What the hook publishes on the bus (the stack grants PutEvents on it). */
  publishes: [ConversationTurnRecorded, ReservationRequested],
  metrics,
  /** Either means lost data: alarms the stack builds, one per metric. */
  alarms: [
    {
      metric: metrics.reservationNotPublished,
      description: 'a confirmed booking was never requested from the booking service',
    },
    {
      metric: metrics.turnNotRecorded,
      description: 'a conversation turn was not recorded on the bus',
    },
  ],
} as const;
