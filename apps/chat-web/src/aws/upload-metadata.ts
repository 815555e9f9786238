/**
 * The S3 user metadata the page sends with an upload so the person's file name outlives a
 * reload: the image workflow reads it back and the history keeps it. A copy of
 * `UploadMetadata.fileName` and `encodeUploadFileName` of `@booktrip/events`
 * (layouts/upload-metadata.ts, which documents the format), kept here so the page's bundle does
 * not pull the events library in.
 */
export const FILE_NAME_METADATA = 'file-name';

/** S3's limit on user metadata: the UTF-8 bytes of every key and value, together. */
const MAX_METADATA_BYTES = 2048;

/**
 * `{ 'file-name': <name, URI-encoded> }` for PutObject's `Metadata`: metadata is ASCII (it
 * travels in the URL or headers), so the name is `encodeURIComponent`-encoded. A name S3 would
 * refuse — over its 2 KB, or with a lone surrogate that cannot be encoded — is not sent, so the
 * upload still goes through; the picture is then called `picture.<ext>` after a reload.
 */
export function fileNameMetadata(name: string): Record<string, string> {
  let value: string;
  try {
    value = encodeURIComponent(name);
  } catch {
    return {};
  }
  return FILE_NAME_METADATA.length + value.length <= MAX_METADATA_BYTES
    ? { [FILE_NAME_METADATA]: value }
    : {};
}
