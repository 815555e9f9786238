import { uploadKey as layoutKey } from '@booktrip/events';
import { randomUUID } from 'node:crypto';

export const IDENTITY_ID = 'us-east-1:6c1f1b4e-1f4a-4d8e-9a51-2d0a5f0e4c11';

/** A fresh key in the layout guests upload to, for this test identity. */
export function uploadKey(extension = 'jpg', conversationId: string = randomUUID()): string {
  return layoutKey({ identityId: IDENTITY_ID, conversationId, objectId: randomUUID(), extension });
}
