import 'aws-sdk-client-mock-jest';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ConversationTurnRecorded, ReservationRequested } from '@booktrip/events';
import { HANDLER_ERROR_METRIC, metrics } from '@booktrip/lambda-kit';
import { lambdaContext, lexV2Event, lexV2Slot } from '@booktrip/test-kit';
import { mockClient } from 'aws-sdk-client-mock';
import type { LexResponse } from '../src/dialog';
import { handler } from '../src/handler';
import dialogHookFirstTurn from './events/dialog-hook-first-turn.json';
import dialogHookWithSlots from './events/dialog-hook-with-slots.json';
import fulfilmentHook from './events/fulfilment-hook.json';
import { TEST_TOKEN_KEY, withToken } from './support/conversation-token';

const eventBridge = mockClient(EventBridgeClient);
const BUS = 'booktrip-test';

/** As the page calls: every turn carries its conversation's token. */
const invoke = async (event: object) =>
  (await handler(await withToken(event), lambdaContext())) as LexResponse;
const publishedDetails = (detailType: string) =>
  eventBridge
    .commandCalls(PutEventsCommand)
    .flatMap((call) => call.args[0].input.Entries ?? [])
    .filter((entry) => entry.DetailType === detailType)
    .map((entry) => JSON.parse(entry.Detail ?? '{}'));

describe('handler (the deployed entry point, with the bus from EVENT_BUS_NAME)', () => {
  beforeAll(() => {
    process.env.EVENT_BUS_NAME = BUS;
    process.env.CONVERSATION_TOKEN_KEY = TEST_TOKEN_KEY;
  });
  beforeEach(() => {
    eventBridge.reset();
    eventBridge
      .on(PutEventsCommand)
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'event-1' }] });
    // Only the clock is fake: the sample events' dates are relative to this Tuesday.
    jest.useFakeTimers({
      now: new Date('2026-11-24T12:00:00Z'),
      doNotFake: [
        'setTimeout',
        'clearTimeout',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'nextTick',
        'queueMicrotask',
        'hrtime',
        'performance',
      ],
    });
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });
  afterAll(() => {
    delete process.env.EVENT_BUS_NAME;
  });

  it('asks the first question itself on the first turn of a sample dialog hook event', async () => {
    const response = await invoke(dialogHookFirstTurn);

    expect(response).toEqual({
      sessionState: {
        sessionAttributes: {},
        dialogAction: { type: 'ElicitSlot', slotToElicit: 'Location' },
        intent: {
          name: 'BookHotel',
          slots: dialogHookFirstTurn.sessionState.intent.slots,
          state: 'InProgress',
          confirmationState: 'None',
        },
      },
      messages: [{ contentType: 'PlainText', content: 'What city will you be staying in?' }],
    });
    expect(eventBridge).toHaveReceivedCommandWith(PutEventsCommand, {
      Entries: [
        expect.objectContaining({
          EventBusName: BUS,
          Source: ConversationTurnRecorded.source,
          DetailType: ConversationTurnRecorded.detailType,
        }),
      ],
    });
    expect(publishedDetails(ConversationTurnRecorded.detailType)).toEqual([
      {
        metadata: {
          correlationId: '0f2f3c8e-1d52-4a4e-b0b5-9c1c5d0e7a11',
          conversationId: dialogHookFirstTurn.sessionId,
          producedAt: '2026-11-24T12:00:00.000Z',
          schemaVersion: '1',
        },
        data: {
          sessionId: dialogHookFirstTurn.sessionId,
          invocationSource: 'DialogCodeHook',
          inputMode: 'Text',
          userText: 'I want to book a hotel',
          intentName: 'BookHotel',
          intentState: 'InProgress',
          dialogAction: 'ElicitSlot',
          slotToElicit: 'Location',
          botMessages: ['What city will you be staying in?'],
        },
      },
    ]);
  });

  it('prices a sample dialog hook event with every slot filled, and asks to confirm at that price', async () => {
    const response = await invoke(dialogHookWithSlots);

    expect(response.sessionState.dialogAction).toEqual({ type: 'ConfirmIntent' });
    expect(response.messages).toEqual([
      {
        contentType: 'PlainText',
        content:
          'Okay, I have you down for a 3 night stay in Chicago starting 2026-12-04, a king room, for $756.00. Shall I book the reservation?',
      },
    ]);
    expect(response.sessionState.sessionAttributes).toEqual({
      userName: 'Ana',
      currentReservation: JSON.stringify({
        kind: 'hotel',
        location: 'Chicago',
        checkInDate: '2026-12-04',
        nights: 3,
        roomType: 'king',
      }),
      currentReservationPrice: '$756.00',
    });
  });

  it('requests the reservation of a sample fulfilment hook event, correlated by the client', async () => {
    const response = await invoke(fulfilmentHook);

    expect(response.sessionState.dialogAction).toEqual({ type: 'Close' });
    expect(response.sessionState.intent?.state).toBe('Fulfilled');
    expect(response.messages).toEqual([
      {
        contentType: 'PlainText',
        content: expect.stringMatching(/^Thanks! I've requested a king room in Chicago/),
      },
    ]);
    const [requested] = publishedDetails(ReservationRequested.detailType);
    expect(requested.metadata).toMatchObject({
      correlationId: 'web-7d1f0c2b',
      conversationId: fulfilmentHook.sessionId,
    });
    expect(requested.data).toMatchObject({
      reservationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      price: { amountCents: 75_600, currency: 'USD' },
    });
    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 2);
  });

  it('still books, correlated by the Lambda request id, when the client sends a correlation id too long for event metadata', async () => {
    const context = lambdaContext();
    const event = {
      ...fulfilmentHook,
      requestAttributes: { 'x-correlation-id': 'c'.repeat(300) },
    };

    const response = (await handler(await withToken(event), context)) as LexResponse;

    expect(response.sessionState.intent?.state).toBe('Fulfilled');
    expect(response.messages?.[0]).toMatchObject({
      content: expect.stringMatching(/^Thanks! I've requested a king room in Chicago/),
    });
    const published = [
      ...publishedDetails(ReservationRequested.detailType),
      ...publishedDetails(ConversationTurnRecorded.detailType),
    ];
    expect(published.map((detail) => detail.metadata.correlationId)).toEqual([
      context.awsRequestId,
      context.awsRequestId,
    ]);
  });

  it('reads the first value of a multi-valued (List) slot', async () => {
    const event = lexV2Event({
      intent: 'BookHotel',
      slots: {
        Location: {
          shape: 'List',
          value: { originalValue: 'Chicago', resolvedValues: [] },
          values: [lexV2Slot('Chicago')],
        },
        CheckInDate: '2026-12-04',
        Nights: '3',
        RoomType: 'king',
      },
    });

    const response = await invoke(event);

    expect(response.sessionState.sessionAttributes.currentReservationPrice).toBe('$756.00');
  });

  it('accepts fields Lex may add later', async () => {
    const event = { ...dialogHookFirstTurn, newTopLevelField: { anything: true } };

    const response = await invoke(event);

    expect(response.sessionState.dialogAction.type).toBe('ElicitSlot');
  });

  it('answers an invalid event with a polite Close in state Failed, keeping the session, and counts it', async () => {
    const addMetric = jest.spyOn(metrics, 'addMetric');
    const event = {
      ...dialogHookFirstTurn,
      sessionState: { ...dialogHookFirstTurn.sessionState, sessionAttributes: { userName: 'Ana' } },
      invocationSource: 'SomethingNew',
    };

    const response = await invoke(event);

    expect(response).toEqual({
      sessionState: {
        sessionAttributes: { userName: 'Ana' },
        dialogAction: { type: 'Close' },
        intent: { name: 'BookHotel', slots: {}, state: 'Failed', confirmationState: 'None' },
      },
      messages: [
        {
          contentType: 'PlainText',
          content: expect.stringMatching(/^Sorry, something went wrong/),
        },
      ],
    });
    expect(addMetric).toHaveBeenCalledWith(HANDLER_ERROR_METRIC, 'Count', 1);
  });

  it('answers an event without an intent by asking what the user wants, never by throwing', async () => {
    const response = await invoke({ sessionId: 'x', garbage: true });

    expect(response).toEqual({
      sessionState: { sessionAttributes: {}, dialogAction: { type: 'ElicitIntent' } },
      messages: [
        {
          contentType: 'PlainText',
          content: expect.stringMatching(/^Sorry, something went wrong/),
        },
      ],
    });
  });
});
