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

/** How many filled-in copies of each sample utterance the classifier trains on. */
const COPIES_PER_UTTERANCE = 4;

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
    for (const intent of locale.intents) {
      if (intent.parentIntentSignature === 'AMAZON.FallbackIntent') continue;
      const examples = trainingExamples(intent, locale.slotTypes);
      for (const example of examples) nlp.addDocument(language, example, intent.name);
      if (examples.length > 0) trained.push(intent.name);
    }
    if (trained.length > 0) await nlp.train();
    return new IntentClassifier(nlp, language, trained);
  }

  /** Every trained intent with its confidence (0–1), best first. */
  async classify(text: string): Promise<IntentScore[]> {
    if (this.intentNames.length === 0) return [];
    const result = await this.nlp.process(this.language, text);
    const scores = new Map(this.intentNames.map((name) => [name, 0]));
    for (const { intent, score } of result.classifications ?? []) {
      if (scores.has(intent)) scores.set(intent, Math.max(0, Math.min(1, score)));
    }
    return [...scores]
      .map(([intent, score]) => ({ intent, score: Math.round(score * 100) / 100 }))
      .sort((a, b) => b.score - a.score);
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
    for (let copy = 0; copy < COPIES_PER_UTTERANCE; copy++) {
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
