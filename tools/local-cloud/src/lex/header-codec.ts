import { gunzipSync, gzipSync } from 'node:zlib';

/** RecognizeUtterance and PutSession send JSON in headers gzipped then base64-encoded. */
export function encodeHeader(value: unknown): string {
  return gzipSync(Buffer.from(JSON.stringify(value))).toString('base64');
}

/**
 * Reads a JSON request header: gzip+base64 as the SDK documents it, or plain base64 JSON
 * (which clients also send); `undefined` when absent. Anything else is the caller's error.
 */
export function decodeHeader(value: string | string[] | undefined, name: string): unknown {
  if (value === undefined) return undefined;
  const raw = Buffer.from(Array.isArray(value) ? value.join('') : value, 'base64');
  const text =
    raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new Error(`${name} is not base64-encoded (optionally gzipped) JSON`);
  }
}
