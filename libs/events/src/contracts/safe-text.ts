import { z } from 'zod';

/**
 * Characters that must not reach a person's screen or terminal as they are: C0/C1 controls
 * (terminal escape sequences start with ESC), line and paragraph separators, bidirectional
 * overrides and isolates (which reorder what is shown), the BOM, and lone surrogates.
 */
const UNSAFE = /[\p{Cc}\p{Zl}\p{Zp}\u202A-\u202E\u2066-\u2069\uFEFF]|\p{Cs}/gu;
const SAFE_PATTERN = /^(?:(?![\p{Cc}\p{Zl}\p{Zp}\u202A-\u202E\u2066-\u2069\uFEFF])[^\p{Cs}])*$/u;

/** `\x1B` for the first 256 code points, `\u202E` above: visible, and unambiguous to a reader. */
function escapeCodePoint(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  const hex = code.toString(16).toUpperCase();
  return code <= 0xff ? `\\x${hex.padStart(2, '0')}` : `\\u${hex.padStart(4, '0')}`;
}

/**
 * Text from outside (a file's bytes, a field name, a user's words) made safe to show: every
 * unsafe character escaped to printable text, then clipped to `maxLength` code points (an
 * ellipsis marks the cut, and no character or escape is cut in half).
 */
export function printable(text: string, maxLength: number): string {
  // By code point, so an emoji is never cut in half; lengths in UTF-16 units, as zod's max().
  const pieces = Array.from(text, (character) => character.replace(UNSAFE, escapeCodePoint));
  const whole = pieces.join('');
  if (whole.length <= maxLength) return whole;
  let kept = '';
  for (const piece of pieces) {
    if (kept.length + piece.length > maxLength - 1) break;
    kept += piece;
  }
  return `${kept}…`;
}

/** A short excerpt of outside text in quotes, for error messages: `"abc…"`. */
export function quoted(text: string, maxLength = 40): string {
  return `"${printable(text, maxLength)}"`;
}

/** True when `text` has nothing `printable` would escape. */
export function isPrintable(text: string): boolean {
  return SAFE_PATTERN.test(text);
}

/**
 * A message shown to a person as it is (a refusal's or a failure's reason): non-empty, at most
 * `maxLength` characters, printable. Producers pass quoted input through `printable` first.
 * `trim`: surrounding white space is removed before the checks (a name a person typed).
 */
export const SafeText = (maxLength: number, options: { trim?: boolean } = {}) =>
  (options.trim ? z.string().trim() : z.string())
    .min(1)
    .max(maxLength)
    .regex(SAFE_PATTERN, 'must be printable text (no control characters)');
