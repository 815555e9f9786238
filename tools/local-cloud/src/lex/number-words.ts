const UNITS: Record<string, number> = {
  zero: 0,
  one: 1,
  a: 1,
  an: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALES: Record<string, number> = { hundred: 100, thousand: 1000, million: 1_000_000 };

/**
 * A cardinal number written in digits ("3", "1,200", "2.5") or English words ("five", "twenty
 * one", "twenty-one", "a hundred and ten"), as AMAZON.Number understands it; `undefined` for
 * anything else, so a wrong word never becomes a number.
 */
export function parseNumber(input: string): number | undefined {
  const text = input.trim().toLowerCase();
  if (/^-?\d{1,3}(,\d{3})+(\.\d+)?$/.test(text)) return Number(text.replace(/,/g, ''));
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  const ordinal = /^(\d+)(st|nd|rd|th)$/.exec(text);
  if (ordinal?.[1]) return Number(ordinal[1]);
  const words = text
    .replace(/-/g, ' ')
    .split(/\s+/)
    .filter((word) => word !== 'and');
  if (words.length === 0) return undefined;
  // "a"/"an" only count before a scale word ("a hundred"), never alone.
  if (words.length === 1 && (words[0] === 'a' || words[0] === 'an')) return undefined;
  let total = 0;
  let current = 0;
  let seen = false;
  for (const word of words) {
    if (word in UNITS) {
      current += UNITS[word] ?? 0;
    } else if (word in TENS) {
      current += TENS[word] ?? 0;
    } else if (word in SCALES) {
      const scale = SCALES[word] ?? 1;
      if (scale === 100) current = (current || 1) * 100;
      else {
        total += (current || 1) * scale;
        current = 0;
      }
    } else {
      return undefined;
    }
    seen = true;
  }
  return seen ? total + current : undefined;
}
