import {
  LexRuntimeV2Client,
  PutSessionCommand,
  RecognizeTextCommand,
  RecognizeUtteranceCommand,
} from '@aws-sdk/client-lex-runtime-v2';
import type { LocalLambda } from '../../src/edge/contracts';
import { createLexRuntime, type LexRuntime } from '../../src/lex';
import { serveForTest } from './edge-test-server';
import { alias, HOOK_ARN, withCodeHooks } from './flowers-bot';
import { errorOf } from './error-of';

/*
 * The failures of Lex's dependencies — the code hook's Lambda and Polly — as the SDK sees them,
 * on the small flowers bot with a code hook the test controls (no bundle, no cloud).
 */
jest.setTimeout(30_000);

/** What the code hook does on its next calls. */
let hook: 'delegate' | 'hangs' | 'unreachable' = 'delegate';
/** Lets the calls of a hanging hook finish (after the runtime gave up on them). */
const hanging: (() => void)[] = [];
const lambda: LocalLambda = {
  async invoke(_arn, payload) {
    if (hook === 'unreachable') throw new Error('the function has no worker');
    if (hook === 'hangs') await new Promise<void>((resolve) => hanging.push(resolve));
    const event = payload as { sessionState: { intent: unknown } };
    return {
      statusCode: 200,
      payload: {
        sessionState: { dialogAction: { type: 'Delegate' }, intent: event.sessionState.intent },
      },
    };
  },
};

const CODE_HOOK_TIMEOUT_MS = 200;
let runtime: LexRuntime;
let edge: { endpoint: string; close(): Promise<void> };
let client: LexRuntimeV2Client;
let sessions = 0;
const newSessionId = () => `errors-${++sessions}-${Date.now()}`;
const bot = { botId: 'FLOWERS', botAliasId: 'PROD', localeId: 'en_US' };

beforeAll(async () => {
  runtime = await createLexRuntime({
    resources: [withCodeHooks(), alias(HOOK_ARN)],
    region: 'us-east-1',
    accountId: '000000000000',
    authorize: async () => true,
    lambda,
    synthesize: () => Promise.reject(new Error('espeak-ng exited with code 1')),
    codeHookTimeoutMs: CODE_HOOK_TIMEOUT_MS,
  });
  edge = await serveForTest([runtime.service]);
  client = new LexRuntimeV2Client({
    endpoint: edge.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'ADMINKEY', secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
});
afterAll(async () => {
  client.destroy();
  await edge.close();
  await runtime.stop();
});
afterEach(() => {
  hook = 'delegate';
  for (const release of hanging.splice(0)) release();
});

const say = (text: string, overrides: Partial<typeof bot & { sessionId: string }> = {}) =>
  client.send(new RecognizeTextCommand({ ...bot, sessionId: newSessionId(), text, ...overrides }));

describe('a failing code hook, through LexRuntimeV2Client', () => {
  it('answers with the next prompt while the hook answers in time', async () => {
    const response = await say('I would like to order some flowers');
    expect(response.sessionState?.dialogAction).toEqual({
      type: 'ElicitSlot',
      slotToElicit: 'FlowerType',
    });
  });

  it('is a 424 DependencyFailedException when the hook does not answer within the timeout', async () => {
    hook = 'hangs';
    const error = await errorOf(say('I would like to order some flowers'));
    expect(error.name).toBe('DependencyFailedException');
    expect(error.$metadata.httpStatusCode).toBe(424);
    // Only the runtime's timer says this: the hook, still hanging, was not waited for.
    expect(error.message).toMatch(/did not answer within 200 ms/);
  });

  it('is a 502 BadGatewayException when the hook cannot be invoked at all', async () => {
    hook = 'unreachable';
    const error = await errorOf(say('I would like to order some flowers'));
    expect(error.name).toBe('BadGatewayException');
    expect(error.$metadata.httpStatusCode).toBe(502);
    expect(error.message).toMatch(/could not be invoked: the function has no worker/);
  });

  it('keeps the session usable after a failed turn', async () => {
    const sessionId = newSessionId();
    hook = 'hangs';
    await errorOf(say('I would like to order some flowers', { sessionId }));
    hook = 'delegate';
    const retried = await say('I would like to order some flowers', { sessionId });
    expect(retried.sessionState?.dialogAction?.slotToElicit).toBe('FlowerType');
  });
});

describe('a failing Polly, through LexRuntimeV2Client', () => {
  it('is a 502 BadGatewayException when an audio reply cannot be synthesized', async () => {
    const error = await errorOf(
      client.send(
        new RecognizeUtteranceCommand({
          ...bot,
          sessionId: newSessionId(),
          requestContentType: 'text/plain; charset=utf-8',
          responseContentType: 'audio/mpeg',
          inputStream: Buffer.from('I would like to order some flowers'),
        }),
      ),
    );
    expect(error.name).toBe('BadGatewayException');
    expect(error.$metadata.httpStatusCode).toBe(502);
    expect(error.message).toMatch(/Polly failed: espeak-ng exited with code 1/);
  });

  it('is a 502 BadGatewayException when PutSession asks for its messages spoken', async () => {
    const error = await errorOf(
      client.send(
        new PutSessionCommand({
          ...bot,
          sessionId: newSessionId(),
          responseContentType: 'audio/mpeg',
          sessionState: { dialogAction: { type: 'ElicitIntent' } },
          messages: [{ contentType: 'PlainText', content: 'What would you like to order?' }],
        }),
      ),
    );
    expect(error.name).toBe('BadGatewayException');
    expect(error.$metadata.httpStatusCode).toBe(502);
  });
});

describe('unknown resources, through LexRuntimeV2Client', () => {
  it.each([
    ['bot', { botId: 'NOSUCHBOT' }, /Bot NOSUCHBOT was not found/],
    ['alias', { botAliasId: 'NOSUCHALIAS' }, /Bot alias NOSUCHALIAS of bot FLOWERS/],
    ['locale', { localeId: 'en_GB' }, /Locale en_GB is not available on bot alias PROD/],
  ])('answers an unknown %s with 404 ResourceNotFoundException', async (_, overrides, message) => {
    const error = await errorOf(say('order flowers', overrides));
    expect(error.name).toBe('ResourceNotFoundException');
    expect(error.$metadata.httpStatusCode).toBe(404);
    expect(error.message).toMatch(message);
  });
});
