/** What the image workflow accepts (it validates again by magic bytes: this is for people). */
export const ACCEPTED_TYPES = [
  'image/png',
  'image/jpeg',
  'image/webp',
  'image/gif',
  'image/avif',
] as const;
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

export type UploadCheck = { ok: true; extension: string } | { ok: false; reason: string };

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'image/avif': 'avif',
};

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** Checks a picked, dropped or pasted file before anything is sent. */
export function checkUpload(file: { type: string; size: number }): UploadCheck {
  if (!(ACCEPTED_TYPES as readonly string[]).includes(file.type)) {
    return { ok: false, reason: 'Only PNG, JPEG, WebP, GIF or AVIF pictures can be flipped.' };
  }
  if (file.size === 0) return { ok: false, reason: 'That file is empty.' };
  if (file.size > MAX_UPLOAD_BYTES) {
    return {
      ok: false,
      reason: `That picture is ${megabytes(file.size)}; the limit is ${megabytes(MAX_UPLOAD_BYTES)}.`,
    };
  }
  return { ok: true, extension: EXTENSIONS[file.type] ?? 'bin' };
}

/**
 * The object key: the identity segment is what IAM pins the guest to, the conversation segment
 * is what the history service files it under. The person's file name never enters the key.
 */
export const uploadKey = (
  identityId: string,
  conversationId: string,
  id: string,
  extension: string,
) => `uploads/${identityId}/${conversationId}/${id}.${extension}`;
