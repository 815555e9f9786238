/**
 * Where a guest's upload lives: `uploads/<identityId>/<conversationId>/<uuid>.<ext>`. The
 * identity prefix is what IAM lets the guest write to, the conversation id is how the result
 * reaches the right chat, and the extension is only a hint (the format comes from the bytes).
 */
export interface UploadKey {
  /** The object key as stored in S3 (decoded). */
  key: string;
  /** Cognito identity id, e.g. `us-east-1:0b4d…`. */
  identityId: string;
  conversationId: string;
  objectId: string;
  extension: string;
}

export const UPLOADS_PREFIX = 'uploads/';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const KEY_PATTERN = new RegExp(
  `^uploads/([a-z]{2}(?:-[a-z]+)+-\\d:${UUID})/(${UUID})/(${UUID})\\.([a-z0-9]{1,5})$`,
);

/**
 * Parses an upload key; undefined when it does not follow the layout. S3 notifications may
 * URL-encode keys (`:` as `%3A`), so an encoded key is accepted too.
 */
export function parseUploadKey(rawKey: string): UploadKey | undefined {
  const key = rawKey.includes('%') ? safeDecode(rawKey) : rawKey;
  if (key === undefined) return undefined;
  const match = KEY_PATTERN.exec(key);
  if (!match) return undefined;
  const [, identityId, conversationId, objectId, extension] = match;
  if (!identityId || !conversationId || !objectId || !extension) return undefined;
  return { key, identityId, conversationId, objectId, extension };
}

function safeDecode(key: string): string | undefined {
  try {
    return decodeURIComponent(key.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}
