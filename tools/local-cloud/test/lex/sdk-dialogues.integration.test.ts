import {
  carDialogues,
  DIALOGUE_DEFAULT_NOW,
  hotelDialogues,
  type Dialogue,
} from '@booktrip/test-kit';
import { playDialogue } from './play-dialogue';
import { startLexHarness, type LexHarness } from './lex-harness';

/*
 * The dialogues the fulfilment service's conversation tests also play against the code hook
 * directly (`hotelDialogues`, `carDialogues` from libs/test-kit, defined once), here end to end
 * through LexRuntimeV2Client: the local runtime understands the words and calls the real bundle,
 * as the deployed bot does.
 */
const dialogues: Dialogue[] = [...Object.values(hotelDialogues), ...Object.values(carDialogues)];

// Under a loaded machine the first turns (bundle load, first HTTP/2 session) take seconds.
jest.setTimeout(30_000);

let lex: LexHarness;
beforeAll(async () => {
  lex = await startLexHarness();
}, 180_000);
afterAll(() => lex.close());
afterEach(() => jest.useRealTimers());

let sessions = 0;
it.each(dialogues.map((dialogue) => [dialogue.name, dialogue] as const))(
  '%s — through LexRuntimeV2Client',
  async (_, dialogue) => {
    // Only the clock is faked (the runtime's and the bundle's `Date`): sockets and timers run.
    jest.useFakeTimers({
      now: new Date(dialogue.now ?? DIALOGUE_DEFAULT_NOW),
      doNotFake: [
        'nextTick',
        'setImmediate',
        'clearImmediate',
        'setTimeout',
        'clearTimeout',
        'setInterval',
        'clearInterval',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
    });
    const responses = await playDialogue(
      { client: lex.guest, bot: lex.bot, published: lex.published },
      dialogue,
      `dialogue-${++sessions}`,
    );
    // One RecognizeText per user turn: a fulfilment step is Lex acting within its request.
    const requests = dialogue.steps.filter(
      (step) => step.lex.invocationSource !== 'FulfillmentCodeHook',
    );
    expect(responses).toHaveLength(requests.length);
  },
);
