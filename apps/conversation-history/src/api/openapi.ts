import { z } from 'zod';
import { API_VERSION, routes, type Route } from './routes';
import { ErrorBodySchema } from './schemas';

type JsonObject = Record<string, unknown>;

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

function parameters(route: Route): JsonObject[] {
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
