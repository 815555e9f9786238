/**
 * Where a guest's upload lives: `uploads/<identityId>/<conversationId>/<uuid>.<ext>`. The
 * identity prefix is what IAM lets the guest write to, the conversation id is how the result
 * reaches the right chat, and the extension is only a hint (the format comes from the bytes).
 * Its flipped picture goes to `flipped/<the same key>` in the output bucket.
 *
 * The one place the layout is written down: image-flip parses it, history reads the uploader
 * from it, the stacks derive IAM resources, lifecycle prefixes and rule patterns from it, and
 * the image workflow's failure path reads the conversation segment at `UploadKeyLayout.segments`.
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

const UPLOADS = 'uploads';
const FLIPPED = 'flipped';

export const UploadKeyLayout = {
  /** Every upload's key starts with it (bucket lifecycle, rule pattern, IAM). */
  uploadsPrefix: `${UPLOADS}/`,
  /** Every flipped picture's key starts with it, in the output bucket. */
  outputPrefix: `${FLIPPED}/`,
  /** Zero-based positions of the segments when the key is split at `/`. */
  segments: { identityId: 1, conversationId: 2, file: 3 },
  /** How the layout reads in messages and docs. */
  description: `${UPLOADS}/<identity>/<conversation>/<id>.<ext>`,
} as const;

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const KEY_PATTERN = new RegExp(
  `^${UPLOADS}/([a-z]{2}(?:-[a-z]+)+-\\d:${UUID})/(${UUID})/(${UUID})\\.([a-z0-9]{1,5})$`,
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

/** The key an upload of this identity into this conversation is stored at. */
export function uploadKey(parts: Omit<UploadKey, 'key'>): string {
  return `${uploadPrefix(parts.identityId, parts.conversationId)}${parts.objectId}.${parts.extension}`;
}

/**
 * The prefix of one identity's uploads, or of its uploads into one conversation. The identity
 * may be an IAM policy variable (`${cognito-identity.amazonaws.com:sub}`), which is how the
 * guest role's PutObject resource is built.
 */
export function uploadPrefix(identityId: string, conversationId?: string): string {
  return `${UPLOADS}/${identityId}/${conversationId === undefined ? '' : `${conversationId}/`}`;
}

/** Where the flipped picture of an upload (or of every upload under a prefix) goes. */
export function outputKeyOf(sourceKey: string): string {
  return `${FLIPPED}/${sourceKey}`;
}

/**
 * The identity and conversation segments of any key under `uploads/` with exactly the
 * layout's four segments, without checking their format. For readers that must decide whose
 * an upload is even when it was not validated (the history timeline).
 */
export function uploadKeySegments(
  key: string,
): { identityId: string; conversationId: string } | undefined {
  const [prefix, identityId, conversationId, file, ...rest] = key.split('/');
  const wellFormed = prefix === UPLOADS && identityId && file && rest.length === 0;
  return wellFormed ? { identityId, conversationId: conversationId ?? '' } : undefined;
}

function safeDecode(key: string): string | undefined {
  try {
    return decodeURIComponent(key.replaceAll('+', ' '));
  } catch {
    return undefined;
  }
}
