import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { ConversationTurnRecorded } from '@booktrip/events';
import { mockClient } from 'aws-sdk-client-mock';
import { runDialogue, type HookDialogue as Dialogue } from './conversation/run-dialogue';

const eventBridge = mockClient(EventBridgeClient);
const TURN = ConversationTurnRecorded.detailType;

/** Lex V2 refuses a code hook message longer than this with DependencyFailedException. */
const LEX_MESSAGE_LIMIT = 1024;
const LONG_ANSWER = 'z'.repeat(1000);
/** The reply quotes the first 40 characters, then an ellipsis, and nothing more of it. */
const QUOTED_LONG_ANSWER = /"z{40}…"(?!z)/;

// Every slot the hook validates, with what Lex already holds so that the slot is the one checked.
const longAnswers: { intent: string; slot: string; before?: Record<string, string> }[] = [
  { intent: 'BookHotel', slot: 'Location' },
  { intent: 'BookHotel', slot: 'CheckInDate' },
  { intent: 'BookHotel', slot: 'Nights' },
  { intent: 'BookHotel', slot: 'RoomType' },
  { intent: 'BookCar', slot: 'PickUpCity' },
  { intent: 'BookCar', slot: 'PickUpDate' },
  { intent: 'BookCar', slot: 'ReturnDate', before: { PickUpDate: '2026-12-04' } },
  { intent: 'BookCar', slot: 'DriverAge' },
  { intent: 'BookCar', slot: 'CarType' },
];

const longAnswerDialogue = ({ intent, slot, before }: (typeof longAnswers)[number]): Dialogue => ({
  name: `${intent}.${slot}`,
  steps: [
    {
      user: LONG_ANSWER,
      lex: { intent, slots: { ...before, [slot]: LONG_ANSWER } },
      expect: {
        action: 'ElicitSlot',
        slot,
        intentState: 'InProgress',
        message: QUOTED_LONG_ANSWER,
        slots: { [slot]: null },
        published: [TURN],
      },
    },
  ],
});

// How Lex's AMAZON.Date resolves "this weekend", "next week" and "in December".
const vagueDates = [
  ['2026-W49-WE', 'weekend'],
  ['2026-W50', 'week'],
  ['2026-12', 'month'],
] as const;
const dateSlots = [
  { intent: 'BookHotel', slot: 'CheckInDate' },
  { intent: 'BookCar', slot: 'PickUpDate' },
  { intent: 'BookCar', slot: 'ReturnDate', before: { PickUpDate: '2026-12-04' } },
];

describe('answers the bot cannot use as they are', () => {
  it.each(longAnswers.map((answer) => [`${answer.intent}.${answer.slot}`, answer] as const))(
    're-asks for %s after a 1000-character answer, quoting it briefly within Lex’s message limit',
    async (_name, answer) => {
      const [turn] = await runDialogue(longAnswerDialogue(answer), eventBridge);

      const contents = (turn?.response.messages ?? []).flatMap((m) =>
        m.contentType === 'PlainText' ? [m.content] : [],
      );
      expect(contents).not.toHaveLength(0);
      for (const content of contents) {
        expect(content.length).toBeLessThanOrEqual(LEX_MESSAGE_LIMIT);
      }
    },
  );

  describe.each(dateSlots)('$intent.$slot', ({ intent, slot, before }) => {
    it.each(vagueDates)(
      'asks for one specific day when Lex resolves the answer to %s (a whole %s)',
      async (resolved, span) => {
        const [turn] = await runDialogue(
          {
            name: `${slot} ${resolved}`,
            steps: [
              {
                user: `some time that ${span}`,
                lex: { intent, slots: { ...before, [slot]: resolved } },
                expect: {
                  action: 'ElicitSlot',
                  slot,
                  message: new RegExp(`^That's a whole ${span}; please give one specific day\\. `),
                  slots: { [slot]: null },
                },
              },
            ],
          },
          eventBridge,
        );

        expect(JSON.stringify(turn?.response.messages)).not.toContain(resolved);
      },
    );
  });
});
