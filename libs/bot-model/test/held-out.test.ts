import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bookTripBot, normalizeUtterance } from '../src';

// The held-out paraphrases measure how the NLU generalizes (tools/local-cloud's Lex bench): one
// that is merely a training template with its slots filled in measures nothing of the kind.
const heldOut = JSON.parse(readFileSync(join(__dirname, 'held-out-utterances.json'), 'utf8')) as {
  utterances: { text: string; intent: string }[];
};

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const templates = bookTripBot.locales.flatMap((locale) =>
  locale.intents.flatMap((intent) =>
    intent.sampleUtterances.map((utterance) => ({
      utterance,
      // Each {Slot} is one or more whole words; the template's own words must all be there.
      pattern: new RegExp(
        `^${normalizeUtterance(utterance)
          .split(/(\{[A-Za-z]+\})/)
          .map((part) => (part.startsWith('{') ? '\\S(?:.*?\\S)?' : escape(part)))
          .join('')
          .replace(/\s+/g, '\\s+')}$`,
      ),
    })),
  ),
);

describe('the held-out paraphrases', () => {
  it.each(heldOut.utterances.map((item) => [item.text] as const))(
    '"%s" is not one of the training utterances with its slots filled in',
    (text) => {
      const copied = templates.filter(({ pattern }) => pattern.test(normalizeUtterance(text)));
      expect(copied.map(({ utterance }) => utterance)).toEqual([]);
    },
  );
});
