import { BlockList, isIP } from 'node:net';

/**
 * EventBridge's content filtering, written here because no npm library gets it right (see
 * TOOLCHAIN-NOTES). Semantics follow the EventBridge user guide ("Event patterns", "Content
 * filtering"); where the guide is silent they follow aws/event-ruler, the engine EventBridge
 * runs, and the comments below say so.
 *
 * A pattern is compiled once (which validates it, as PutRule does) into a predicate.
 */
export type EventPatternPredicate = (event: unknown) => boolean;

/** Thrown for a pattern PutRule would reject (`InvalidEventPatternException`). */
export class InvalidEventPatternError extends Error {
  override readonly name = 'InvalidEventPatternError';
}

const compiled = new Map<string, EventPatternPredicate>();

/** Does `event` (an EventBridge envelope, or any JSON object) match `pattern`? */
export function matchesEventPattern(pattern: unknown, event: unknown): boolean {
  const key = typeof pattern === 'string' ? pattern : JSON.stringify(pattern);
  let predicate = compiled.get(key);
  if (!predicate) {
    predicate = compileEventPattern(pattern);
    // A bounded cache: rules are few, but a caller looping over generated patterns must not leak.
    if (compiled.size > 1000) compiled.clear();
    compiled.set(key, predicate);
  }
  return predicate(event);
}

/** Validates `pattern` (an object or its JSON text) and returns its predicate; throws if invalid. */
export function compileEventPattern(pattern: unknown): EventPatternPredicate {
  let parsed = pattern;
  if (typeof pattern === 'string') {
    try {
      parsed = JSON.parse(pattern);
    } catch (error) {
      throw new InvalidEventPatternError(
        `Event pattern is not valid JSON: ${(error as Error).message}`,
      );
    }
  }
  if (!isPlainObject(parsed)) {
    throw new InvalidEventPatternError('Event pattern must be a JSON object');
  }
  const match = compileObject(parsed, '');
  return (event) => isPlainObject(event) && match(event);
}

type ObjectMatcher = (value: Record<string, unknown>) => boolean;
/** Matches one leaf value of the event (a string, number, boolean or null). */
type ValueMatcher = (value: Leaf) => boolean;
type Leaf = string | number | boolean | null;

interface FieldMatcher {
  /** Matches the field's leaf values (an array field contributes each element). */
  values?: ValueMatcher[];
  /** `exists: false` matches when the field has no leaf value. */
  absent: boolean;
  /** `exists: true`. */
  present: boolean;
}

const OPERATORS = new Set([
  'prefix',
  'suffix',
  'equals-ignore-case',
  'wildcard',
  'anything-but',
  'numeric',
  'exists',
  'cidr',
]);

function compileObject(pattern: Record<string, unknown>, path: string): ObjectMatcher {
  const entries = Object.entries(pattern);
  if (entries.length === 0) {
    throw new InvalidEventPatternError(`Empty objects are not allowed${at(path)}`);
  }
  const parts: ObjectMatcher[] = entries.map(([field, value]) => {
    const fieldPath = path ? `${path}.${field}` : field;
    if (field === '$or' && isOrList(value)) {
      const alternatives = value.map((alternative) => compileObject(alternative, path));
      return (event) => alternatives.some((alternative) => alternative(event));
    }
    if (isPlainObject(value)) {
      const nested = compileObject(value, fieldPath);
      // Arrays of objects are "crushed": any element matching the whole sub-pattern matches.
      // Requiring one element to match it all is event-ruler's array-consistent matching.
      // Without an object there, every field below is absent: only `exists: false` can match.
      return (event) => {
        const objects = objectsAt(event[field]);
        return objects.length > 0 ? objects.some(nested) : nested({});
      };
    }
    if (!Array.isArray(value)) {
      throw new InvalidEventPatternError(
        `Match value must be an array of values or operators, at ${fieldPath}`,
      );
    }
    const matcher = compileField(value, fieldPath);
    return (event) => matchField(matcher, event[field]);
  });
  return (event) => parts.every((part) => part(event));
}

/** `$or` is an or only when it holds 2+ objects using no operator names (event-ruler's rule). */
function isOrList(value: unknown): value is Record<string, unknown>[] {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    value.every(
      (alternative) =>
        isPlainObject(alternative) && Object.keys(alternative).every((key) => !OPERATORS.has(key)),
    )
  );
}

function objectsAt(value: unknown): Record<string, unknown>[] {
  if (isPlainObject(value)) return [value];
  if (Array.isArray(value)) return value.flatMap(objectsAt);
  return [];
}

function leavesAt(value: unknown): Leaf[] {
  if (value === undefined || isPlainObject(value)) return [];
  if (Array.isArray(value)) return value.flatMap(leavesAt);
  return [value as Leaf];
}

function matchField(matcher: FieldMatcher, value: unknown): boolean {
  const leaves = leavesAt(value);
  if (leaves.length === 0) return matcher.absent;
  if (matcher.present) return true;
  const values = matcher.values;
  return values !== undefined && leaves.some((leaf) => values.some((match) => match(leaf)));
}

function compileField(list: unknown[], path: string): FieldMatcher {
  if (list.length === 0) {
    throw new InvalidEventPatternError(`Empty arrays are not allowed, at ${path}`);
  }
  const matcher: FieldMatcher = { absent: false, present: false };
  const values: ValueMatcher[] = [];
  for (const item of list) {
    if (isPlainObject(item) && 'exists' in item) {
      if (Object.keys(item).length !== 1 || typeof item.exists !== 'boolean') {
        throw new InvalidEventPatternError(
          `exists match pattern must be true or false, at ${path}`,
        );
      }
      if (item.exists) matcher.present = true;
      else matcher.absent = true;
      continue;
    }
    values.push(compileValue(item, path));
  }
  if (values.length > 0) matcher.values = values;
  return matcher;
}

function compileValue(item: unknown, path: string): ValueMatcher {
  if (item === null || typeof item === 'boolean') return (value) => value === item;
  if (typeof item === 'string') return (value) => value === item;
  if (typeof item === 'number') {
    finiteNumber(item, path);
    // Numbers compare by value (300 matches 300.0), and never match the string "300".
    return (value) => typeof value === 'number' && value === item;
  }
  if (Array.isArray(item)) {
    throw new InvalidEventPatternError(
      `Match value must be a string, number, true, false, null or an operator object, at ${path}`,
    );
  }
  if (!isPlainObject(item)) {
    throw new InvalidEventPatternError(`Unrecognized match value, at ${path}`);
  }
  const keys = Object.keys(item);
  const [operator] = keys;
  if (keys.length !== 1 || operator === undefined) {
    throw new InvalidEventPatternError(
      `An operator object must hold exactly one operator, at ${path}: ${JSON.stringify(item)}`,
    );
  }
  const argument = item[operator];
  switch (operator) {
    case 'prefix':
      return stringTest(affixTest('prefix', argument, path));
    case 'suffix':
      return stringTest(affixTest('suffix', argument, path));
    case 'equals-ignore-case': {
      const expected = requireString(argument, 'equals-ignore-case', path).toLowerCase();
      return stringTest((value) => value.toLowerCase() === expected);
    }
    case 'wildcard':
      return stringTest(wildcardTest(requireString(argument, 'wildcard', path), path));
    case 'anything-but':
      return anythingBut(argument, path);
    case 'numeric':
      return numeric(argument, path);
    case 'cidr':
      return cidr(argument, path);
    default:
      throw new InvalidEventPatternError(`Unrecognized match type ${operator}, at ${path}`);
  }
}

/** Prefix, suffix, wildcard and ignore-case only ever match string values (event-ruler). */
function stringTest(test: (value: string) => boolean): ValueMatcher {
  return (value) => typeof value === 'string' && test(value);
}

function affixTest(
  kind: 'prefix' | 'suffix',
  argument: unknown,
  path: string,
): (value: string) => boolean {
  // `{ "prefix": { "equals-ignore-case": "abc" } }` is the documented case-insensitive form.
  if (isPlainObject(argument)) {
    const keys = Object.keys(argument);
    if (keys.length !== 1 || keys[0] !== 'equals-ignore-case') {
      throw new InvalidEventPatternError(
        `${kind} match only accepts a string or { "equals-ignore-case": string }, at ${path}`,
      );
    }
    const expected = requireString(argument['equals-ignore-case'], kind, path).toLowerCase();
    return kind === 'prefix'
      ? (value) => value.toLowerCase().startsWith(expected)
      : (value) => value.toLowerCase().endsWith(expected);
  }
  const expected = requireString(argument, kind, path);
  return kind === 'prefix'
    ? (value) => value.startsWith(expected)
    : (value) => value.endsWith(expected);
}

/**
 * `*` matches any run of characters, `\*` a literal star and `\\` a backslash; any other
 * escape and two stars in a row are rejected, as event-ruler rejects them.
 */
function wildcardTest(pattern: string, path: string): (value: string) => boolean {
  let source = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index] as string;
    if (char === '\\') {
      const next = pattern[index + 1];
      if (next !== '*' && next !== '\\') {
        throw new InvalidEventPatternError(
          `Wildcard pattern has an invalid escape (only \\* and \\\\), at ${path}`,
        );
      }
      source += escapeRegExp(next);
      index += 1;
    } else if (char === '*') {
      if (pattern[index + 1] === '*') {
        throw new InvalidEventPatternError(
          `Consecutive wildcard characters are not allowed, at ${path}`,
        );
      }
      source += '[\\s\\S]*';
    } else {
      source += escapeRegExp(char);
    }
  }
  const regExp = new RegExp(`^${source}$`);
  return (value) => regExp.test(value);
}

function anythingBut(argument: unknown, path: string): ValueMatcher {
  if (typeof argument === 'string' || typeof argument === 'number') {
    return anythingBut([argument], path);
  }
  if (Array.isArray(argument)) {
    if (argument.length === 0) {
      throw new InvalidEventPatternError(`anything-but list must not be empty, at ${path}`);
    }
    const allStrings = argument.every((value) => typeof value === 'string');
    const allNumbers = argument.every((value) => typeof value === 'number');
    if (!allStrings && !allNumbers) {
      throw new InvalidEventPatternError(
        `Inside anything-but list, values must be all strings or all numbers, at ${path}`,
      );
    }
    const excluded = new Set<unknown>(argument);
    // Any other value, of any type, matches: "anything but".
    return (value) => !excluded.has(value);
  }
  if (!isPlainObject(argument)) {
    throw new InvalidEventPatternError(`Unsupported anything-but value, at ${path}`);
  }
  const keys = Object.keys(argument);
  const [operator] = keys;
  if (keys.length !== 1 || operator === undefined) {
    throw new InvalidEventPatternError(`anything-but takes exactly one operator, at ${path}`);
  }
  const raw = argument[operator];
  const list = Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) {
    throw new InvalidEventPatternError(
      `anything-but ${operator} list must not be empty, at ${path}`,
    );
  }
  let tests: ((value: string) => boolean)[];
  switch (operator) {
    case 'prefix':
    case 'suffix':
      tests = list.map((entry) => affixTest(operator, requireString(entry, operator, path), path));
      break;
    case 'equals-ignore-case':
      tests = list.map((entry) => {
        const expected = requireString(entry, operator, path).toLowerCase();
        return (value: string) => value.toLowerCase() === expected;
      });
      break;
    case 'wildcard':
      tests = list.map((entry) => wildcardTest(requireString(entry, operator, path), path));
      break;
    default:
      throw new InvalidEventPatternError(
        `Unsupported anything-but pattern ${operator} (prefix, suffix, equals-ignore-case or wildcard), at ${path}`,
      );
  }
  // Only strings can be excluded by a string operator; other values are "anything but" it.
  return (value) => typeof value !== 'string' || !tests.some((test) => test(value));
}

type Comparison = '=' | '<' | '<=' | '>' | '>=';

function numeric(argument: unknown, path: string): ValueMatcher {
  if (!Array.isArray(argument) || argument.length === 0 || argument.length % 2 !== 0) {
    throw new InvalidEventPatternError(
      `numeric takes operator/value pairs such as [">", 0, "<=", 5], at ${path}`,
    );
  }
  const pairs: [Comparison, number][] = [];
  for (let index = 0; index < argument.length; index += 2) {
    const operator: unknown = argument[index];
    const bound: unknown = argument[index + 1];
    if (!['=', '<', '<=', '>', '>='].includes(String(operator)) || typeof operator !== 'string') {
      throw new InvalidEventPatternError(
        `Unrecognized numeric operator ${JSON.stringify(operator)}, at ${path}`,
      );
    }
    if (typeof bound !== 'number') {
      throw new InvalidEventPatternError(`Value of ${operator} must be a number, at ${path}`);
    }
    pairs.push([operator as Comparison, finiteNumber(bound, path)]);
  }
  const equals = pairs.filter(([operator]) => operator === '=');
  const lower = pairs.filter(([operator]) => operator === '>' || operator === '>=');
  const upper = pairs.filter(([operator]) => operator === '<' || operator === '<=');
  if ((equals.length > 0 && pairs.length > 1) || lower.length > 1 || upper.length > 1) {
    throw new InvalidEventPatternError(
      `numeric takes "=" alone, or at most one lower and one upper bound, at ${path}`,
    );
  }
  const [low] = lower;
  const [high] = upper;
  if (low && high && low[1] >= high[1]) {
    throw new InvalidEventPatternError(`Bottom must be less than top, at ${path}`);
  }
  // Numeric matching only ever matches JSON numbers, never numeric strings (event-ruler).
  return (value) =>
    typeof value === 'number' &&
    pairs.every(([operator, bound]) => compare(value, operator, bound));
}

function compare(value: number, operator: Comparison, bound: number): boolean {
  switch (operator) {
    case '=':
      return value === bound;
    case '<':
      return value < bound;
    case '<=':
      return value <= bound;
    case '>':
      return value > bound;
    case '>=':
      return value >= bound;
  }
}

function cidr(argument: unknown, path: string): ValueMatcher {
  const text = requireString(argument, 'cidr', path);
  const [network, bits, extra] = text.split('/');
  const family = network ? isIP(network) : 0;
  const prefix = Number(bits);
  const maxBits = family === 6 ? 128 : 32;
  if (
    extra !== undefined ||
    family === 0 ||
    !network ||
    bits === undefined ||
    !/^\d+$/.test(bits) ||
    prefix > maxBits
  ) {
    throw new InvalidEventPatternError(`Nonstandard IP address: ${text}, at ${path}`);
  }
  const type = family === 6 ? 'ipv6' : 'ipv4';
  const range = new BlockList();
  range.addSubnet(network, prefix, type);
  return (value) => {
    if (typeof value !== 'string') return false;
    const valueFamily = isIP(value);
    if (valueFamily === 0) return false;
    return range.check(value, valueFamily === 6 ? 'ipv6' : 'ipv4');
  };
}

function requireString(value: unknown, operator: string, path: string): string {
  if (typeof value !== 'string') {
    throw new InvalidEventPatternError(`${operator} match pattern must be a string, at ${path}`);
  }
  return value;
}

function finiteNumber(value: number, path: string): number {
  if (!Number.isFinite(value)) {
    throw new InvalidEventPatternError(`Numbers must be finite, at ${path}`);
  }
  return value;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function at(path: string): string {
  return path ? `, at ${path}` : '';
}
