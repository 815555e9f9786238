import { jsonError, type EdgeRequest, type EdgeResponse } from '../edge/contracts';

/** One call of an AWS JSON 1.0/1.1 service: `X-Amz-Target: <prefix>.<Operation>` and a JSON body. */
export interface JsonCall {
  operation: string;
  input: Record<string, unknown>;
}

/**
 * Reads the operation and input of a JSON-protocol request, or the error the real service
 * answers when either is unreadable (the SDK maps `SerializationException` / `UnknownOperation`).
 */
export function readJsonCall(request: EdgeRequest, targetPrefix: string): JsonCall | EdgeResponse {
  const target = String(request.headers['x-amz-target'] ?? '');
  if (!target.startsWith(`${targetPrefix}.`)) {
    return jsonError(400, 'UnknownOperationException', `Unknown target ${target || '(none)'}`);
  }
  const operation = target.slice(targetPrefix.length + 1);
  const text = request.body.toString('utf8').trim();
  if (text === '') return { operation, input: {} };
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      return jsonError(400, 'SerializationException', 'The request body must be a JSON object');
    }
    return { operation, input: parsed as Record<string, unknown> };
  } catch {
    return jsonError(400, 'SerializationException', 'The request body is not valid JSON');
  }
}

export function isJsonCall(value: JsonCall | EdgeResponse): value is JsonCall {
  return 'operation' in value;
}

/**
 * Reads a JSON-protocol call and finds its operation in `operations`, or the error the service
 * answers: unreadable call, or an operation the local `service` does not implement.
 */
export function dispatchJsonCall<Operation>(
  request: EdgeRequest,
  targetPrefix: string,
  operations: Readonly<Record<string, Operation>>,
  service: string,
): { call: JsonCall; operation: Operation } | EdgeResponse {
  const call = readJsonCall(request, targetPrefix);
  if (!isJsonCall(call)) return call;
  const operation = operations[call.operation];
  if (!operation) {
    return jsonError(
      400,
      'UnknownOperationException',
      `The local ${service} does not implement ${call.operation}`,
    );
  }
  return { call, operation };
}

export function isDispatched<Operation>(
  value: { call: JsonCall; operation: Operation } | EdgeResponse,
): value is { call: JsonCall; operation: Operation } {
  return 'call' in value;
}

/** What a signed-only JSON service answers an unsigned request. */
export function missingAuthentication(): EdgeResponse {
  return jsonError(
    403,
    'MissingAuthenticationTokenException',
    'Request is missing Authentication Token',
  );
}

export function jsonResult(body: unknown): EdgeResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/x-amz-json-1.1' },
    body: JSON.stringify(body),
  };
}

/** A required string member, or the ValidationException the service answers without it. */
export function requiredString(
  input: Record<string, unknown>,
  member: string,
): string | EdgeResponse {
  const value = input[member];
  if (typeof value === 'string' && value !== '') return value;
  return jsonError(
    400,
    'ValidationException',
    `1 validation error detected: Value at '${member[0]?.toLowerCase()}${member.slice(1)}' failed to satisfy constraint: Member must not be null`,
  );
}

/** Epoch seconds, as the JSON protocols carry timestamps. */
export function epochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}
