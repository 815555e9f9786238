import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { ConversationTurnRecorded, ReservationRequested } from '@booktrip/events';
import { ABSENT, hotelDialogues } from '@booktrip/test-kit';
import { mockClient } from 'aws-sdk-client-mock';
import { runDialogue, SESSION_ID, TEST_BUS, type HookDialogue } from './conversation/run-dialogue';

const eventBridge = mockClient(EventBridgeClient);
const TURN = ConversationTurnRecorded.detailType;
const REQUESTED = ReservationRequested.detailType;

// The clock is Tuesday 2026-11-24; 2026-12-04 is a Friday. Chicago is a tier-2 city: a king
// room costs $216 a night, $270 on Friday and Saturday nights. The dialogues shared with the
// local cloud's SDK tests (`hotelDialogues`) run first.
const CHICAGO_KING_3_NIGHTS = {
  kind: 'hotel',
  location: 'Chicago',
  checkInDate: '2026-12-04',
  nights: 3,
  roomType: 'king',
};

const PRICED_CHICAGO_KING = {
  currentReservation: JSON.stringify(CHICAGO_KING_3_NIGHTS),
  currentReservationPrice: '$756.00',
};

const dialogues: HookDialogue[] = [
  ...Object.values(hotelDialogues),
  {
    name: 'prices what Lex resolved in another case, and confirms with the words Lex understood',
    steps: [
      {
        user: 'book a King room in chicago for 3 nights from December 4',
        lex: {
          intent: 'BookHotel',
          slots: { Location: 'chicago', CheckInDate: '2026-12-04', Nights: '3', RoomType: 'King' },
        },
        expect: {
          action: 'ConfirmIntent',
          message:
            'Okay, I have you down for a 3 night stay in chicago starting 2026-12-04, a King room, for $756.00. Shall I book the reservation?',
          sessionAttributes: {
            currentReservation: JSON.stringify(CHICAGO_KING_3_NIGHTS),
            currentReservationPrice: '$756.00',
          },
        },
      },
    ],
  },
  {
    name: 'asks again, and for a new confirmation, when the check-in date passed while confirming',
    now: '2026-12-05T12:00:00Z',
    sessionAttributes: PRICED_CHICAGO_KING,
    steps: [
      {
        user: 'yes',
        lex: {
          intent: 'BookHotel',
          slots: { Location: 'Chicago', CheckInDate: '2026-12-04', Nights: '3', RoomType: 'king' },
          confirmationState: 'Confirmed',
        },
        expect: {
          action: 'ElicitSlot',
          slot: 'CheckInDate',
          message: '2026-12-04 is in the past. What day do you want to check in?',
          confirmationState: 'None',
          sessionAttributes: { currentReservation: ABSENT, currentReservationPrice: ABSENT },
        },
      },
      {
        user: 'December 11',
        lex: { intent: 'BookHotel', slots: { CheckInDate: '2026-12-11' } },
        expect: {
          action: 'ConfirmIntent',
          message: /starting 2026-12-11, a king room, for \$756\.00\. Shall I book/,
          confirmationState: 'None',
        },
      },
    ],
  },
  {
    name: 'accepts a plausible city it does not list, at the standard tier',
    steps: [
      {
        user: 'a queen room in Springfield for one night on December 1st',
        lex: {
          intent: 'BookHotel',
          slots: {
            Location: 'Springfield',
            CheckInDate: '2026-12-01',
            Nights: '1',
            RoomType: 'queen',
          },
        },
        expect: {
          action: 'ConfirmIntent',
          message: /^Okay, I have you down for a 1 night stay in Springfield .* for \$120\.00\./,
          sessionAttributes: { currentReservationPrice: '$120.00' },
        },
      },
    ],
  },
  {
    name: 're-asks for the city when it cannot be a city name',
    steps: [
      {
        user: 'book a hotel in 12345',
        lex: { intent: 'BookHotel', slots: { Location: '12345' } },
        expect: {
          action: 'ElicitSlot',
          slot: 'Location',
          message: `I don't know a city called "12345". What city will you be staying in?`,
          cards: [],
          slots: { Location: null },
          intentState: 'InProgress',
        },
      },
      {
        user: 'Boston',
        lex: { intent: 'BookHotel', slots: { Location: 'Boston' } },
        expect: {
          action: 'ElicitSlot',
          slot: 'CheckInDate',
          message: 'What day do you want to check in?',
          slots: { Location: 'Boston' },
        },
      },
    ],
  },
  {
    name: 'accepts check-in today',
    steps: [
      {
        user: 'a hotel in Chicago tonight',
        lex: { intent: 'BookHotel', slots: { Location: 'Chicago', CheckInDate: '2026-11-24' } },
        expect: { action: 'ElicitSlot', slot: 'Nights', slots: { CheckInDate: '2026-11-24' } },
      },
    ],
  },
  {
    name: 're-asks for a check-in date more than a year ahead',
    steps: [
      {
        user: 'a hotel in Chicago in January 2028',
        lex: { intent: 'BookHotel', slots: { Location: 'Chicago', CheckInDate: '2028-01-10' } },
        expect: {
          action: 'ElicitSlot',
          slot: 'CheckInDate',
          message: /^I can only book up to a year ahead, until 2027-11-24\. What day/,
        },
      },
    ],
  },
  {
    name: 're-asks for a check-in date Lex could not resolve to a day',
    steps: [
      {
        user: 'sometime soon',
        lex: { intent: 'BookHotel', slots: { CheckInDate: 'sometime soon' } },
        expect: {
          action: 'ElicitSlot',
          slot: 'CheckInDate',
          message: /didn't understand "sometime soon" as a date/,
        },
      },
    ],
  },
  {
    name: 'refuses more than 30 nights, then takes a valid number',
    steps: [
      {
        user: '45 nights',
        lex: {
          intent: 'BookHotel',
          slots: { Location: 'Chicago', CheckInDate: '2026-12-04', Nights: '45' },
        },
        expect: {
          action: 'ElicitSlot',
          slot: 'Nights',
          message:
            "I can't book a stay of 45 nights; up to 30 is possible. How many nights will you be staying?",
          slots: { Nights: null, Location: 'Chicago', CheckInDate: '2026-12-04' },
        },
      },
      {
        user: '30',
        lex: { intent: 'BookHotel', slots: { Nights: '30' } },
        expect: {
          action: 'ElicitSlot',
          slot: 'RoomType',
          cards: [['Room type', ['queen', 'king', 'deluxe']]],
          slots: { Nights: '30' },
        },
      },
    ],
  },
  {
    name: 'refuses a stay of zero nights',
    steps: [
      {
        user: '0 nights',
        lex: { intent: 'BookHotel', slots: { Nights: '0' } },
        expect: {
          action: 'ElicitSlot',
          slot: 'Nights',
          message: /^A stay needs at least one night\./,
        },
      },
    ],
  },
  {
    name: 're-asks for a room type the hotel does not have',
    steps: [
      {
        user: 'the penthouse',
        lex: { intent: 'BookHotel', slots: { RoomType: 'penthouse' } },
        expect: {
          action: 'ElicitSlot',
          slot: 'RoomType',
          message:
            'We have queen, king and deluxe rooms, not "penthouse". What type of room would you like: queen, king, or deluxe?',
          cards: [['Room type', ['queen', 'king', 'deluxe']]],
        },
      },
    ],
  },
];

describe('BookHotel conversations', () => {
  it.each(dialogues.map((dialogue) => [dialogue.name, dialogue] as const))(
    '%s',
    async (_name, dialogue) => {
      await runDialogue(dialogue, eventBridge);
    },
  );

  it('publishes Reservation Requested with the reservation, its price and the conversation ids', async () => {
    const turns = await runDialogue(hotelDialogues.stepByStep, eventBridge);

    const fulfilment = turns[turns.length - 1];
    const requested = fulfilment?.entries.find((entry) => entry.DetailType === REQUESTED);
    expect(requested).toMatchObject({
      EventBusName: TEST_BUS,
      Source: ReservationRequested.source,
    });
    expect(JSON.parse(requested?.Detail ?? '{}')).toEqual({
      metadata: {
        correlationId: 'request-7',
        conversationId: SESSION_ID,
        producedAt: expect.any(String),
        schemaVersion: '1',
      },
      data: {
        reservationId: '00000000-0000-4000-8000-000000000001',
        reservation: CHICAGO_KING_3_NIGHTS,
        price: { amountCents: 75_600, currency: 'USD' },
      },
    });
  });

  it('records every user turn once, with the questions the bot asked: the timeline a reload shows', async () => {
    const turns = await runDialogue(hotelDialogues.stepByStep, eventBridge);

    const recorded = turns
      .flatMap((turn) => turn.entries)
      .filter((entry) => entry.DetailType === TURN)
      .map((entry) => JSON.parse(entry.Detail ?? '{}').data)
      .map(({ userText, botMessages }) => [userText, botMessages]);
    expect(recorded).toEqual([
      ['book a hotel', ['What city will you be staying in?']],
      ['Chicago', ['What day do you want to check in?']],
      ['next Friday', ['How many nights will you be staying?']],
      ['3', ['What type of room would you like: queen, king, or deluxe?']],
      [
        'king',
        [
          'Okay, I have you down for a 3 night stay in Chicago starting 2026-12-04, a king room, for $756.00. Shall I book the reservation?',
        ],
      ],
      [
        'yes',
        [
          expect.stringMatching(
            /^Thanks! I've requested a king room in Chicago for 3 nights from 2026-12-04 to 2026-12-07 for \$756\.00\./,
          ),
        ],
      ],
    ]);
  });

  it('records each turn with what the user said and what the bot answered', async () => {
    const cityReAsked = dialogues.find((d) => d.name.startsWith('re-asks for the city'));
    const turns = await runDialogue(cityReAsked as HookDialogue, eventBridge);

    const recorded = turns[0]?.entries.find((entry) => entry.DetailType === TURN);
    expect(JSON.parse(recorded?.Detail ?? '{}').data).toEqual({
      sessionId: SESSION_ID,
      invocationSource: 'DialogCodeHook',
      inputMode: 'Text',
      userText: 'book a hotel in 12345',
      intentName: 'BookHotel',
      intentState: 'InProgress',
      dialogAction: 'ElicitSlot',
      slotToElicit: 'Location',
      botMessages: [`I don't know a city called "12345". What city will you be staying in?`],
    });
  });
});
