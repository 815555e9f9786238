import type { z } from 'zod';
import {
  ConversationCreatedSchema,
  ConversationIdParamsSchema,
  ConversationListSchema,
  ConversationSummarySchema,
  CreateConversationBodySchema,
  ListConversationsQuerySchema,
  ListMessagesQuerySchema,
  MessagePageSchema,
} from './schemas';

/** The handler files under src/handlers that serve a route. */
export type RouteHandler =
  | 'create-conversation'
  | 'list-conversations'
  | 'get-conversation'
  | 'list-messages'
  | 'delete-conversation';

export interface Route {
  operationId: string;
  method: 'GET' | 'POST' | 'DELETE';
  /** API Gateway resource path, version prefix included. */
  path: string;
  summary: string;
  /** The handler file under src/handlers (one Lambda function per route). */
  handler: RouteHandler;
  pathParams?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  success: { status: 200 | 201 | 204; schema?: z.ZodType };
}

export const API_VERSION = 'v1';
const base = `/${API_VERSION}/conversations`;

/** The REST API, once: the handlers, the OpenAPI document and the stack all read this. */
export const routes: readonly Route[] = [
  {
    operationId: 'createConversation',
    method: 'POST',
    path: base,
    summary: "Starts a conversation owned by the caller's identity",
    handler: 'create-conversation',
    body: CreateConversationBodySchema,
    success: { status: 201, schema: ConversationCreatedSchema },
  },
  {
    operationId: 'listConversations',
    method: 'GET',
    path: base,
    summary: "The caller's conversations, most recent activity first",
    handler: 'list-conversations',
    query: ListConversationsQuerySchema,
    success: { status: 200, schema: ConversationListSchema },
  },
  {
    operationId: 'getConversation',
    method: 'GET',
    path: `${base}/{id}`,
    summary: 'A conversation: when it started, its last activity and its entry counts',
    handler: 'get-conversation',
    pathParams: ConversationIdParamsSchema,
    success: { status: 200, schema: ConversationSummarySchema },
  },
  {
    operationId: 'listMessages',
    method: 'GET',
    path: `${base}/{id}/messages`,
    summary: "A page of the conversation's timeline, optionally one kind of entry",
    handler: 'list-messages',
    pathParams: ConversationIdParamsSchema,
    query: ListMessagesQuerySchema,
    success: { status: 200, schema: MessagePageSchema },
  },
  {
    operationId: 'deleteConversation',
    method: 'DELETE',
    path: `${base}/{id}`,
    summary: 'Deletes the conversation and every entry of its timeline',
    handler: 'delete-conversation',
    pathParams: ConversationIdParamsSchema,
    success: { status: 204 },
  },
];
