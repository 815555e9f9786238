import { randomUUID } from 'node:crypto';

export const IDENTITY_ID = 'us-east-1:6c1f1b4e-1f4a-4d8e-9a51-2d0a5f0e4c11';

/** A key in the layout guests upload to: `uploads/<identity>/<conversation>/<uuid>.<ext>`. */
export function uploadKey(extension = 'jpg', conversationId: string = randomUUID()): string {
  return `uploads/${IDENTITY_ID}/${conversationId}/${randomUUID()}.${extension}`;
}
