import 'aws-sdk-client-mock-jest';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ConversationTurnRecorded, ReservationRequested } from '@booktrip/events';
import { HANDLER_ERROR_METRIC, logger, metrics } from '@booktrip/lambda-kit';
import { mockClient } from 'aws-sdk-client-mock';
import { ABSENT } from '@booktrip/test-kit';
import { runDialogue, type HookDialogue as Dialogue } from './conversation/run-dialogue';

const eventBridge = mockClient(EventBridgeClient);
const TURN = ConversationTurnRecorded.detailType;
const REQUESTED = ReservationRequested.detailType;

const CHICAGO_KING = {
  Location: 'Chicago',
  CheckInDate: '2026-12-04',
  Nights: '3',
  RoomType: 'king',
};
const PRICED_CHICAGO_KING = {
  currentReservation: JSON.stringify({
    kind: 'hotel',
    location: 'Chicago',
    checkInDate: '2026-12-04',
    nights: 3,
    roomType: 'king',
  }),
  currentReservationPrice: '$756.00',
};

const greeting: Dialogue = {
  name: 'answers a greeting by saying what it can do, and waits for a request',
  steps: [
    {
      user: 'hello',
      lex: { intent: 'Greeting' },
      expect: {
        action: 'ElicitIntent',
        message: /^Hi! I can book a hotel room or a rental car/,
        published: [TURN],
      },
    },
  ],
};

const fallback: Dialogue = {
  name: 'answers what it did not understand with examples of what it can do',
  steps: [
    {
      user: 'what is the meaning of life',
      lex: { intent: 'FallbackIntent' },
      expect: {
        action: 'ElicitIntent',
        message: /^Sorry, I didn't get that\. I can book a hotel/,
        published: [TURN],
      },
    },
  ],
};

const unknownIntent: Dialogue = {
  name: 'closes an intent it does not know politely, as failed',
  steps: [
    {
      user: 'order a pizza',
      lex: { intent: 'OrderPizza', slots: { Topping: 'cheese' } },
      expect: {
        action: 'Close',
        intentState: 'Failed',
        message: "Sorry, I can't help with that yet. I can book a hotel room or a rental car.",
        published: [TURN],
      },
    },
  ],
};

const pricingFault: Dialogue = {
  name: 'closes politely when pricing fails, keeps the session, and still records the turn',
  sessionAttributes: { userName: 'Ana' },
  effects: {
    price: () => {
      throw new Error('rate table unavailable');
    },
  },
  steps: [
    {
      user: 'book a king room in Chicago for 3 nights from December 4',
      lex: { intent: 'BookHotel', slots: CHICAGO_KING },
      expect: {
        action: 'Close',
        intentState: 'Failed',
        message:
          "Sorry, something went wrong on my side and I couldn't finish that. Please try again in a moment.",
        sessionAttributes: { userName: 'Ana' },
        published: [TURN],
      },
    },
  ],
};

const dialogues: Dialogue[] = [
  greeting,
  fallback,
  unknownIntent,
  pricingFault,
  {
    name: 'goes on with the conversation when the bus is unavailable',
    bus: 'unavailable',
    steps: [
      {
        user: 'book a king room in Chicago for 3 nights from December 4',
        lex: { intent: 'BookHotel', slots: CHICAGO_KING },
        expect: {
          action: 'ConfirmIntent',
          sessionAttributes: { currentReservationPrice: '$756.00' },
        },
      },
      {
        user: 'hello',
        lex: { intent: 'Greeting' },
        expect: { action: 'ElicitIntent', message: /^Hi!/ },
      },
    ],
  },
  {
    name: 'goes on when PutEvents reports the turn as failed on every attempt',
    bus: 'first-entry-fails',
    steps: [
      {
        user: '45 nights',
        lex: { intent: 'BookHotel', slots: { Nights: '45' } },
        expect: {
          action: 'ElicitSlot',
          slot: 'Nights',
          message: /^I can't book a stay of 45 nights/,
          // The publisher retries the failed entry twice before giving up.
          published: [TURN, TURN, TURN],
        },
      },
    ],
  },
  {
    name: 'does not claim a booking it could not hand to the booking workflow',
    bus: 'unavailable',
    sessionAttributes: PRICED_CHICAGO_KING,
    steps: [
      {
        user: 'yes',
        lex: {
          intent: 'BookHotel',
          slots: CHICAGO_KING,
          invocationSource: 'FulfillmentCodeHook',
          confirmationState: 'Confirmed',
        },
        expect: {
          action: 'Close',
          intentState: 'Failed',
          message: /^Sorry, I couldn't pass your booking on just now, so nothing is booked yet\./,
          // Kept so that asking again books the same thing at the same price.
          sessionAttributes: { ...PRICED_CHICAGO_KING, lastConfirmedReservation: ABSENT },
        },
      },
    ],
  },
  {
    name: 'fails the fulfilment politely when the check-in date passed while confirming',
    now: '2026-12-06T12:00:00Z',
    sessionAttributes: PRICED_CHICAGO_KING,
    steps: [
      {
        user: 'yes',
        lex: {
          intent: 'BookHotel',
          slots: CHICAGO_KING,
          invocationSource: 'FulfillmentCodeHook',
          confirmationState: 'Confirmed',
        },
        expect: {
          action: 'Close',
          intentState: 'Failed',
          message: /no longer valid/,
          sessionAttributes: { currentReservation: ABSENT },
          published: [TURN],
        },
      },
    ],
  },
  {
    name: 'ignores corrupt session attributes and carries on without them',
    sessionAttributes: {
      lastConfirmedReservation: '{"kind":"hotel","location":',
      currentReservation: '{"kind":"boat"}',
      confirmationContext: 'SomethingElse',
      userName: 'Ana',
    },
    steps: [
      {
        user: 'rent a car',
        lex: { intent: 'BookCar', slots: { PickUpCity: null } },
        expect: {
          // No hotel to copy from, so no offer: the usual first question.
          action: 'ElicitSlot',
          slot: 'PickUpCity',
          message: 'In what city do you need to rent a car?',
          sessionAttributes: {
            lastConfirmedReservation: ABSENT,
            currentReservation: ABSENT,
            confirmationContext: ABSENT,
            userName: 'Ana',
          },
          published: [TURN],
        },
      },
    ],
  },
  {
    name: "keeps the client's own session attributes through a whole booking",
    sessionAttributes: { userName: 'Ana', channel: 'web' },
    steps: [
      {
        user: 'book a king room in Chicago for 3 nights from December 4',
        lex: { intent: 'BookHotel', slots: CHICAGO_KING },
        expect: {
          action: 'ConfirmIntent',
          sessionAttributes: { userName: 'Ana', channel: 'web' },
        },
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
          sessionAttributes: { userName: 'Ana', channel: 'web' },
          published: [REQUESTED, TURN],
        },
      },
    ],
  },
];

describe('other intents and faults', () => {
  afterEach(() => jest.restoreAllMocks());

  it.each(dialogues.map((dialogue) => [dialogue.name, dialogue] as const))(
    '%s',
    async (_name, dialogue) => {
      await runDialogue(dialogue, eventBridge);
    },
  );

  it('logs an internal fault with the correlation id and counts it in HandlerErrors', async () => {
    const addMetric = jest.spyOn(metrics, 'addMetric');
    const correlationIds: (string | undefined)[] = [];
    const error = jest.spyOn(logger, 'error').mockImplementation(() => {
      correlationIds.push(logger.getCorrelationId() as string | undefined);
    });

    await runDialogue(pricingFault, eventBridge);

    expect(error).toHaveBeenCalledWith(
      'handler failed',
      expect.objectContaining({ message: 'rate table unavailable' }),
    );
    expect(correlationIds).toEqual(['request-1']);
    expect(addMetric).toHaveBeenCalledWith(HANDLER_ERROR_METRIC, 'Count', 1);
  });

  it('records the failed turn on the bus as a Close in state Failed', async () => {
    const [turn] = await runDialogue(pricingFault, eventBridge);

    const recorded = JSON.parse(turn?.entries[0]?.Detail ?? '{}');
    expect(recorded.data).toMatchObject({
      intentName: 'BookHotel',
      intentState: 'Failed',
      dialogAction: 'Close',
    });
  });

  it('logs and counts a turn it could not record, without failing the turn', async () => {
    const addMetric = jest.spyOn(metrics, 'addMetric');
    const error = jest.spyOn(logger, 'error');

    await runDialogue(
      {
        name: 'a greeting while PutEvents fails the entry every time',
        bus: 'first-entry-fails',
        steps: [
          {
            user: 'hi',
            lex: { intent: 'Greeting' },
            expect: { action: 'ElicitIntent', message: /^Hi!/ },
          },
        ],
      },
      eventBridge,
    );

    expect(error).toHaveBeenCalledWith('could not record the conversation turn', expect.any(Error));
    expect(addMetric).toHaveBeenCalledWith('TurnsNotRecorded', 'Count', 1);
    expect(addMetric).not.toHaveBeenCalledWith(
      HANDLER_ERROR_METRIC,
      expect.anything(),
      expect.anything(),
    );
    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 3);
  });

  it('warns about a corrupt session attribute without logging its value', async () => {
    const warn = jest.spyOn(logger, 'warn');

    await runDialogue(dialogues[8] as Dialogue, eventBridge);

    expect(warn).toHaveBeenCalledWith('ignoring an unreadable session attribute', {
      attribute: 'lastConfirmedReservation',
      length: 27,
    });
  });
});
