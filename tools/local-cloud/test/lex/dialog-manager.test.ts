import type { EdgeRequest, LocalLambda, LocalResource } from '../../src/edge/contracts';
import { createLexRuntime, type LexRuntime } from '../../src/lex';
import { alias, flowersBot, HOOK_ARN, withCodeHooks } from './flowers-bot';

const noLambda: LocalLambda = {
  invoke: () => Promise.reject(new Error('this bot has no code hook')),
};

async function runtimeFor(resources: LocalResource[], lambda: LocalLambda = noLambda) {
  return createLexRuntime({
    resources,
    region: 'us-east-1',
    accountId: '000000000000',
    authorize: async () => true,
    lambda,
  });
}

function recognizer(runtime: LexRuntime, sessionId: string) {
  return async (text: string, sessionAttributes?: Record<string, string>) => {
    const request: EdgeRequest = {
      method: 'POST',
      path: `/bots/FLOWERS/botAliases/PROD/botLocales/en_US/sessions/${sessionId}/text`,
      query: new URLSearchParams(),
      headers: { 'content-type': 'application/json' },
      body: Buffer.from(
        JSON.stringify({
          text,
          ...(sessionAttributes ? { sessionState: { sessionAttributes } } : {}),
        }),
      ),
      caller: { kind: 'admin', accessKeyId: 'ADMIN', arn: 'arn:aws:iam::000000000000:root' },
    };
    const response = await runtime.service.handle(request);
    const body = JSON.parse(String(response.body)) as {
      message?: string;
      messages?: { content?: string }[];
      sessionState: {
        dialogAction?: { type: string; slotToElicit?: string };
        intent?: {
          name: string;
          state: string;
          slots: Record<
            string,
            {
              value: { originalValue: string; interpretedValue: string; resolvedValues: string[] };
            } | null
          >;
        };
      };
      interpretations: { intent: { name: string }; nluConfidence?: { score: number } }[];
    };
    return {
      status: response.status,
      errorType: response.headers?.['x-amzn-errortype'],
      body,
      said: (body.messages ?? []).map((m) => m.content).join(' '),
      action: body.sessionState?.dialogAction,
      value: (name: string) => body.sessionState?.intent?.slots[name]?.value,
    };
  };
}

let runtime: LexRuntime;
beforeAll(async () => {
  runtime = await runtimeFor([flowersBot, alias()]);
});

describe('a bot without a code hook', () => {
  it('asks for the slots in priority order, with {Slot} filled in the prompts', async () => {
    const say = recognizer(runtime, 'order-1');
    const first = await say('I would like to order some flowers');
    expect(first.action).toEqual({ type: 'ElicitSlot', slotToElicit: 'FlowerType' });
    expect(first.said).toBe('What type of flowers would you like?');
    const colour = await say('roses');
    expect(colour.said).toBe('What colour should the roses be?');
    const quantity = await say('crimson');
    // TOP_RESOLUTION: the synonym resolves to its value.
    expect(quantity.value('Colour')).toEqual({
      originalValue: 'crimson',
      interpretedValue: 'red',
      resolvedValues: ['red'],
    });
    expect(quantity.said).toBe('How many roses would you like?');
  });

  it('keeps what the user said for ORIGINAL_VALUE types, and accepts any answer to their prompt', async () => {
    const say = recognizer(runtime, 'order-2');
    await say('order flowers');
    const known = await say('rose');
    expect(known.value('FlowerType')).toEqual({
      originalValue: 'rose',
      interpretedValue: 'rose',
      resolvedValues: ['roses'],
    });
    const other = recognizer(runtime, 'order-3');
    await other('order flowers');
    const unknown = await other('sunflowers');
    expect(unknown.value('FlowerType')).toEqual({
      originalValue: 'sunflowers',
      interpretedValue: 'sunflowers',
      resolvedValues: [],
    });
  });

  it('fills several slots from one utterance, numbers in words included', async () => {
    const say = recognizer(runtime, 'order-4');
    const response = await say('send twenty one white tulips');
    expect(response.value('Quantity')?.interpretedValue).toBe('21');
    expect(response.value('Colour')?.interpretedValue).toBe('white');
    expect(response.value('FlowerType')?.interpretedValue).toBe('tulips');
    expect(response.action).toEqual({ type: 'ElicitSlot', slotToElicit: 'Voucher' });
  });

  it('re-asks with the variation on a value it cannot understand, then gives up with the failure response', async () => {
    const say = recognizer(runtime, 'order-5');
    await say('send 3 red roses');
    const retry1 = await say('%%%');
    expect(retry1.action).toEqual({ type: 'ElicitSlot', slotToElicit: 'Voucher' });
    expect(retry1.said).toBe('Sorry, what is your voucher code?');
    const retry2 = await say('%%%');
    expect(retry2.said).toBe('What is your voucher code?');
    const failed = await say('%%%');
    expect(failed.action).toEqual({ type: 'Close' });
    expect(failed.body.sessionState.intent?.state).toBe('Failed');
    expect(failed.said).toBe('I could not get the Voucher.');
  });

  it('confirms with [attribute] substitution, understands "sure", and closes with the closing response', async () => {
    const say = recognizer(runtime, 'order-6');
    await say('send 3 red roses', { customer: 'Ada' });
    const confirm = await say('AB12CD');
    expect(confirm.value('Voucher')?.interpretedValue).toBe('AB12CD');
    expect(confirm.action).toEqual({ type: 'ConfirmIntent' });
    expect(confirm.said).toBe('So 3 red roses for Ada, with voucher AB12CD. Okay?');
    const done = await say('sure, go ahead');
    expect(done.body.sessionState.intent?.state).toBe('Fulfilled');
    expect(done.said).toBe('Your roses are on their way.');
  });

  it('says the declination response to "nah"', async () => {
    const say = recognizer(runtime, 'order-7');
    await say('send 3 red roses');
    await say('ZZ9');
    const declined = await say('nah');
    expect(declined.body.sessionState.intent?.state).toBe('Failed');
    expect(declined.said).toBe('Okay, no flowers then.');
  });

  it('falls back below the confidence threshold, with no confidence on the fallback', async () => {
    const response = await recognizer(runtime, 'order-8')('what is the meaning of life');
    expect(response.body.interpretations[0]).toEqual(
      expect.objectContaining({ intent: expect.objectContaining({ name: 'Fallback' }) }),
    );
    expect(response.body.interpretations[0]?.nluConfidence).toBeUndefined();
    expect(response.said).toBe('I only sell flowers.');
  });
});

describe('the code hook', () => {
  it('gets a Lex V2 event and an invalid answer is a 424 DependencyFailedException', async () => {
    const events: unknown[] = [];
    // A template with the dialog code hook switched on for every intent.
    const withHook = await runtimeFor([withCodeHooks(), alias(HOOK_ARN)], {
      invoke: async (arn, event) => {
        events.push({ arn, event });
        return {
          statusCode: 200,
          payload: {
            sessionState: {
              // Lex accepts string attribute values only.
              sessionAttributes: { count: 1 },
              dialogAction: { type: 'Delegate' },
              intent: { name: 'OrderFlowers', state: 'InProgress' },
            },
          },
        };
      },
    });
    const response = await recognizer(withHook, 'hooked-1')('send 3 red roses');
    expect(response.status).toBe(424);
    expect(response.errorType).toBe('DependencyFailedException');
    expect(response.body.message).toMatch(
      /^Invalid Lambda Response: sessionState\.sessionAttributes\.count/,
    );
    expect(events).toEqual([
      {
        arn: HOOK_ARN,
        event: expect.objectContaining({
          messageVersion: '1.0',
          invocationSource: 'DialogCodeHook',
          inputMode: 'Text',
          sessionId: 'hooked-1',
          inputTranscript: 'send 3 red roses',
          bot: {
            id: 'FLOWERS',
            name: 'OrderFlowers',
            aliasId: 'PROD',
            aliasName: 'prod',
            localeId: 'en_US',
            version: '1',
          },
          proposedNextState: {
            dialogAction: { type: 'ElicitSlot', slotToElicit: 'Voucher' },
            intent: expect.objectContaining({
              name: 'OrderFlowers',
              state: 'InProgress',
              confirmationState: 'None',
            }),
            prompt: { attempt: 'Initial' },
          },
          interpretations: expect.arrayContaining([
            expect.objectContaining({
              intent: expect.objectContaining({ name: 'OrderFlowers' }),
              nluConfidence: expect.any(Number),
            }),
          ]),
        }),
      },
    ]);
  });
});

describe('a dialog code hook that only ever delegates', () => {
  it('lets Lex elicit by slot priority, confirm, then fulfil, ignoring the messages it returns with Delegate', async () => {
    const events: {
      invocationSource: string;
      proposedNextState?: { dialogAction: { type: string; slotToElicit?: string } };
      sessionState: { intent: { confirmationState: string } };
    }[] = [];
    const delegating = await runtimeFor([withCodeHooks(), alias(HOOK_ARN)], {
      invoke: async (_arn, payload) => {
        const event = payload as (typeof events)[number] & {
          sessionState: { intent: unknown; sessionAttributes: Record<string, string> };
        };
        events.push(event);
        return {
          statusCode: 200,
          payload: {
            sessionState: {
              // Attributes the hook returns replace the session's, with Delegate too.
              sessionAttributes: { ...event.sessionState.sessionAttributes, customer: 'Ada' },
              dialogAction: { type: 'Delegate' },
              intent: event.sessionState.intent,
            },
            messages: [{ contentType: 'PlainText', content: 'The hook speaks here.' }],
          },
        };
      },
    });
    const say = recognizer(delegating, 'delegating-1');

    const turns = [
      await say('I would like to order some flowers'),
      await say('roses'),
      await say('crimson'),
      await say('3'),
    ];
    // The template lists the slots in reverse; SlotPriorities decide the order.
    expect(turns.map((turn) => turn.action)).toEqual([
      { type: 'ElicitSlot', slotToElicit: 'FlowerType' },
      { type: 'ElicitSlot', slotToElicit: 'Colour' },
      { type: 'ElicitSlot', slotToElicit: 'Quantity' },
      { type: 'ElicitSlot', slotToElicit: 'Voucher' },
    ]);
    expect(turns.map((turn) => turn.said)).toEqual([
      'What type of flowers would you like?',
      'What colour should the roses be?',
      'How many roses would you like?',
      'What is your voucher code?',
    ]);

    const confirm = await say('AB12CD');
    expect(confirm.action).toEqual({ type: 'ConfirmIntent' });
    expect(confirm.said).toBe('So 3 red roses for Ada, with voucher AB12CD. Okay?');

    const done = await say('yes');
    expect(done.action).toEqual({ type: 'Close' });
    expect(done.body.sessionState.intent?.state).toBe('Fulfilled');
    expect(done.said).toBe('Your roses are on their way.');

    // The hook ran on every turn, told each time what Lex proposed to do next.
    expect(events.map((event) => event.invocationSource)).toEqual(
      Array<string>(6).fill('DialogCodeHook'),
    );
    expect(events.map((event) => event.proposedNextState?.dialogAction)).toEqual([
      { type: 'ElicitSlot', slotToElicit: 'FlowerType' },
      { type: 'ElicitSlot', slotToElicit: 'Colour' },
      { type: 'ElicitSlot', slotToElicit: 'Quantity' },
      { type: 'ElicitSlot', slotToElicit: 'Voucher' },
      { type: 'ConfirmIntent' },
      // Ready for fulfilment: Lex proposes nothing more.
      undefined,
    ]);
    expect(events[5]?.sessionState.intent.confirmationState).toBe('Confirmed');
  });
});
