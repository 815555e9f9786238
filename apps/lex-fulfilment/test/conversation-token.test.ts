import 'aws-sdk-client-mock-jest';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { CONVERSATION_TOKEN_ATTRIBUTE, conversationToken, createPublisher } from '@booktrip/events';
import { HANDLER_ERROR_METRIC, metrics } from '@booktrip/lambda-kit';
import { lambdaContext, lexV2Event } from '@booktrip/test-kit';
import { mockClient } from 'aws-sdk-client-mock';
import type { LexResponse } from '../src/dialog';
import { fulfilmentDefinition } from '../src/definition';
import { createLexHandler } from '../src/handler';
import { replies } from '../src/replies';
import { TokenKeyUnavailableError } from '../src/token-key-unavailable';
import { TEST_TOKEN_KEY } from './support/conversation-token';

const eventBridge = mockClient(EventBridgeClient);
const OWNERS_CHAT = '5b1f7e2a-8c4d-4e9f-a0b3-6d2c1e0f9a8b';
const SOMEONE_ELSES = '0e9d8c7b-6a5f-4e3d-9c2b-1a0f9e8d7c6b';

const handler = createLexHandler({
  publish: createPublisher({
    eventBusName: 'booktrip-test',
    client: new EventBridgeClient({ region: 'us-east-1' }),
  }),
  now: () => new Date('2026-11-24T12:00:00Z'),
  tokenKey: async () => TEST_TOKEN_KEY,
});

/** What Lex holds for the owner's session: the reservation in progress and the last booking. */
const OWNERS_ATTRIBUTES = {
  currentReservation: JSON.stringify({ kind: 'hotel', location: 'Chicago', nights: 3 }),
  currentReservationPrice: '$597.00',
  lastConfirmedReservation: JSON.stringify({ kind: 'hotel', location: 'Chicago' }),
};

/** The turn that would book: every slot filled, the user said yes. */
const confirmedHotel = (requestAttributes?: Record<string, string>) =>
  lexV2Event({
    intent: 'BookHotel',
    invocationSource: 'FulfillmentCodeHook',
    confirmationState: 'Confirmed',
    sessionId: OWNERS_CHAT,
    inputTranscript: 'yes',
    slots: { Location: 'Chicago', CheckInDate: '2026-12-04', Nights: '3', RoomType: 'king' },
    sessionAttributes: OWNERS_ATTRIBUTES,
    ...(requestAttributes ? { requestAttributes } : {}),
  });

const invoke = async (event: unknown) => (await handler(event, lambdaContext())) as LexResponse;

beforeEach(() => {
  eventBridge.reset();
  eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] });
});
afterEach(() => jest.restoreAllMocks());

describe('a turn of a conversation', () => {
  it.each([
    ['no token', undefined],
    ['an empty token', { [CONVERSATION_TOKEN_ATTRIBUTE]: '' }],
    ['a made-up token', { [CONVERSATION_TOKEN_ATTRIBUTE]: 'A'.repeat(43) }],
    ['the token in another attribute', { conversationToken: 'A'.repeat(43) }],
  ])(
    'with %s books nothing, records nothing and asks to start a new chat',
    async (_case, attributes) => {
      const addMetric = jest.spyOn(metrics, 'addMetric');

      const response = await invoke(confirmedHotel(attributes));

      expect(eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
      expect(response.sessionState.dialogAction).toEqual({ type: 'Close' });
      expect(response.sessionState.intent).toMatchObject({ name: 'BookHotel', state: 'Failed' });
      expect(response.messages).toEqual([
        { contentType: 'PlainText', content: replies.chatNotOpen },
      ]);
      // None of the owner's session goes back to the stranger (nor is stored by Lex again).
      expect(response.sessionState.sessionAttributes).toEqual({});
      expect(JSON.stringify(response)).not.toMatch(/Chicago|597/);
      expect(addMetric).toHaveBeenCalledWith(
        fulfilmentDefinition.metrics.turnWithoutToken,
        'Count',
        1,
      );
      expect(addMetric).not.toHaveBeenCalledWith(
        fulfilmentDefinition.metrics.turnAnswered,
        'Count',
        1,
      );
    },
  );

  it("with another conversation's token books nothing: a token opens only its own chat", async () => {
    const strangersToken = await conversationToken(TEST_TOKEN_KEY, SOMEONE_ELSES);

    const response = await invoke(
      confirmedHotel({ [CONVERSATION_TOKEN_ATTRIBUTE]: strangersToken }),
    );

    expect(eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
    expect(response.messages?.[0]).toMatchObject({ content: replies.chatNotOpen });
    expect(response.sessionState.sessionAttributes).toEqual({});
  });

  it('with a token signed by another key books nothing', async () => {
    const forged = await conversationToken(`${TEST_TOKEN_KEY}-guessed`, OWNERS_CHAT);

    await invoke(confirmedHotel({ [CONVERSATION_TOKEN_ATTRIBUTE]: forged }));

    expect(eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
  });

  it('with its own token is booked and recorded as before', async () => {
    const token = await conversationToken(TEST_TOKEN_KEY, OWNERS_CHAT);
    const addMetric = jest.spyOn(metrics, 'addMetric');

    const response = await invoke(confirmedHotel({ [CONVERSATION_TOKEN_ATTRIBUTE]: token }));

    expect(response.sessionState.intent).toMatchObject({ state: 'Fulfilled' });
    // The owner's own session carries on: the booked hotel stays for BookCar.
    expect(response.sessionState.sessionAttributes).toHaveProperty('lastConfirmedReservation');
    expect(addMetric).toHaveBeenCalledWith(fulfilmentDefinition.metrics.turnAnswered, 'Count', 1);
    const detailTypes = eventBridge
      .commandCalls(PutEventsCommand)
      .flatMap((call) => call.args[0].input.Entries ?? [])
      .map((entry) => entry.DetailType);
    expect(detailTypes).toEqual(['Reservation Requested', 'Conversation Turn Recorded']);
  });

  it('fails the turn to Lex, recording nothing and answering nothing, when the token key cannot be read', async () => {
    const publish = jest.fn(async () => undefined);
    const addMetric = jest.spyOn(metrics, 'addMetric');
    const keyless = createLexHandler({
      publish,
      tokenKey: async () => {
        throw new Error('Secrets Manager is unavailable');
      },
    });
    const token = await conversationToken(TEST_TOKEN_KEY, OWNERS_CHAT);

    // Lex answers a failed invocation with DependencyFailedException and keeps the session as
    // it was: any answer, even an empty set of attributes, would replace the owner's booking in
    // progress (and one echoing them would show it to an unproven caller).
    const failed = keyless(
      confirmedHotel({ [CONVERSATION_TOKEN_ATTRIBUTE]: token }),
      lambdaContext(),
    );
    await expect(failed).rejects.toBeInstanceOf(TokenKeyUnavailableError);
    await expect(failed).rejects.toMatchObject({
      cause: { message: 'Secrets Manager is unavailable' },
    });
    expect(publish).not.toHaveBeenCalled();
    expect(addMetric).toHaveBeenCalledWith(HANDLER_ERROR_METRIC, 'Count', 1);
  });
});
