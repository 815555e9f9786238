import { LexRuntimeV2Client } from '@aws-sdk/client-lex-runtime-v2';
import { localArn, LOCAL_ACCOUNT, LOCAL_AWS_REGION } from '../../src/assembly/local-arns';
import type { LocalLambda } from '../../src/edge/contracts';
import { createLexRuntime, type LexRuntime, type Synthesize } from '../../src/lex';
import { allowGuest, GUEST_KEY_PREFIX, serveForTest } from './edge-test-server';
import {
  inProcessFunction,
  recordingEventBridge,
  type RecordedPutEvent,
} from './in-process-code-hook';
import { lexBotResources } from './lex-bot-resources';
import { withConversationToken } from './conversation-token';

export interface LexHarness {
  runtime: LexRuntime;
  /** The test edge the runtime answers on. */
  endpoint: string;
  guest: LexRuntimeV2Client;
  admin: LexRuntimeV2Client;
  /** The deployed alias (the one the guest role may call). */
  bot: { botId: string; botAliasId: string; localeId: string };
  published: RecordedPutEvent[];
  /** Makes the code hook misbehave from the next call on; counts its calls and time. */
  hook: { mode: 'real' | 'throws' | 'slow'; calls: number; totalMs: number; inFlight: number };
  /** Moves the runtime's clock (sessions' idle TTL) forward. */
  advance(seconds: number): void;
  /** The runtime's clock (real time plus what `advance` added): expected dates come from it. */
  now(): Date;
  close(): Promise<void>;
}

/**
 * The synthesized BookTrip bot in the local Lex runtime behind a test edge, with the real
 * fulfilment bundle as its code hook (publishing to a recording EventBridge), and SDK clients
 * for a guest and the administrator. The guest may call `lex:RecognizeText` on the deployed
 * alias and nothing else: an allow list of that one grant (what the template's guest role
 * grants on Lex), not an evaluation of the template's IAM policies, which is the edge's job and
 * is tested with the whole local cloud.
 */
export async function startLexHarness(
  options: { synthesize?: Synthesize } = {},
): Promise<LexHarness> {
  const resources = lexBotResources();
  const fn = resources.find((resource) => resource.type === 'AWS::Lambda::Function');
  const alias = resources.find((resource) => resource.type === 'AWS::Lex::BotAlias');
  if (!fn || !alias) throw new Error('the lex-bot stack has no function or alias');
  const bus = await recordingEventBridge();
  const hook: LexHarness['hook'] = { mode: 'real', calls: 0, totalMs: 0, inFlight: 0 };
  const lambda: LocalLambda = inProcessFunction(
    fn,
    {
      AWS_REGION: LOCAL_AWS_REGION,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_ENDPOINT_URL_EVENTBRIDGE: bus.endpoint,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_TRACE_ENABLED: 'false',
    },
    (handler) => async (event, context) => {
      if (hook.mode === 'throws') throw new Error('the code hook crashed');
      hook.inFlight += 1;
      try {
        if (hook.mode === 'slow') await new Promise((resolve) => setTimeout(resolve, 1000));
        const started = performance.now();
        const result = await handler(event, context);
        hook.calls += 1;
        hook.totalMs += performance.now() - started;
        return result;
      } finally {
        hook.inFlight -= 1;
      }
    },
  );
  let offsetMs = 0;
  const botId = String(alias.properties.BotId);
  const runtime = await createLexRuntime({
    resources,
    region: LOCAL_AWS_REGION,
    accountId: LOCAL_ACCOUNT,
    authorize: allowGuest([
      { action: 'lex:RecognizeText', resource: localArn.lexBotAlias(botId, alias.physicalId) },
    ]),
    lambda,
    synthesize: options.synthesize,
    now: () => new Date(Date.now() + offsetMs),
  });
  const edge = await serveForTest([runtime.service]);
  const client = (accessKeyId: string) =>
    withConversationToken(
      new LexRuntimeV2Client({
        endpoint: edge.endpoint,
        region: LOCAL_AWS_REGION,
        credentials: { accessKeyId, secretAccessKey: 'secret' },
        maxAttempts: 1,
      }),
    );
  return {
    runtime,
    endpoint: edge.endpoint,
    guest: client(`${GUEST_KEY_PREFIX}KEY`),
    admin: client('ADMINKEY'),
    bot: { botId, botAliasId: alias.physicalId, localeId: 'en_US' },
    published: bus.entries,
    hook,
    advance: (seconds) => {
      offsetMs += seconds * 1000;
    },
    now: () => new Date(Date.now() + offsetMs),
    async close() {
      await edge.close();
      await bus.close();
      await runtime.stop();
    },
  };
}
