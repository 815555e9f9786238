const YES = new Set(
  'yes yeah yep yup ya yea sure ok okay certainly absolutely definitely correct right affirmative confirm confirmed fine perfect great please'.split(
    ' ',
  ),
);
const YES_PHRASES = ['go ahead', 'do it', 'sounds good', 'of course', 'book it'];
const NO = new Set('no nope nah never negative cancel not dont stop wrong incorrect'.split(' '));

/**
 * The answer to a yes/no question ("yeah", "sure, go ahead", "nope", "no thanks"), as Lex
 * understands a confirmation prompt's reply; `undefined` when it is neither.
 */
export function yesOrNo(text: string): 'yes' | 'no' | undefined {
  const words = text
    .toLowerCase()
    .replace(/n't\b/g, ' not')
    .replace(/[^\p{L}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
  if (words.length === 0 || words.length > 6) return undefined;
  const no = words.some((word) => NO.has(word));
  const joined = ` ${words.join(' ')} `;
  const yes =
    words.some((word) => YES.has(word)) ||
    YES_PHRASES.some((phrase) => joined.includes(` ${phrase} `));
  if (no) return 'no';
  return yes ? 'yes' : undefined;
}
