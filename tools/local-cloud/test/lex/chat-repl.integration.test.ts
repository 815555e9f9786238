import { PassThrough } from 'node:stream';
import { startChatRepl } from '../../src/lex';
import { startLexHarness, type LexHarness } from './lex-harness';

// Under a loaded machine the first turns (bundle load, first HTTP/2 session) take seconds.
jest.setTimeout(30_000);

let lex: LexHarness;
beforeAll(async () => {
  lex = await startLexHarness();
}, 180_000);
afterAll(() => lex.close());

it('chats from a terminal: prints prompts and cards, and a number presses a card button', async () => {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  const done = startChatRepl({ endpoint: lex.endpoint, ...lex.bot, input, output });
  for (const line of ['book a hotel in Chicago for 2 nights', 'tomorrow', '2', '/quit']) {
    input.write(`${line}\n`);
  }
  await done;
  expect(printed).toContain('bot: What day do you want to check in?');
  expect(printed).toContain(
    'bot: [Room type — Pick the room you want] 1) Queen  2) King  3) Deluxe',
  );
  // "2" pressed the King button: its value fills the slot, and the bot asks to confirm.
  expect(printed).toMatch(
    /bot: Okay, I have you down for a 2 night stay in Chicago starting \d{4}-\d\d-\d\d, a king room/,
  );
  expect(printed).toContain('(BookHotel: InProgress, next ConfirmIntent)');
});
