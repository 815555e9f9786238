import type {
  BotModel,
  IntentModel,
  LocaleModel,
  Message,
  Response,
  SlotModel,
  SlotTypeModel,
} from './model';
import { sessionAttributeReferences, slotReferences } from './references';

/** Fewer examples than this and intent classification gets unreliable (TOOLCHAIN-NOTES: NLU). */
export const MIN_SAMPLE_UTTERANCES = 10;
/** Lex's limits: buttons per card, message groups per response, variations per group. */
export const MAX_CARD_BUTTONS = 5;
export const MAX_MESSAGE_GROUPS = 5;
export const MAX_VARIATIONS = 2;
export const FALLBACK_SIGNATURE = 'AMAZON.FallbackIntent';

export type BotModelProblemCode =
  | 'missing-fallback-intent'
  | 'fallback-has-utterances'
  | 'too-few-utterances'
  | 'duplicate-utterance'
  | 'duplicate-name'
  | 'unknown-slot-reference'
  | 'slot-utterance-misses-slot'
  | 'unknown-session-attribute'
  | 'unknown-slot-type'
  | 'duplicate-slot-type-value'
  | 'too-many-buttons'
  | 'unknown-button-value'
  | 'empty-response'
  | 'too-many-messages'
  | 'text-length'
  | 'out-of-range';

export interface BotModelProblem {
  readonly code: BotModelProblemCode;
  /** Where, e.g. `en_US/BookHotel/slots/RoomType/prompt/1`. */
  readonly path: string;
  readonly message: string;
}

type Report = (code: BotModelProblemCode, path: string, message: string) => void;

interface Text {
  readonly path: string;
  readonly text: string;
}

/**
 * What is wrong with a bot model, as Lex would reject it or as it would misbehave (a prompt
 * naming a slot that does not exist is spoken literally). An empty list means valid.
 */
export function validateBotModel(model: BotModel): BotModelProblem[] {
  const problems: BotModelProblem[] = [];
  const report: Report = (code, path, message) => problems.push({ code, path, message });

  if (!(model.idleSessionTtlInSeconds >= 60 && model.idleSessionTtlInSeconds <= 86_400)) {
    report(
      'out-of-range',
      model.name,
      `idleSessionTtlInSeconds ${model.idleSessionTtlInSeconds} is not in 60–86400`,
    );
  }
  for (const localeId of duplicates(model.locales.map((l) => l.localeId))) {
    report('duplicate-name', model.name, `locale ${localeId} is defined more than once`);
  }
  for (const locale of model.locales) {
    checkLocale(locale, report);
    checkSlotTypes(locale, report);
    checkUtterances(locale, report);
    for (const intent of locale.intents) {
      const path = `${locale.localeId}/${intent.name}`;
      checkTexts(model, locale, intent, path, report);
      checkResponses(intent, path, report);
      for (const slot of intent.slots) {
        checkSlot(locale, slot, `${path}/slots/${slot.name}`, report);
      }
    }
  }
  return problems;
}

/** Utterances differing only in case, spacing or punctuation are the same to the NLU. */
export function normalizeUtterance(utterance: string): string {
  return utterance
    .toLowerCase()
    .replace(/[^\p{L}\p{N}{}'\s]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function duplicates(names: readonly string[]): string[] {
  return [...new Set(names.filter((name, i) => names.indexOf(name) !== i))];
}

const isFallback = (intent: IntentModel) => intent.parentIntentSignature === FALLBACK_SIGNATURE;

function checkLocale(locale: LocaleModel, report: Report): void {
  const at = locale.localeId;
  if (!(locale.nluConfidenceThreshold >= 0 && locale.nluConfidenceThreshold <= 1)) {
    report(
      'out-of-range',
      at,
      `nluConfidenceThreshold ${locale.nluConfidenceThreshold} is not in 0–1`,
    );
  }
  if (!locale.intents.some(isFallback)) {
    report(
      'missing-fallback-intent',
      at,
      `no intent has parentIntentSignature ${FALLBACK_SIGNATURE}`,
    );
  }
  for (const name of duplicates(locale.intents.map((i) => i.name))) {
    report('duplicate-name', at, `intent ${name} is defined more than once`);
  }
  for (const name of duplicates(locale.slotTypes.map((t) => t.name))) {
    report('duplicate-name', at, `slot type ${name} is defined more than once`);
  }
  for (const intent of locale.intents) {
    for (const name of duplicates(intent.slots.map((s) => s.name))) {
      report('duplicate-name', `${at}/${intent.name}`, `slot ${name} is defined more than once`);
    }
  }
}

/** Every spelling (value or synonym) that resolves to a value of the type. */
function spellingsOf(type: SlotTypeModel): string[] {
  return type.values.flatMap((v) => [v.value, ...v.synonyms].map(normalizeUtterance));
}

function checkSlotTypes(locale: LocaleModel, report: Report): void {
  for (const type of locale.slotTypes) {
    for (const spelling of duplicates(spellingsOf(type))) {
      report(
        'duplicate-slot-type-value',
        `${locale.localeId}/slotTypes/${type.name}`,
        `"${spelling}" names more than one value`,
      );
    }
  }
}

function checkUtterances(locale: LocaleModel, report: Report): void {
  const owners = new Map<string, string>();
  for (const intent of locale.intents) {
    const path = `${locale.localeId}/${intent.name}`;
    const count = intent.sampleUtterances.length;
    if (isFallback(intent) && count > 0) {
      report('fallback-has-utterances', path, 'the fallback intent cannot have sample utterances');
    }
    if (!isFallback(intent) && count < MIN_SAMPLE_UTTERANCES) {
      report(
        'too-few-utterances',
        path,
        `${count} sample utterances, at least ${MIN_SAMPLE_UTTERANCES} needed`,
      );
    }
    for (const utterance of intent.sampleUtterances) {
      const key = normalizeUtterance(utterance);
      const owner = owners.get(key);
      if (owner === undefined) {
        owners.set(key, intent.name);
        continue;
      }
      report(
        'duplicate-utterance',
        `${path}/sampleUtterances`,
        owner === intent.name
          ? `"${utterance}" is listed twice`
          : `"${utterance}" is also an utterance of ${owner}`,
      );
    }
  }
}

/** Every response of an intent (its slots' included), with where it is. */
function responsesOf(intent: IntentModel, path: string): Array<[Response, string]> {
  const all: Array<[Response | undefined, string]> = [
    ...intent.slots.flatMap((slot): Array<[Response | undefined, string]> => [
      [slot.prompt, `${path}/slots/${slot.name}/prompt`],
      [slot.failureResponse, `${path}/slots/${slot.name}/failureResponse`],
    ]),
    [intent.confirmation?.prompt, `${path}/confirmation/prompt`],
    [intent.confirmation?.declinationResponse, `${path}/confirmation/declinationResponse`],
    [intent.confirmation?.failureResponse, `${path}/confirmation/failureResponse`],
    [intent.fulfillment.failureResponse, `${path}/fulfillment/failureResponse`],
    [intent.fulfillment.timeoutResponse, `${path}/fulfillment/timeoutResponse`],
    [intent.closingResponse, `${path}/closingResponse`],
  ];
  return all.filter((entry): entry is [Response, string] => entry[0] !== undefined);
}

/** The texts of a message with the longest each may be (button values included). */
function messageTexts(message: Message, path: string): Array<Text & { maxLength: number }> {
  if (message.type === 'PlainText') return [{ path, text: message.text, maxLength: 1000 }];
  return [
    { path: `${path}/title`, text: message.title, maxLength: 250 },
    ...(message.subtitle === undefined
      ? []
      : [{ path: `${path}/subtitle`, text: message.subtitle, maxLength: 250 }]),
    ...message.buttons.flatMap((b, i) => [
      { path: `${path}/buttons/${i}/text`, text: b.text, maxLength: 50 },
      { path: `${path}/buttons/${i}/value`, text: b.value, maxLength: 50 },
    ]),
  ];
}

function responseTexts(response: Response, path: string) {
  return response.messageGroups.flatMap((group, g) => [
    ...messageTexts(group.message, `${path}/${g}`),
    ...(group.variations ?? []).flatMap((v, i) => messageTexts(v, `${path}/${g}/variations/${i}`)),
  ]);
}

/** Slots and session attributes referenced anywhere in an intent must exist. */
function checkTexts(
  model: BotModel,
  locale: LocaleModel,
  intent: IntentModel,
  path: string,
  report: Report,
): void {
  const isKnownSlot = (reference: string): boolean => {
    const [first, second] = reference.split('.');
    if (second === undefined) return intent.slots.some((s) => s.name === reference);
    // `{Intent.Slot}`: a slot of another intent of the same locale.
    const other = locale.intents.find((i) => i.name === first);
    return other?.slots.some((s) => s.name === second) ?? false;
  };
  const texts: Text[] = [
    ...intent.sampleUtterances.map((text, i) => ({ path: `${path}/sampleUtterances/${i}`, text })),
    ...intent.slots.flatMap((slot) =>
      slot.sampleUtterances.map((text, i) => ({
        path: `${path}/slots/${slot.name}/sampleUtterances/${i}`,
        text,
      })),
    ),
    ...responsesOf(intent, path).flatMap(([response, where]) => responseTexts(response, where)),
  ];
  for (const { path: where, text } of texts) {
    for (const slot of slotReferences(text).filter((r) => !isKnownSlot(r))) {
      report('unknown-slot-reference', where, `{${slot}} is not a slot of ${intent.name}`);
    }
    for (const attribute of sessionAttributeReferences(text)) {
      if (!model.sessionAttributes.includes(attribute)) {
        report(
          'unknown-session-attribute',
          where,
          `[${attribute}] is not a declared session attribute`,
        );
      }
    }
  }
}

/** Message counts and text lengths within Lex's limits. */
function checkResponses(intent: IntentModel, path: string, report: Report): void {
  for (const [response, where] of responsesOf(intent, path)) {
    const groups = response.messageGroups.length;
    if (groups === 0) report('empty-response', where, 'has no message group');
    if (groups > MAX_MESSAGE_GROUPS) {
      report(
        'too-many-messages',
        where,
        `${groups} message groups, Lex allows ${MAX_MESSAGE_GROUPS}`,
      );
    }
    response.messageGroups.forEach((group, g) => {
      const variations = group.variations?.length ?? 0;
      if (variations > MAX_VARIATIONS) {
        report(
          'too-many-messages',
          `${where}/${g}`,
          `${variations} variations, Lex allows ${MAX_VARIATIONS}`,
        );
      }
    });
    for (const t of responseTexts(response, where)) {
      if (t.text.length === 0 || t.text.length > t.maxLength) {
        report('text-length', t.path, `${t.text.length} characters, Lex accepts 1–${t.maxLength}`);
      }
    }
  }
}

/** A slot's type exists, its utterances name it, its cards fit and fill it. */
function checkSlot(locale: LocaleModel, slot: SlotModel, path: string, report: Report): void {
  slot.sampleUtterances.forEach((text, i) => {
    if (!slotReferences(text).includes(slot.name)) {
      report(
        'slot-utterance-misses-slot',
        `${path}/sampleUtterances/${i}`,
        `"${text}" does not contain {${slot.name}}`,
      );
    }
  });

  const customType = locale.slotTypes.find((t) => t.name === slot.slotTypeName);
  if (!customType && !slot.slotTypeName.startsWith('AMAZON.')) {
    report(
      'unknown-slot-type',
      path,
      `slot type ${slot.slotTypeName} is neither built-in nor defined`,
    );
  }
  // With TopResolution, a button whose value is no spelling of the type would never fill it.
  const accepted =
    customType?.resolutionStrategy === 'TopResolution'
      ? new Set(spellingsOf(customType))
      : undefined;

  slot.prompt.messageGroups.forEach((group, g) => {
    for (const message of [group.message, ...(group.variations ?? [])]) {
      if (message.type !== 'ImageResponseCard') continue;
      if (message.buttons.length > MAX_CARD_BUTTONS) {
        report(
          'too-many-buttons',
          `${path}/prompt/${g}`,
          `${message.buttons.length} buttons, Lex allows ${MAX_CARD_BUTTONS}`,
        );
      }
      for (const button of message.buttons) {
        if (accepted && !accepted.has(normalizeUtterance(button.value))) {
          report(
            'unknown-button-value',
            `${path}/prompt/${g}`,
            `button value "${button.value}" is not a value of ${customType?.name}`,
          );
        }
      }
    }
  });
}
