import { SafeText } from './safe-text';

/** The longest file name kept, in UTF-16 units as zod counts: what common file systems allow. */
export const FILE_NAME_MAX_LENGTH = 255;

/**
 * The name a person gave their file, shown under the picture as text (never as HTML: a name
 * like `<img src=x onerror=…>.png` is kept verbatim and rendered as those characters). Trimmed;
 * 1–255 characters; no control characters, separators or bidi overrides, which would let a
 * name disguise itself (`abc\u202Egnp.exe`) or break a log line.
 */
export const FileNameSchema = SafeText(FILE_NAME_MAX_LENGTH, { trim: true });

/**
 * `fileName` in the image events: optional, so events from before it existed stay valid, and a
 * name that is not a valid `FileNameSchema` is dropped rather than failing the event — the
 * picture matters more than its caption, and a consumer must not lose an entry over it.
 * Producers read names through `readUploadFileName`, which says why it dropped one.
 */
export const OptionalFileName = FileNameSchema.optional().catch(undefined);
