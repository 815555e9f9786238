import { randomInt } from 'node:crypto';

/** CloudFormation's `GenerateSecretString`, the subset of GetRandomPassword it maps to. */
export interface GenerateSecretString {
  PasswordLength?: number;
  ExcludeCharacters?: string;
  ExcludeLowercase?: boolean;
  ExcludeUppercase?: boolean;
  ExcludeNumbers?: boolean;
  ExcludePunctuation?: boolean;
  IncludeSpace?: boolean;
  RequireEachIncludedType?: boolean;
  SecretStringTemplate?: string;
  GenerateStringKey?: string;
}

const LOWERCASE = 'abcdefghijklmnopqrstuvwxyz';
const UPPERCASE = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const NUMBERS = '0123456789';
/** The punctuation Secrets Manager's GetRandomPassword draws from. */
const PUNCTUATION = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';

/**
 * A value as Secrets Manager generates one for `GenerateSecretString`: `PasswordLength`
 * (default 32) characters from the included classes minus `ExcludeCharacters`, at least one of
 * each included class unless `RequireEachIncludedType` is false; with `SecretStringTemplate`
 * and `GenerateStringKey`, the template's JSON with the password under that key.
 */
export function generateSecretString(options: GenerateSecretString): string {
  const length = options.PasswordLength ?? 32;
  if (!Number.isInteger(length) || length < 1 || length > 4096) {
    throw new Error(
      `GenerateSecretString.PasswordLength must be 1–4096, not ${String(options.PasswordLength)}`,
    );
  }
  const excluded = new Set(options.ExcludeCharacters ?? '');
  const classes = [
    options.ExcludeLowercase ? '' : LOWERCASE,
    options.ExcludeUppercase ? '' : UPPERCASE,
    options.ExcludeNumbers ? '' : NUMBERS,
    options.ExcludePunctuation ? '' : PUNCTUATION,
    options.IncludeSpace ? ' ' : '',
  ]
    .map((characters) => [...characters].filter((character) => !excluded.has(character)).join(''))
    .filter((characters) => characters.length > 0);
  const alphabet = classes.join('');
  if (alphabet.length === 0) {
    throw new Error('GenerateSecretString excludes every character: nothing left to generate from');
  }
  const requireEach = options.RequireEachIncludedType ?? true;
  if (requireEach && classes.length > length) {
    throw new Error(
      `GenerateSecretString.PasswordLength ${length} is too short to include each of ${classes.length} character types`,
    );
  }
  const pick = (characters: string) => characters[randomInt(characters.length)] ?? '';
  const characters = [
    ...(requireEach ? classes.map(pick) : []),
    ...Array.from({ length: length - (requireEach ? classes.length : 0) }, () => pick(alphabet)),
  ];
  // Fisher–Yates, so the required characters are not always first.
  for (let index = characters.length - 1; index > 0; index -= 1) {
    const other = randomInt(index + 1);
    [characters[index], characters[other]] = [characters[other] ?? '', characters[index] ?? ''];
  }
  const password = characters.join('');
  if (options.GenerateStringKey === undefined && options.SecretStringTemplate === undefined)
    return password;
  if (options.GenerateStringKey === undefined || options.SecretStringTemplate === undefined) {
    throw new Error(
      'GenerateSecretString needs both SecretStringTemplate and GenerateStringKey, or neither',
    );
  }
  let template: unknown;
  try {
    template = JSON.parse(options.SecretStringTemplate);
  } catch {
    throw new Error('GenerateSecretString.SecretStringTemplate is not valid JSON');
  }
  if (typeof template !== 'object' || template === null || Array.isArray(template)) {
    throw new Error('GenerateSecretString.SecretStringTemplate must be a JSON object');
  }
  return JSON.stringify({ ...template, [options.GenerateStringKey]: password });
}
