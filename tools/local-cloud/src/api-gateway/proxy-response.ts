import type { EdgeResponse } from '../edge/contracts';

const KEYS = new Set([
  'statusCode',
  'headers',
  'multiValueHeaders',
  'body',
  'isBase64Encoded',
  'cookies',
]);

/**
 * A Lambda proxy integration's result as the HTTP response API Gateway sends, or undefined
 * when API Gateway would call it malformed (→ 502): not an object, unknown keys, a status
 * that is no integer, a non-string body, headers that are not strings.
 */
export function proxyResponse(result: unknown): EdgeResponse | undefined {
  if (typeof result !== 'object' || result === null || Array.isArray(result)) return undefined;
  const response = result as Record<string, unknown>;
  if (Object.keys(response).some((key) => !KEYS.has(key))) return undefined;
  const status = Number(response.statusCode ?? 200);
  if (!Number.isInteger(status) || status < 100 || status > 599) return undefined;
  if (response.body !== undefined && response.body !== null && typeof response.body !== 'string') {
    return undefined;
  }
  const headers: Record<string, string> = {};
  if (response.headers !== undefined && response.headers !== null) {
    if (typeof response.headers !== 'object') return undefined;
    for (const [name, value] of Object.entries(response.headers)) {
      if (!isScalar(value)) return undefined;
      headers[name.toLowerCase()] = String(value);
    }
  }
  if (response.multiValueHeaders !== undefined && response.multiValueHeaders !== null) {
    if (typeof response.multiValueHeaders !== 'object') return undefined;
    for (const [name, values] of Object.entries(response.multiValueHeaders)) {
      if (!Array.isArray(values) || !values.every(isScalar)) return undefined;
      // One header line per name on the edge: values join as HTTP allows for lists.
      headers[name.toLowerCase()] = values.map(String).join(', ');
    }
  }
  const text = (response.body as string | null | undefined) ?? '';
  const body = response.isBase64Encoded === true ? Buffer.from(text, 'base64') : text;
  return { status, headers, body };
}

function isScalar(value: unknown): value is string | number | boolean {
  return ['string', 'number', 'boolean'].includes(typeof value);
}
