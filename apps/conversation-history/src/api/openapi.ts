import { z } from 'zod';
import { API_VERSION, routes, type Route } from './routes';
import { ErrorBodySchema } from './schemas';

export type JsonObject = Record<string, unknown>;

/** One request parameter of a route, as API Gateway validates it. */
export interface RouteParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
}

/** What API Gateway checks before a route's function runs: its parameters and JSON body. */
export interface RouteRequest {
  parameters: RouteParameter[];
  /** The body's JSON Schema (OpenAPI 3.0 dialect), when the route takes one. */
  body?: JsonObject;
}

const schemaOf = (schema: z.ZodType, io: 'input' | 'output'): JsonObject => {
  const { $schema: _ignored, ...json } = z.toJSONSchema(schema, {
    target: 'openapi-3.0',
    io,
    unrepresentable: 'any',
  }) as JsonObject;
  return json;
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

function parameters(route: Route): (RouteParameter & JsonObject)[] {
  const of = (where: 'path' | 'query', object: z.ZodObject | undefined) =>
    Object.entries(object?.shape ?? {}).map(([name, field]) => {
      const { description, ...schema } = schemaOf(field as z.ZodType, 'input');
      return {
        name,
        in: where,
        required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
        ...(typeof description === 'string' ? { description } : {}),
        schema,
      };
    });
  return [...of('path', route.pathParams), ...of('query', route.query)];
}

function operation(route: Route): JsonObject {
  const { status, schema } = route.success;
  return {
    operationId: route.operationId,
    summary: route.summary,
    'x-booktrip-handler': route.handler,
    security: [{ sigv4: [] }],
    parameters: parameters(route),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemaOf(route.body, 'input') } },
          },
        }
      : {}),
    responses: {
      [status]: schema
        ? {
            description: 'OK',
            content: { 'application/json': { schema: schemaOf(schema, 'output') } },
          }
        : { description: 'Done; no content' },
      400: errorResponse('Invalid id, limit, cursor or body'),
      403: errorResponse('No Cognito identity on the request'),
      404: errorResponse('No such conversation, or not yours'),
      500: errorResponse('Our fault'),
    },
  };
}

/** A route's parameters and body schema, exactly as the OpenAPI document states them. */
export function routeRequest(route: Route): RouteRequest {
  return {
    parameters: parameters(route).map((p) => ({ name: p.name, in: p.in, required: p.required })),
    ...(route.body ? { body: schemaOf(route.body, 'input') } : {}),
  };
}

/**
 * The OpenAPI 3.0 document of the API, generated from the routes' zod schemas. Committed as
 * openapi.json (a test keeps it equal to this) and read by the stack for request validation.
 */
export function openApiDocument(): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const route of routes) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.0.3',
    info: {
      title: 'BookTrip conversation history',
      version: API_VERSION,
      description:
        "Conversations and their timelines (turns, reservations, images). IAM (SigV4) auth with the caller's Cognito identity-pool credentials; a conversation is visible to its owner only.",
    },
    paths,
    components: {
      schemas: { Error: schemaOf(ErrorBodySchema, 'output') },
      securitySchemes: {
        sigv4: {
          type: 'apiKey',
          name: 'Authorization',
          in: 'header',
          'x-amazon-apigateway-authtype': 'awsSigv4',
        },
      },
    },
  };
}
