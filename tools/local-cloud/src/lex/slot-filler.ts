import type { IntentDefinition, SlotTypeDefinition } from './bot-definition';
import {
  customPhrases,
  findDates,
  resolverFor,
  type RequestTime,
  type SlotTypeResolver,
  type SlotValue,
} from './slot-types';

type Token = { word: string } | { slot: string };

interface Fragment {
  slot: string;
  left: string[];
  right: string[];
  /** Compiled once: the context words with the value between them. */
  regex?: RegExp;
}

/** Punctuation is not part of any slot value; apostrophes are ("I'd", "O'Hare"). */
export function normalizeUtterance(text: string): string {
  return text
    .replace(/[,!?;"()[\]]|\.(?=\s|$)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A template word; a plural also matches its singular ("for one night" ~ "{Nights} nights"). */
const literal = (word: string) =>
  word.length > 3 && word.endsWith('s') && !word.endsWith('ss')
    ? `${escape(word.slice(0, -1))}s?`
    : escape(word);

function tokenize(template: string): Token[] {
  return normalizeUtterance(template.replace(/\{(\w+)\}/g, ' {$1} '))
    .split(' ')
    .filter(Boolean)
    .map((part) => {
      const slot = /^\{(\w+)\}$/.exec(part)?.[1];
      return slot ? { slot } : { word: part.toLowerCase() };
    });
}

const wordsOf = (tokens: Token[]) =>
  tokens.map((token) => ('word' in token ? token.word : undefined));

/**
 * Fills an intent's slots from one utterance the way Lex's slot recognition does, using only
 * what the bot declares: first a whole-utterance match of a sample utterance ("book a {RoomType}
 * room in {Location}"), then the words around each slot in any sample utterance ("in {Location}",
 * "{Nights} nights") found anywhere in the text, then values of a slot's type found on their
 * own (a room type's synonym, a date). Every value must resolve to the slot's type.
 */
export class SlotFiller {
  private readonly templates: { tokens: Token[]; regex: RegExp; slots: string[] }[];
  private readonly fragments: Fragment[];
  private readonly resolvers = new Map<string, SlotTypeResolver>();
  private readonly phrases = new Map<string, string[]>();

  constructor(
    private readonly intent: IntentDefinition,
    slotTypes: readonly SlotTypeDefinition[],
  ) {
    for (const slot of intent.slots) {
      this.resolvers.set(
        slot.name,
        resolverFor(slot.slotTypeName, slotTypes, { acceptAny: false }),
      );
      const custom = slotTypes.find((type) => type.name === slot.slotTypeName);
      if (custom && !custom.parentSlotTypeSignature) {
        this.phrases.set(slot.name, customPhrases(custom));
      }
    }
    const known = new Set(intent.slots.map((slot) => slot.name));
    const all = [...intent.sampleUtterances, ...intent.slots.flatMap((s) => s.sampleUtterances)];
    this.templates = all.map((template) => {
      const tokens = tokenize(template);
      for (const token of tokens) {
        if ('slot' in token && !known.has(token.slot)) {
          throw new Error(
            `Intent ${intent.name}: the utterance "${template}" names no slot ${token.slot}`,
          );
        }
      }
      const source = tokens
        .map((token) => ('slot' in token ? '(.+?)' : literal(token.word)))
        .join('\\s+');
      return {
        tokens,
        regex: new RegExp(`^${source}$`, 'iu'),
        slots: tokens.flatMap((token) => ('slot' in token ? [token.slot] : [])),
      };
    });
    this.fragments = fragmentsOf(this.templates.map((template) => template.tokens));
  }

  /** Resolves `text` as a value of one slot ("Chicago", "next Friday", a card button's value). */
  resolve(slot: string, text: string, at: RequestTime): SlotValue | undefined {
    return this.resolvers.get(slot)?.(normalizeUtterance(text), at);
  }

  /** The slots this utterance fills. */
  fill(text: string, at: RequestTime): Record<string, SlotValue> {
    const utterance = normalizeUtterance(text);
    const whole = this.wholeMatch(utterance, at);
    if (whole) return whole;

    const filled: Record<string, SlotValue> = {};
    // Character ranges already used by a value, so "Dec 3" is not also the number 3.
    const used: [number, number][] = [];
    const free = (start: number, end: number) => used.every(([s, e]) => end <= s || start >= e);
    const found = findDates(utterance, at);
    const dates = found.map(({ start, end }) => [start, end] as [number, number]);
    // A date slot's value is one of the dates found in the whole utterance (one chrono pass,
    // rather than one per candidate span).
    const resolveSpan = (slot: string, text: string, start: number, end: number) => {
      if (this.slotType(slot) !== 'AMAZON.Date') return this.resolve(slot, text, at);
      const date = found.find((d) => d.start === start && d.end === end);
      return date
        ? { originalValue: text, interpretedValue: date.iso, resolvedValues: [date.iso] }
        : undefined;
    };
    const inDate = (start: number, end: number) => dates.some(([s, e]) => start < e && end > s);

    for (const fragment of this.fragments) {
      if (filled[fragment.slot]) continue;
      const type = this.slotType(fragment.slot);
      const match = this.findFragment(utterance, fragment, resolveSpan, (start, end) => {
        if (!free(start, end)) return false;
        return type === 'AMAZON.Date' || !inDate(start, end);
      });
      if (match) {
        filled[fragment.slot] = match.value;
        used.push([match.start, match.end]);
      }
    }

    const lower = utterance.toLowerCase();
    for (const slot of this.intent.slots) {
      if (filled[slot.name]) continue;
      for (const phrase of this.phrases.get(slot.name) ?? []) {
        const match = new RegExp(
          `(?:^|\\s)(${escape(phrase).replace(/ /g, '\\s+')})(?=\\s|$)`,
          'iu',
        ).exec(lower);
        if (!match?.[1]) continue;
        const start = match.index + match[0].length - match[1].length;
        const end = start + match[1].length;
        const resolved = free(start, end)
          ? this.resolve(slot.name, utterance.slice(start, end), at)
          : undefined;
        if (resolved) {
          filled[slot.name] = resolved;
          used.push([start, end]);
          break;
        }
      }
    }

    const dateSlots = this.intent.slots.filter(
      (slot) => slot.slotTypeName === 'AMAZON.Date' && !filled[slot.name],
    );
    const freeDates = dates.filter(([start, end]) => free(start, end));
    dateSlots.forEach((slot, i) => {
      const span = freeDates[i];
      if (!span) return;
      const resolved = this.resolve(slot.name, utterance.slice(span[0], span[1]), at);
      if (resolved) {
        filled[slot.name] = resolved;
        used.push(span);
      }
    });
    return filled;
  }

  private slotType(slot: string): string | undefined {
    return this.intent.slots.find((s) => s.name === slot)?.slotTypeName;
  }

  private wholeMatch(utterance: string, at: RequestTime): Record<string, SlotValue> | undefined {
    let best: Record<string, SlotValue> | undefined;
    for (const template of this.templates) {
      const match = template.regex.exec(utterance);
      if (!match) continue;
      const filled: Record<string, SlotValue> = {};
      let ok = true;
      template.slots.forEach((slot, index) => {
        const resolved = this.resolve(slot, match[index + 1] ?? '', at);
        if (resolved) filled[slot] = resolved;
        else ok = false;
      });
      if (ok && (!best || Object.keys(filled).length > Object.keys(best).length)) best = filled;
    }
    return best;
  }

  private findFragment(
    utterance: string,
    fragment: Fragment,
    resolveSpan: (slot: string, text: string, start: number, end: number) => SlotValue | undefined,
    allowed: (start: number, end: number) => boolean,
  ): { value: SlotValue; start: number; end: number } | undefined {
    const left = fragment.left.length > 0;
    fragment.regex ??= fragmentRegex(fragment);
    for (const match of utterance.matchAll(fragment.regex)) {
      const captured = match[1];
      if (!captured) continue;
      const start = (match.index ?? 0) + match[0].length - captured.length;
      const words = captured.split(/\s+/);
      // After a left-hand context the value starts there and the longest one that resolves
      // wins ("New York for two nights" → "New York"); before a right-hand context only, it
      // ends there ("book a hotel for 3 nights" → "3").
      const spans: [number, number][] = [];
      for (let n = words.length; n > 0; n--)
        spans.push(left ? [0, n] : [words.length - n, words.length]);
      for (const [from, to] of spans) {
        const text = words.slice(from, to).join(' ');
        const offset = start + (from === 0 ? 0 : words.slice(0, from).join(' ').length + 1);
        if (!allowed(offset, offset + text.length)) continue;
        const value = resolveSpan(fragment.slot, text, offset, offset + text.length);
        if (value) return { value, start: offset, end: offset + text.length };
      }
    }
    return undefined;
  }
}

function fragmentRegex(fragment: Fragment): RegExp {
  const left = fragment.left.map(literal).join('\\s+');
  const right = fragment.right.map(literal).join('\\s+');
  const value = '(\\S+(?:\\s+\\S+){0,4})';
  return new RegExp(
    `(?:^|\\s)${left ? `${left}\\s+` : ''}${value}${right ? `(?=\\s+${right}(?:\\s|$))` : ''}`,
    'giu',
  );
}

/** Each slot's context words in every template, most specific first. */
function fragmentsOf(templates: Token[][]): Fragment[] {
  const seen = new Set<string>();
  const fragments: (Fragment & { weight: number })[] = [];
  for (const tokens of templates) {
    const words = wordsOf(tokens);
    tokens.forEach((token, index) => {
      if (!('slot' in token)) return;
      const before: string[] = [];
      for (let i = index - 1; i >= 0 && before.length < 2; i--) {
        const word = words[i];
        if (word === undefined) break;
        before.unshift(word);
      }
      const after: string[] = [];
      for (let i = index + 1; i < tokens.length && after.length < 1; i++) {
        const word = words[i];
        if (word === undefined) break;
        after.push(word);
      }
      const candidates: [string[], string[]][] = [
        [before, after],
        [before.slice(-1), after],
        [before, []],
        [before.slice(-1), []],
        [[], after],
      ];
      for (const [left, right] of candidates) {
        if (left.length === 0 && right.length === 0) continue;
        const key = `${token.slot}|${left.join(' ')}|${right.join(' ')}`;
        if (seen.has(key)) continue;
        seen.add(key);
        fragments.push({ slot: token.slot, left, right, weight: left.length + right.length * 2 });
      }
    });
  }
  return fragments.sort((a, b) => b.weight - a.weight);
}
