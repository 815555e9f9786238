import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { Nlp } from '@nlpjs/nlp';
import type { IntentDefinition, LocaleDefinition, SlotTypeDefinition } from './bot-definition';

export interface IntentScore {
  intent: string;
  score: number;
}

/**
 * Example values of the built-in slot types, put into the sample utterances' slots so the
 * classifier learns the words around a slot rather than the placeholder. They are generic
 * (any bot with a city or a date slot), never taken from a particular bot.
 */
const BUILT_IN_EXAMPLES: Record<string, readonly string[]> = {
  'AMAZON.City': ['Chicago', 'New York', 'Seattle', 'Paris', 'Boston', 'Denver'],
  'AMAZON.Date': ['tomorrow', 'next Friday', 'December 4', 'Monday', 'the 3rd of May'],
  'AMAZON.Number': ['3', 'two', 'five', '21'],
  'AMAZON.AlphaNumeric': ['A1B2C3', 'XY123'],
  'AMAZON.FreeFormInput': ['something'],
};

/** How many filled-in copies of each sample utterance the classifier trains on, at least. */
const MIN_COPIES_PER_UTTERANCE = 4;
/** At most: enough for every value and synonym of a custom slot type to appear once. */
const MAX_COPIES_PER_UTTERANCE = 24;

/**
 * Words that say nothing about an intent. What is left of an utterance once they (and the slot
 * values) are gone must be mostly words the bot was trained on, or the input is not about any
 * of its intents: nlp.js spreads its confidence over the known intents even for "tell me a
 * joke", so the runtime scales it by that coverage before comparing it with the threshold.
 */
const FUNCTION_WORDS = new Set(
  (
    'a an the i me my mine we us our you your it its is are am was be been to for of in on at ' +
    'by with and or but so please can could would will shall should do does did some any this ' +
    'that these those what whats how who whom which there here just also too very really then ' +
    "now up about im id ive i'm i'd let lets like get got"
  ).split(' '),
);

const wordsOf = (text: string) =>
  text
    .toLowerCase()
    .replace(/['’]s\b/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** A crude stem, enough to match "nights" with "night" and "booking" with "book". */
const stem = (word: string) => word.replace(/(ing|ed|es|s)$/, '') || word;

/**
 * Intent classification for one bot locale with nlp.js (a small neural network over stemmed
 * words, trained in milliseconds and run with no model download). The fallback intent is not
 * trained: Lex picks it when no intent reaches the locale's confidence threshold.
 */
export class IntentClassifier {
  private constructor(
    private readonly nlp: Nlp,
    private readonly language: string,
    readonly intentNames: readonly string[],
    private readonly vocabulary: ReadonlySet<string>,
  ) {}

  static async train(locale: LocaleDefinition): Promise<IntentClassifier> {
    const language = locale.localeId.split('_')[0] ?? 'en';
    if (language !== 'en') {
      throw new Error(
        `The local Lex runtime understands English locales only (the bot has ${locale.localeId})`,
      );
    }
    const container = await containerBootstrap();
    container.use(Nlp);
    container.use(LangEn);
    // nlp.js logs every training epoch unless told not to.
    container.registerConfiguration('nlu-??', { log: false }, true);
    const nlp = container.get<Nlp>('nlp');
    nlp.settings.autoSave = false;
    nlp.settings.calculateSentiment = false;
    nlp.addLanguage(language);
    const trained: string[] = [];
    const vocabulary = new Set<string>();
    for (const intent of locale.intents) {
      if (intent.parentIntentSignature === 'AMAZON.FallbackIntent') continue;
      const examples = trainingExamples(intent, locale.slotTypes);
      for (const example of examples) {
        nlp.addDocument(language, example, intent.name);
        for (const word of wordsOf(example)) vocabulary.add(stem(word));
      }
      if (examples.length > 0) trained.push(intent.name);
    }
    if (trained.length > 0) await nlp.train();
    return new IntentClassifier(nlp, language, trained, vocabulary);
  }

  /**
   * Every trained intent with its confidence (0–1), best first. `slotText` are the parts of
   * the utterance that are slot values (a city the bot never saw is not an unknown word).
   */
  async classify(text: string, slotText: readonly string[] = []): Promise<IntentScore[]> {
    if (this.intentNames.length === 0) return [];
    const result = await this.nlp.process(this.language, text);
    const scores = new Map(this.intentNames.map((name) => [name, 0]));
    const coverage = this.coverage(text, slotText);
    for (const { intent, score } of result.classifications ?? []) {
      if (scores.has(intent)) scores.set(intent, Math.max(0, Math.min(1, score * coverage)));
    }
    return [...scores]
      .map(([intent, score]) => ({ intent, score: Math.round(score * 100) / 100 }))
      .sort((a, b) => b.score - a.score);
  }

  /** 1 when every content word is known; down to 0.3 when none is (see FUNCTION_WORDS). */
  private coverage(text: string, slotText: readonly string[]): number {
    const slotWords = new Set(slotText.flatMap(wordsOf));
    const content = wordsOf(text).filter(
      (word) => !FUNCTION_WORDS.has(word) && !slotWords.has(word) && !/^\d+$/.test(word),
    );
    if (content.length === 0) return 1;
    const known = content.filter((word) => this.vocabulary.has(stem(word))).length;
    return Math.min(1, 0.3 + known / content.length);
  }
}

/** The intent's sample utterances with their slots filled by example values of the slot types. */
export function trainingExamples(
  intent: IntentDefinition,
  slotTypes: readonly SlotTypeDefinition[],
): string[] {
  const examplesOf = (slotName: string): readonly string[] => {
    const slot = intent.slots.find((s) => s.name === slotName);
    if (!slot) return [slotName];
    const builtIn = BUILT_IN_EXAMPLES[slot.slotTypeName];
    if (builtIn) return builtIn;
    const custom = slotTypes.find((type) => type.name === slot.slotTypeName);
    const values = custom?.values.flatMap((entry) => [entry.value, ...entry.synonyms]) ?? [];
    return values.length > 0 ? values : [slotName];
  };
  const out = new Set<string>();
  for (const utterance of intent.sampleUtterances) {
    if (!/\{\w+\}/.test(utterance)) {
      out.add(utterance);
      continue;
    }
    const longest = Math.max(
      ...[...utterance.matchAll(/\{(\w+)\}/g)].map((match) => examplesOf(match[1] ?? '').length),
    );
    const copies = Math.min(MAX_COPIES_PER_UTTERANCE, Math.max(MIN_COPIES_PER_UTTERANCE, longest));
    for (let copy = 0; copy < copies; copy++) {
      let slotIndex = 0;
      out.add(
        utterance.replace(/\{(\w+)\}/g, (_, name: string) => {
          const values = examplesOf(name);
          slotIndex += 1;
          return values[(copy * 7 + slotIndex * 3) % values.length] ?? name;
        }),
      );
    }
  }
  return [...out];
}
