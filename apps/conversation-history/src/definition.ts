import {
  ConversationTurnRecorded,
  ImageFlipped,
  ImageRejected,
  ReservationConfirmed,
  ReservationFailed,
} from '@booktrip/events';
import type { EnvironmentSpec } from '@booktrip/lambda-kit/definition';
import { routeRequest } from './api/openapi';
import { routes, type RouteHandler } from './api/routes';
import { GSI1, historyTableDefinition, LSI1, TIME_TO_LIVE_ATTRIBUTE } from './history-table';

/*
 * What the conversation-history handlers and infra/conversation-history must agree on, as
 * plain data (no CDK, no SDK clients): infra imports it as
 * `@booktrip/conversation-history/definition`, the handlers import it directly.
 */

/** Environment variables, by the name the code uses. */
const env = {
  table: { name: 'TABLE_NAME' },
  /**
   * The SSM parameter that holds the chat page's origin (the chat-web stack publishes it),
   * read at run time and echoed in CORS headers to that origin only.
   */
  allowedOriginParameter: { name: 'ALLOWED_ORIGIN_PARAMETER' },
  /** AWS stages: the Secrets Manager secret that holds the cursor key. */
  cursorKeySecretArn: { name: 'CURSOR_KEY_SECRET_ARN', optional: true, pattern: /^arn:/ },
  /** The `local` stage only (no Secrets Manager there): the public dev key itself. */
  cursorSigningKey: { name: 'CURSOR_SIGNING_KEY', optional: true },
  /** The conversation token key's secret (issue 18); absent on the `local` stage. */
  tokenKeySecretArn: { name: 'CONVERSATION_TOKEN_SECRET_ARN', optional: true, pattern: /^arn:/ },
  /** The `local` stage only: the public dev token key itself. */
  tokenKey: { name: 'CONVERSATION_TOKEN_KEY', optional: true },
  /** The image-flip output bucket, whose flipped pictures the timeline links to. */
  outputBucket: { name: 'OUTPUT_BUCKET_NAME' },
} as const satisfies EnvironmentSpec;

/** Which DynamoDB actions on which parts of the History table a function's code uses. */
export interface TableAccess {
  readonly actions: readonly string[];
  readonly indexes?: readonly string[];
  /** False when only indexes are read. */
  readonly onTable?: boolean;
}

export interface HistoryFunction {
  /** The handler file, relative to apps/conversation-history. */
  readonly entry: string;
  readonly env: EnvironmentSpec;
  /** Absent for a function that never touches the table (the CORS preflight). */
  readonly table?: TableAccess;
  readonly timeoutSeconds?: number;
  /** Presigns GETs of flipped images under the output prefix. */
  readonly readsFlippedImages?: boolean;
  /** Reads the cursor signing key. */
  readsCursorKey?: boolean;
}

const routeEnv = { table: env.table, allowedOriginParameter: env.allowedOriginParameter } as const;
const cursorEnv = {
  ...routeEnv,
  cursorKeySecretArn: env.cursorKeySecretArn,
  cursorSigningKey: env.cursorSigningKey,
} as const;

/** One least-privilege function per route, keyed by its handler file (src/handlers/<name>.ts). */
const routeFunctions = {
  'create-conversation': {
    entry: 'src/handlers/create-conversation.ts',
    env: { ...routeEnv, tokenKeySecretArn: env.tokenKeySecretArn, tokenKey: env.tokenKey },
    table: { actions: ['dynamodb:PutItem'] },
  },
  'list-conversations': {
    entry: 'src/handlers/list-conversations.ts',
    env: cursorEnv,
    table: { actions: ['dynamodb:Query'], indexes: [GSI1], onTable: false },
    readsCursorKey: true,
  },
  'get-conversation': {
    entry: 'src/handlers/get-conversation.ts',
    env: routeEnv,
    table: { actions: ['dynamodb:GetItem'] },
  },
  'list-messages': {
    entry: 'src/handlers/list-messages.ts',
    env: { ...cursorEnv, outputBucket: env.outputBucket },
    table: { actions: ['dynamodb:GetItem', 'dynamodb:Query'], indexes: [LSI1] },
    readsCursorKey: true,
    readsFlippedImages: true,
  },
  'delete-conversation': {
    entry: 'src/handlers/delete-conversation.ts',
    env: routeEnv,
    // UpdateItem tombstones META; BatchWriteItem deletes the rest.
    table: {
      actions: [
        'dynamodb:GetItem',
        'dynamodb:UpdateItem',
        'dynamodb:Query',
        'dynamodb:BatchWriteItem',
      ],
    },
    // API Gateway gives up at 29 s: a long delete may use all of it (a retry finishes it).
    timeoutSeconds: 29,
  },
} as const satisfies Record<RouteHandler, HistoryFunction>;

export const historyDefinition = {
  service: 'conversation-history',
  /** The events that become timeline entries: the stack's rules and the consumer's dispatch. */
  consumes: [
    ConversationTurnRecorded,
    ReservationConfirmed,
    ReservationFailed,
    ImageFlipped,
    ImageRejected,
  ],
  /** Custom metrics (Powertools, dimension `service`). */
  metrics: {
    /** An event failed its contract; it goes to the DLQ after the retries (the DLQ alarms). */
    invalidEvent: 'InvalidHistoryEvents',
    /** A valid event that names no conversation (any guest can cause one): skipped. */
    unroutableEvent: 'UnroutableHistoryEvents',
    /** An image uploaded into a conversation the uploader does not own: never stored. */
    foreignImage: 'ForeignImagesRejected',
    /** An event that arrived after its conversation was deleted: dropped. */
    deletedConversation: 'EventsForDeletedConversations',
  },
  /**
   * Metrics that page someone. None of the above: each is a guest's doing, and what is truly
   * lost (an event that keeps failing) lands in the DLQ, which has its own alarm.
   */
  alarms: [] as readonly { metric: string; description: string }[],
  env,
  functions: {
    recordEvents: {
      entry: 'src/handlers/record-events.ts',
      env: { table: env.table },
      table: { actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem'] },
      timeoutSeconds: 30,
    },
    ...routeFunctions,
    /**
     * Answers the browsers' CORS preflights (OPTIONS, unauthenticated: browsers send them
     * without credentials) for the origin it reads at run time, which a MOCK integration cannot.
     */
    corsPreflight: {
      entry: 'src/handlers/cors-preflight.ts',
      env: { allowedOriginParameter: env.allowedOriginParameter },
    },
  },
  routes,
  routeRequest,
  table: { ...historyTableDefinition, timeToLiveAttribute: TIME_TO_LIVE_ATTRIBUTE },
} as const;

export type HistoryDefinition = typeof historyDefinition;
export type { RouteParameter, RouteRequest } from './api/openapi';
export type { Route, RouteHandler } from './api/routes';
