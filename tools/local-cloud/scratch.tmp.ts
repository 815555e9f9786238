import { lexBotResources } from './test/lex/lex-bot-resources';
import { readBots } from './src/lex/bot-definition';
import { IntentClassifier } from './src/lex/intent-classifier';
import { SlotFiller } from './src/lex/slot-filler';
import { localArn } from './src/assembly/local-arns';
(async () => {
  const { bots, aliases } = readBots(lexBotResources(), localArn.lexBotAlias);
  console.log(bots.map(b => [b.id, b.name]), aliases.map(a => [a.botId, a.aliasId, a.botVersion, JSON.stringify(a.locales)]));
  const locale = bots[0]!.locales[0]!;
  const t0 = performance.now();
  const c = await IntentClassifier.train(locale);
  console.log('train ms', performance.now() - t0);
  const now = new Date('2026-11-24T12:00:00Z');
  for (const q of ['book a king room in Chicago for 3 nights from December 4', 'I need a hotel in New York starting next friday for two nights', 'rent an suv in Boston', 'I need a midsize car in Seattle on Friday', 'asdf qwer zxcv', 'hey', 'hello there', 'get me a rental car in Denver from Dec 3 until Dec 10', 'rent a car for a 25 year old driver', 'a queen room in Springfield for one night on December 1st', 'I want to stay somewhere in Paris']) {
    const scores = await c.classify(q);
    const top = scores[0]!;
    const intent = locale.intents.find(i => i.name === top.intent)!;
    const f = new SlotFiller(intent, locale.slotTypes);
    console.log(q, JSON.stringify(scores), JSON.stringify(Object.fromEntries(Object.entries(f.fill(q, now)).map(([k, v]) => [k, v.interpretedValue]))));
  }
})();
