/**
 * How much of the user's own words a reply repeats. Lex rejects a message over 1,024
 * characters (DependencyFailedException), and a slot value can be far longer than that.
 */
export const MAX_QUOTED_CHARACTERS = 40;

/** The user's words in quotes, cut to `MAX_QUOTED_CHARACTERS` with an ellipsis. */
export function quoteInput(text: string): string {
  // By code point, so an emoji or other astral character is never cut in half.
  const characters = Array.from(text.trim());
  const shown =
    characters.length > MAX_QUOTED_CHARACTERS
      ? `${characters.slice(0, MAX_QUOTED_CHARACTERS).join('')}…`
      : characters.join('');
  return `"${shown}"`;
}
