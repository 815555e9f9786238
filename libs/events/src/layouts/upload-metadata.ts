import { FileNameSchema } from '../contracts/file-name';

/**
 * What the chat page writes on an upload as S3 user metadata, beside the key layout of
 * `upload-key.ts`. The page sends it through its presigned PUT as `x-amz-meta-file-name`; the
 * image workflow reads it back with HeadObject (`Metadata['file-name']`).
 *
 * S3 metadata travels in HTTP headers (or a presigned URL's query), which carry ASCII only, so
 * the name is stored `encodeURIComponent`-encoded: `Zürich <1>.png` → `Z%C3%BCrich%20%3C1%3E.png`.
 * This is the one place that says so; the page keeps a documented copy of the two lines it needs.
 */
export const UploadMetadata = {
  /** The user-metadata key, as SDK v3's `Metadata` map names it (S3 adds `x-amz-meta-`). */
  fileName: 'file-name',
} as const;

/** The metadata value for a file name. */
export const encodeUploadFileName = (name: string): string => encodeURIComponent(name);

/** A file name read from an upload: the name, or why there is none. */
export type UploadFileName =
  | { fileName: string; dropped?: undefined }
  | { fileName?: undefined; dropped?: 'absent' | 'not-encoded' | 'invalid' };

/**
 * The person's name for an upload from its user metadata (HeadObject's `Metadata`): decoded,
 * trimmed and checked by `FileNameSchema`. A missing, undecodable, empty, over-long or
 * control-character name is no name — never an error, since the picture is still flippable.
 */
export function readUploadFileName(
  metadata: Record<string, string | undefined> | undefined,
): UploadFileName {
  const raw = metadata?.[UploadMetadata.fileName];
  if (raw === undefined) return { dropped: 'absent' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { dropped: 'not-encoded' };
  }
  const checked = FileNameSchema.safeParse(decoded);
  return checked.success ? { fileName: checked.data } : { dropped: 'invalid' };
}
