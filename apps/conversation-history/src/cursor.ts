import { createHmac, timingSafeEqual } from 'node:crypto';

/** A cursor that was modified, forged, or minted for another listing. */
export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
}

export type PageKey = Record<string, string>;

/**
 * Opaque, tamper-evident page cursors: `<payload>.<signature>`, base64url. The HMAC covers the
 * payload and the scope (the listing it belongs to: owner, conversation, kind, order), so a
 * cursor edited by hand, or replayed against another conversation or another person's
 * listing, is rejected before it reaches DynamoDB as an ExclusiveStartKey.
 */
export function createCursorCodec(signingKey: string) {
  if (signingKey.length < 32) {
    throw new Error('The cursor signing key must be at least 32 characters');
  }
  const sign = (scope: string, payload: string) =>
    createHmac('sha256', signingKey).update(`${scope}\n${payload}`).digest();

  return {
    encode(scope: string, key: PageKey): string {
      const payload = Buffer.from(JSON.stringify(key)).toString('base64url');
      return `${payload}.${sign(scope, payload).toString('base64url')}`;
    },

    decode(scope: string, cursor: string): PageKey {
      const [payload, signature, extra] = cursor.split('.');
      if (!payload || !signature || extra !== undefined) {
        throw new InvalidCursorError('The cursor is malformed');
      }
      const expected = sign(scope, payload);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw new InvalidCursorError('The cursor was modified or belongs to another listing');
      }
      const key: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      if (
        typeof key !== 'object' ||
        key === null ||
        !Object.values(key).every((value) => typeof value === 'string')
      ) {
        throw new InvalidCursorError('The cursor is malformed');
      }
      return key as PageKey;
    },
  };
}
export type CursorCodec = ReturnType<typeof createCursorCodec>;
