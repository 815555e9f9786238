import { request as httpRequest } from 'node:http';
import {
  jsonError,
  type Authorize,
  type Caller,
  type EdgeRequest,
  type EdgeResponse,
  type EdgeService,
} from '../edge/contracts';

const TARGET_PREFIX = 'DynamoDB_20120810';
/** DynamoDB Local puts this region in the ARNs it returns. */
const LOCAL_ARN_REGION = /arn:aws:dynamodb:ddblocal:/g;

/** One IAM question a DynamoDB request raises: an action on a table or index ARN. */
export interface TableAccess {
  action: string;
  resource: string;
}

/**
 * The DynamoDB JSON protocol, proxied to DynamoDB Local. Guests are asked about every table
 * (and index) a request touches, with the IAM action each part needs — transactions need the
 * per-item actions, as in AWS — before DynamoDB Local sees the request. ARNs in answers carry
 * the local cloud's region instead of DynamoDB Local's `ddblocal`.
 */
export function dynamoDbService(deps: {
  /** DynamoDB Local's own endpoint. */
  backend: string;
  authorize: Authorize;
  region: string;
  accountId: string;
}): EdgeService {
  const tableArn = (table: string) =>
    `arn:aws:dynamodb:${deps.region}:${deps.accountId}:table/${table}`;
  return {
    signingNames: ['dynamodb'],
    targetPrefixes: [TARGET_PREFIX],
    async handle(request) {
      const target = String(request.headers['x-amz-target'] ?? '');
      if (!target.startsWith(`${TARGET_PREFIX}.`)) {
        return jsonError(400, 'UnknownOperationException', `Unknown target ${target || '(none)'}`);
      }
      if (request.caller.kind === 'anonymous') {
        return jsonError(
          400,
          'MissingAuthenticationTokenException',
          'Request is missing Authentication Token',
        );
      }
      if (request.caller.kind === 'guest') {
        const denial = await guestDenial(request, target.slice(TARGET_PREFIX.length + 1));
        if (denial) return denial;
      }
      return forward(deps.backend, request, deps.region);
    },
  };

  async function guestDenial(
    request: EdgeRequest,
    operation: string,
  ): Promise<EdgeResponse | undefined> {
    let input: Record<string, unknown>;
    try {
      input = JSON.parse(request.body.toString('utf8') || '{}') as Record<string, unknown>;
    } catch {
      return jsonError(400, 'SerializationException', 'The request body is not valid JSON');
    }
    const accesses = tableAccesses(operation, input, tableArn);
    if (!accesses) {
      return denied(
        request.caller,
        `dynamodb:${operation}`,
        tableArn('*'),
        'the local cloud cannot authorize PartiQL statements for guest credentials',
      );
    }
    for (const access of accesses) {
      if (!(await deps.authorize(request.caller, access.action, access.resource))) {
        return denied(request.caller, access.action, access.resource);
      }
    }
    return undefined;
  }
}

/**
 * Which actions on which ARNs an operation needs, or undefined when the tables cannot be read
 * from the request (PartiQL statements).
 */
export function tableAccesses(
  operation: string,
  input: Record<string, unknown>,
  tableArn: (table: string) => string,
): TableAccess[] | undefined {
  const onTable = (action: string, table: unknown, index?: unknown): TableAccess => ({
    action,
    resource:
      typeof index === 'string'
        ? `${tableArn(String(table))}/index/${index}`
        : tableArn(String(table)),
  });
  switch (operation) {
    case 'ListTables':
      return [{ action: 'dynamodb:ListTables', resource: '*' }];
    case 'BatchGetItem':
    case 'BatchWriteItem':
      return Object.keys((input.RequestItems ?? {}) as object).map((table) =>
        onTable(`dynamodb:${operation}`, table),
      );
    case 'TransactGetItems':
    case 'TransactWriteItems': {
      const actions: Record<string, string> = {
        Get: 'dynamodb:GetItem',
        Put: 'dynamodb:PutItem',
        Update: 'dynamodb:UpdateItem',
        Delete: 'dynamodb:DeleteItem',
        ConditionCheck: 'dynamodb:ConditionCheckItem',
      };
      const items = (Array.isArray(input.TransactItems) ? input.TransactItems : []) as Record<
        string,
        { TableName?: string }
      >[];
      return items.flatMap((item) =>
        Object.entries(item).map(([kind, part]) =>
          onTable(actions[kind] ?? `dynamodb:${kind}`, part.TableName),
        ),
      );
    }
    case 'ExecuteStatement':
    case 'BatchExecuteStatement':
    case 'ExecuteTransaction':
      return undefined;
    case 'Query':
    case 'Scan':
      return [onTable(`dynamodb:${operation}`, input.TableName, input.IndexName)];
    default:
      return [onTable(`dynamodb:${operation}`, input.TableName)];
  }
}

function denied(caller: Caller, action: string, resource: string, why?: string): EdgeResponse {
  const who = caller.kind === 'guest' ? caller.arn : caller.kind;
  return jsonError(
    400,
    'AccessDeniedException',
    `User: ${who} is not authorized to perform: ${action} on resource: ${resource}${why ? ` (${why})` : ''}`,
  );
}

/** Hop-by-hop headers a proxy must not pass on. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'host',
  'content-length',
]);

function forward(backend: string, request: EdgeRequest, region: string): Promise<EdgeResponse> {
  const url = new URL(request.path, backend);
  const headers = Object.fromEntries(
    Object.entries(request.headers).filter(([name]) => !HOP_BY_HOP.has(name)),
  );
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      url,
      { method: request.method, headers: { ...headers, 'content-length': request.body.length } },
      (incoming) => {
        const chunks: Buffer[] = [];
        incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
        incoming.on('error', reject);
        incoming.on('end', () => {
          const original = Buffer.concat(chunks).toString('utf8');
          const body = original.replace(LOCAL_ARN_REGION, `arn:aws:dynamodb:${region}:`);
          const responseHeaders: Record<string, string> = {};
          for (const [name, value] of Object.entries(incoming.headers)) {
            if (value === undefined || HOP_BY_HOP.has(name)) continue;
            // A rewritten body no longer matches DynamoDB's checksum, which the SDK verifies.
            if (name === 'x-amz-crc32' && body !== original) continue;
            responseHeaders[name] = Array.isArray(value) ? value.join(', ') : value;
          }
          resolve({ status: incoming.statusCode ?? 502, headers: responseHeaders, body });
        });
      },
    );
    outgoing.on('error', (error) =>
      resolve(
        jsonError(500, 'InternalServerError', `DynamoDB Local did not answer: ${error.message}`),
      ),
    );
    outgoing.end(request.body);
  });
}
