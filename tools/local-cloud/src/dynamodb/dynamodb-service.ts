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
  /** `dynamodb:LeadingKeys`: the partition key values of the items touched, when known. */
  context?: Record<string, string[]>;
}

/** The partition key attribute of each table, by table name (for `dynamodb:LeadingKeys`). */
export type PartitionKeys = Readonly<Record<string, string>>;

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
  partitionKeys?: PartitionKeys;
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
    const accesses = tableAccesses(operation, input, tableArn, deps.partitionKeys);
    if (!accesses) {
      return denied(
        request.caller,
        `dynamodb:${operation}`,
        tableArn('*'),
        'the local cloud cannot authorize PartiQL statements for guest credentials',
      );
    }
    for (const access of accesses) {
      if (!(await deps.authorize(request.caller, access.action, access.resource, access.context))) {
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
  partitionKeys: PartitionKeys = {},
): TableAccess[] | undefined {
  const onTable = (
    action: string,
    table: unknown,
    index?: unknown,
    items: readonly unknown[] = [],
  ): TableAccess => {
    const leadingKeys = leadingKeysOf(partitionKeys[String(table)], items);
    return {
      action,
      resource:
        typeof index === 'string'
          ? `${tableArn(String(table))}/index/${index}`
          : tableArn(String(table)),
      ...(leadingKeys.length > 0 ? { context: { 'dynamodb:LeadingKeys': leadingKeys } } : {}),
    };
  };
  switch (operation) {
    case 'ListTables':
      return [{ action: 'dynamodb:ListTables', resource: '*' }];
    case 'BatchGetItem':
      return Object.entries((input.RequestItems ?? {}) as Record<string, { Keys?: unknown[] }>).map(
        ([table, request]) =>
          onTable('dynamodb:BatchGetItem', table, undefined, request.Keys ?? []),
      );
    case 'BatchWriteItem':
      return Object.entries((input.RequestItems ?? {}) as Record<string, WriteRequest[]>).map(
        ([table, requests]) =>
          onTable(
            'dynamodb:BatchWriteItem',
            table,
            undefined,
            (Array.isArray(requests) ? requests : []).map(
              (request) => request.PutRequest?.Item ?? request.DeleteRequest?.Key,
            ),
          ),
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
        { TableName?: string; Key?: unknown; Item?: unknown }
      >[];
      return items.flatMap((item) =>
        Object.entries(item).map(([kind, part]) =>
          onTable(actions[kind] ?? `dynamodb:${kind}`, part.TableName, undefined, [
            part.Key ?? part.Item,
          ]),
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
    case 'GetItem':
    case 'UpdateItem':
    case 'DeleteItem':
      return [onTable(`dynamodb:${operation}`, input.TableName, undefined, [input.Key])];
    case 'PutItem':
      return [onTable('dynamodb:PutItem', input.TableName, undefined, [input.Item])];
    default:
      return [onTable(`dynamodb:${operation}`, input.TableName)];
  }
}

interface WriteRequest {
  PutRequest?: { Item?: unknown };
  DeleteRequest?: { Key?: unknown };
}

/** The distinct partition key values (`{ S }`, `{ N }` or `{ B }`) of the items a request names. */
function leadingKeysOf(attribute: string | undefined, items: readonly unknown[]): string[] {
  if (!attribute) return [];
  const values = new Set<string>();
  for (const item of items) {
    const value = (item as Record<string, Record<string, unknown>> | undefined)?.[attribute];
    const scalar = value?.S ?? value?.N ?? value?.B;
    if (typeof scalar === 'string') values.add(scalar);
  }
  return [...values];
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
