import { ABSENT, playDialogue, type Dialogue } from './play-dialogue';
import { startLexHarness, type LexHarness } from './lex-harness';

/*
 * Dialogues of the fulfilment service's conversation tests (apps/lex-fulfilment/test/*.
 * conversation.test.ts), in their format, played end to end through LexRuntimeV2Client: here
 * the local runtime understands the words and calls the real bundle, as the deployed bot does.
 */
const TURN = 'Conversation Turn Recorded';
const REQUESTED = 'Reservation Requested';
const DEFAULT_NOW = '2026-11-24T12:00:00Z';

const CHICAGO_KING_3_NIGHTS = {
  kind: 'hotel',
  location: 'Chicago',
  checkInDate: '2026-12-04',
  nights: 3,
  roomType: 'king',
};

const dialogues: Dialogue[] = [
  {
    name: 'books a hotel step by step, shows the price before confirming, and requests it',
    steps: [
      {
        user: 'book a hotel',
        lex: {
          intent: 'BookHotel',
          slots: { Location: null, CheckInDate: null, Nights: null, RoomType: null },
        },
        expect: { action: 'Delegate', noMessage: true, published: [TURN] },
      },
      {
        user: 'Chicago',
        lex: { intent: 'BookHotel', slots: { Location: 'Chicago' } },
        expect: { action: 'Delegate', slots: { Location: 'Chicago' }, published: [TURN] },
      },
      {
        user: 'next Friday',
        lex: { intent: 'BookHotel', slots: { CheckInDate: '2026-12-04' } },
        expect: { action: 'Delegate', published: [TURN] },
      },
      {
        user: '3',
        lex: { intent: 'BookHotel', slots: { Nights: '3' } },
        expect: {
          action: 'Delegate',
          sessionAttributes: { currentReservation: ABSENT, currentReservationPrice: ABSENT },
        },
      },
      {
        user: 'king',
        lex: { intent: 'BookHotel', slots: { RoomType: 'king' } },
        expect: {
          action: 'Delegate',
          sessionAttributes: {
            currentReservation: JSON.stringify(CHICAGO_KING_3_NIGHTS),
            currentReservationPrice: '$756.00',
          },
          published: [TURN],
        },
      },
      {
        user: 'yes',
        lex: { intent: 'BookHotel', confirmationState: 'Confirmed' },
        expect: { action: 'Delegate', confirmationState: 'Confirmed', published: [TURN] },
      },
      {
        user: 'yes',
        lex: {
          intent: 'BookHotel',
          invocationSource: 'FulfillmentCodeHook',
          confirmationState: 'Confirmed',
        },
        expect: {
          action: 'Close',
          intentState: 'Fulfilled',
          message:
            /^Thanks! I've requested a king room in Chicago for 3 nights from 2026-12-04 to 2026-12-07 for \$756\.00\. Your reservation number is [0-9a-f-]{36}/,
          sessionAttributes: {
            lastConfirmedReservation: JSON.stringify(CHICAGO_KING_3_NIGHTS),
            currentReservation: ABSENT,
            currentReservationPrice: ABSENT,
          },
          published: [REQUESTED, TURN],
        },
      },
    ],
  },
  {
    name: 'prices at once when the first utterance fills every slot',
    steps: [
      {
        user: 'book a king room in Chicago for 3 nights from December 4',
        lex: {
          intent: 'BookHotel',
          slots: { Location: 'chicago', CheckInDate: '2026-12-04', Nights: '3', RoomType: 'King' },
        },
        expect: {
          action: 'Delegate',
          sessionAttributes: {
            currentReservation: JSON.stringify(CHICAGO_KING_3_NIGHTS),
            currentReservationPrice: '$756.00',
          },
        },
      },
    ],
  },
  {
    name: 're-asks for a check-in date in the past',
    steps: [
      {
        user: 'a hotel in Chicago on November 1st 2026',
        lex: { intent: 'BookHotel', slots: { Location: 'Chicago', CheckInDate: '2026-11-01' } },
        expect: {
          action: 'ElicitSlot',
          slot: 'CheckInDate',
          message: '2026-11-01 is in the past. What day do you want to check in?',
          slots: { Location: 'Chicago', CheckInDate: null },
        },
      },
    ],
  },
  {
    name: 'rents a car step by step and requests it after confirmation',
    steps: [
      {
        user: 'rent a car',
        lex: { intent: 'BookCar' },
        expect: { action: 'Delegate', published: [TURN] },
      },
      {
        user: 'Boston',
        lex: { intent: 'BookCar', slots: { PickUpCity: 'Boston' } },
        expect: { action: 'Delegate' },
      },
      {
        user: 'December 10',
        lex: { intent: 'BookCar', slots: { PickUpDate: '2026-12-10' } },
        expect: { action: 'Delegate' },
      },
      {
        user: 'December 14',
        lex: { intent: 'BookCar', slots: { ReturnDate: '2026-12-14' } },
        expect: { action: 'Delegate' },
      },
      {
        user: '30',
        lex: { intent: 'BookCar', slots: { DriverAge: '30' } },
        expect: { action: 'Delegate' },
      },
      {
        user: 'midsize',
        lex: { intent: 'BookCar', slots: { CarType: 'midsize' } },
        expect: { action: 'Delegate', sessionAttributes: { currentReservationPrice: '$321.42' } },
      },
      {
        user: 'yes',
        lex: { intent: 'BookCar', confirmationState: 'Confirmed' },
        expect: { action: 'Delegate' },
      },
      {
        user: 'yes',
        lex: {
          intent: 'BookCar',
          invocationSource: 'FulfillmentCodeHook',
          confirmationState: 'Confirmed',
        },
        expect: {
          action: 'Close',
          intentState: 'Fulfilled',
          message:
            /^Thanks! I've requested a midsize car in Boston from 2026-12-10 to 2026-12-14 for \$321\.42\./,
          sessionAttributes: {
            lastConfirmedReservation: /"kind":"car"/,
            currentReservation: ABSENT,
          },
          published: [REQUESTED, TURN],
        },
      },
    ],
  },
  {
    name: 'charges drivers under 25 a surcharge per day',
    steps: [
      {
        user: 'a midsize car in Boston from December 10 to 14, I am 22',
        lex: {
          intent: 'BookCar',
          slots: {
            PickUpCity: 'Boston',
            PickUpDate: '2026-12-10',
            ReturnDate: '2026-12-14',
            DriverAge: '22',
            CarType: 'midsize',
          },
        },
        expect: { action: 'Delegate', sessionAttributes: { currentReservationPrice: '$421.42' } },
      },
    ],
  },
];

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
      now: new Date(dialogue.now ?? DEFAULT_NOW),
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
    await playDialogue(
      { client: lex.guest, bot: lex.bot, published: lex.published },
      dialogue,
      `dialogue-${++sessions}`,
    );
  },
);
