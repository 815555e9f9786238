/**
 * Figures of the local Lex runtime (printed, never pass/fail):
 * - intent accuracy (and slot accuracy) on the held-out paraphrases in
 *   libs/bot-model/test/held-out-utterances.json, which the bot never trains on (goal ≥ 90 %);
 * - RecognizeText latency p50/p99 through LexRuntimeV2Client, with the real fulfilment bundle
 *   warm in-process as the code hook (goal p50 ≤ 15 ms, p99 ≤ 50 ms);
 * - the same on the whole local cloud (`startLocalCloud`): the real edge, SigV4 verification and
 *   IAM evaluation of guest credentials from its Cognito, the code hook in its Lambda worker —
 *   turns back to back (each turn's events are still being handled, history recorded, while the
 *   next one runs) and paced (each after the cloud drained them, as a person's typing allows),
 *   with the hook handler's own time from the Lambda runtime's REPORT lines;
 * - training time of the bot's classifier at start (goal < 2 s).
 * Needs every stack synthesized: `npx nx run local-cloud:synth-local`. Run: npx tsx bench/lex.bench.ts
 */
import {
  CognitoIdentityClient,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
} from '@aws-sdk/client-cognito-identity';
import { LexRuntimeV2Client, RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { localArn } from '../src/assembly/local-arns';
import { startLocalCloud } from '../src/cloud/start-local-cloud';
import { readBots } from '../src/lex';
import { IntentClassifier } from '../src/lex/intent-classifier';
import { startLexHarness } from '../test/lex/lex-harness';
import { lexBotResources, WORKSPACE_ROOT } from '../test/lex/lex-bot-resources';
import { tokenAttributes } from '../test/lex/conversation-token';
import { reportBench, type BenchRow } from './bench-report';

interface HeldOut {
  utterances: { text: string; intent: string; slots?: Record<string, string> }[];
}

const TRAINING_RUNS = 5;
const DIALOGUES = 60;
const WARM_UP_DIALOGUES = 5;
/** A hotel booked step by step: every turn goes through the dialog hook, the last one fulfils. */
const DIALOGUE = ['book a hotel', 'Chicago', 'tomorrow', '3', 'king', 'yes'];

const percentile = (sorted: readonly number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/**
 * RecognizeText latencies of the booking dialogue on the whole local cloud, as a guest of its
 * identity pool whose turns carry the conversation token (the local stage's key), warm.
 */
async function wholeCloudLatencies(): Promise<{
  turns: number[];
  paced: number[];
  path: number[];
  hookDurations: number[];
}> {
  // The Lambda runtime's REPORT lines say how long the code hook's handler ran in its worker.
  const hookDurations: number[] = [];
  let measuring = false;
  const cloud = await startLocalCloud({
    port: 0,
    webPort: 0,
    functionLog: (name, line) => {
      const duration = /^REPORT .*\tDuration: ([\d.]+) ms/.exec(line)?.[1];
      if (measuring && duration && name.startsWith('Fulfilment')) hookDurations.push(+duration);
    },
  });
  try {
    const { region, parameters } = cloud.outputs;
    const parameter = (name: string) => {
      const value = parameters[`/booktrip/local/${name}`];
      if (!value) throw new Error(`the local cloud has no parameter ${name}`);
      return value;
    };
    const cognito = new CognitoIdentityClient({
      endpoint: cloud.endpoint,
      region,
      credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' },
    });
    const { IdentityId } = await cognito.send(
      new GetIdCommand({ IdentityPoolId: parameter('platform/identity-pool-id') }),
    );
    const { Credentials } = await cognito.send(
      new GetCredentialsForIdentityCommand({ IdentityId }),
    );
    cognito.destroy();
    const guest = new LexRuntimeV2Client({
      endpoint: cloud.endpoint,
      region,
      credentials: {
        accessKeyId: Credentials?.AccessKeyId ?? '',
        secretAccessKey: Credentials?.SecretKey ?? '',
        sessionToken: Credentials?.SessionToken ?? '',
      },
    });
    const bot = {
      botId: parameter('lex-bot/bot-id'),
      botAliasId: parameter('lex-bot/bot-alias-id'),
      localeId: 'en_US',
    };
    /** The dialogues' turn latencies; `paced`: each turn waits until the last one's work is done. */
    const dialogues = async (paced: boolean): Promise<number[]> => {
      const latencies: number[] = [];
      for (let run = 0; run < WARM_UP_DIALOGUES + DIALOGUES; run++) {
        const sessionId = `whole-cloud-${paced ? 'paced' : 'busy'}-${run}-${Date.now()}`;
        const requestAttributes = await tokenAttributes(sessionId);
        for (const text of DIALOGUE) {
          if (paced) await cloud.drain();
          measuring = !paced && run >= WARM_UP_DIALOGUES;
          const started = performance.now();
          const answer = await guest.send(
            new RecognizeTextCommand({ ...bot, sessionId, text, requestAttributes }),
          );
          if (run >= WARM_UP_DIALOGUES) latencies.push(performance.now() - started);
          if (answer.sessionState?.intent?.state === 'Failed') {
            throw new Error(`the dialogue failed at "${text}": ${JSON.stringify(answer.messages)}`);
          }
        }
      }
      return latencies.sort((a, b) => a - b);
    };
    try {
      const turns = await dialogues(false);
      const paced = await dialogues(true);
      // The path every turn takes before the runtime's work: SDK over HTTP/2, the edge, the
      // guest's SigV4 verification and routing — a turn to an alias that does not exist (404).
      const path: number[] = [];
      for (let run = 0; run < WARM_UP_DIALOGUES + DIALOGUES * DIALOGUE.length; run++) {
        const started = performance.now();
        const error = await guest
          .send(
            new RecognizeTextCommand({
              ...bot,
              botAliasId: 'NOSUCHALIAS',
              sessionId: 'bench-path',
              text: 'book a hotel',
            }),
          )
          .then(
            () => undefined,
            (rejection: unknown) => rejection as Error,
          );
        if (error?.name !== 'ResourceNotFoundException') {
          throw new Error(`expected a 404 for an unknown alias, got ${String(error)}`);
        }
        if (run >= WARM_UP_DIALOGUES) path.push(performance.now() - started);
      }
      return {
        turns,
        paced,
        path: path.sort((a, b) => a - b),
        hookDurations: hookDurations.sort((a, b) => a - b),
      };
    } finally {
      guest.destroy();
    }
  } finally {
    await cloud.stop();
  }
}

async function main(): Promise<void> {
  const heldOut = JSON.parse(
    readFileSync(join(WORKSPACE_ROOT, 'libs/bot-model/test/held-out-utterances.json'), 'utf8'),
  ) as HeldOut;

  const { bots } = readBots(lexBotResources(), localArn.lexBotAlias);
  const trainings: number[] = [];
  for (let run = 0; run < TRAINING_RUNS; run++) {
    const started = performance.now();
    for (const bot of bots) for (const locale of bot.locales) await IntentClassifier.train(locale);
    trainings.push(performance.now() - started);
  }
  trainings.sort((a, b) => a - b);

  const lex = await startLexHarness();
  try {
    let sessions = 0;
    const say = (sessionId: string, text: string) =>
      lex.guest.send(new RecognizeTextCommand({ ...lex.bot, sessionId, text }));

    let correct = 0;
    let slotsExpected = 0;
    let slotsRight = 0;
    const misses: string[] = [];
    for (const item of heldOut.utterances) {
      const response = await say(`held-out-${++sessions}`, item.text);
      const top = response.interpretations?.[0]?.intent;
      if (top?.name === item.intent) correct++;
      else misses.push(`"${item.text}": ${top?.name} (expected ${item.intent})`);
      for (const [slot, value] of Object.entries(item.slots ?? {})) {
        slotsExpected++;
        const got =
          top?.name === item.intent ? top.slots?.[slot]?.value?.interpretedValue : undefined;
        if (got?.toLowerCase() === value.toLowerCase()) slotsRight++;
        else misses.push(`"${item.text}": ${slot}=${got} (expected ${value})`);
      }
    }

    const hookBefore = { ...lex.hook };
    const latencies: number[] = [];
    for (let run = 0; run < WARM_UP_DIALOGUES + DIALOGUES; run++) {
      const sessionId = `bench-${++sessions}`;
      for (const text of DIALOGUE) {
        const started = performance.now();
        await say(sessionId, text);
        if (run >= WARM_UP_DIALOGUES) latencies.push(performance.now() - started);
      }
    }
    latencies.sort((a, b) => a - b);
    const hookCalls = lex.hook.calls - hookBefore.calls;
    const hookMs = lex.hook.totalMs - hookBefore.totalMs;

    // The same turns handed to the runtime directly: no SDK client, no HTTP/2 on the loopback.
    // They carry the token as every turn does (without it the hook ends the dialogue at once).
    const direct: number[] = [];
    for (let run = 0; run < DIALOGUES; run++) {
      const sessionId = `direct-${++sessions}`;
      const requestAttributes = await tokenAttributes(sessionId);
      for (const text of DIALOGUE) {
        const started = performance.now();
        await lex.runtime.service.handle({
          method: 'POST',
          path: `/bots/${lex.bot.botId}/botAliases/${lex.bot.botAliasId}/botLocales/${lex.bot.localeId}/sessions/${sessionId}/text`,
          query: new URLSearchParams(),
          headers: { 'content-type': 'application/json' },
          body: Buffer.from(JSON.stringify({ text, requestAttributes })),
          caller: { kind: 'admin', accessKeyId: 'BENCH', arn: 'arn:aws:iam::000000000000:root' },
        });
        direct.push(performance.now() - started);
      }
    }
    direct.sort((a, b) => a - b);
    const { turns: wholeCloud, paced, path, hookDurations } = await wholeCloudLatencies();

    const accuracy = (100 * correct) / heldOut.utterances.length;
    const rows: BenchRow[] = [
      {
        name: `held-out intent accuracy (${heldOut.utterances.length} paraphrases)`,
        value: accuracy,
        unit: '%',
        comparedWith: 'goal ≥ 90 %',
      },
      {
        name: `held-out slot accuracy (${slotsExpected} slot values)`,
        value: (100 * slotsRight) / Math.max(1, slotsExpected),
        unit: '%',
      },
      {
        name: `RecognizeText p50 with the warm code hook (${latencies.length} turns)`,
        value: percentile(latencies, 50),
        unit: 'ms',
        comparedWith: 'goal ≤ 15 ms',
      },
      {
        name: 'RecognizeText p99 with the warm code hook',
        value: percentile(latencies, 99),
        unit: 'ms',
        comparedWith: 'goal ≤ 50 ms',
      },
      {
        name: `on the whole local cloud (guest SigV4 + IAM, hook in its worker), p50 (${wholeCloud.length} turns)`,
        value: percentile(wholeCloud, 50),
        unit: 'ms',
        comparedWith: 'goal ≤ 15 ms',
      },
      {
        name: 'on the whole local cloud, p99',
        value: percentile(wholeCloud, 99),
        unit: 'ms',
        comparedWith: 'goal ≤ 50 ms',
      },
      {
        name: 'on the whole local cloud, each turn after the last one’s events were handled, p50',
        value: percentile(paced, 50),
        unit: 'ms',
        comparedWith: 'goal ≤ 15 ms',
      },
      {
        name: 'on the whole local cloud, each turn after the last one’s events were handled, p99',
        value: percentile(paced, 99),
        unit: 'ms',
        comparedWith: 'goal ≤ 50 ms',
      },
      {
        name: `of which the code hook's handler in its worker (REPORT Duration, back to back), p50 (${hookDurations.length} calls)`,
        value: percentile(hookDurations, 50),
        unit: 'ms',
      },
      {
        name: "the code hook's handler in its worker, p99",
        value: percentile(hookDurations, 99),
        unit: 'ms',
      },
      {
        name: 'of which SDK, HTTP/2, edge, SigV4 and routing (a turn to an unknown alias, 404), p50',
        value: percentile(path, 50),
        unit: 'ms',
      },
      {
        name: 'SDK, HTTP/2, edge, SigV4 and routing, p99',
        value: percentile(path, 99),
        unit: 'ms',
      },
      {
        name: 'the same turns handed to the runtime directly (no SDK, no HTTP), p50',
        value: percentile(direct, 50),
        unit: 'ms',
      },
      {
        name: 'the same turns handed to the runtime directly, p99',
        value: percentile(direct, 99),
        unit: 'ms',
      },
      {
        name: 'of which the code hook (the fulfilment bundle, publishing over HTTP), mean per turn',
        value: hookMs / Math.max(1, latencies.length),
        unit: 'ms',
        comparedWith: `${hookCalls} hook calls in ${latencies.length} turns`,
      },
      {
        name: `classifier training, median of ${TRAINING_RUNS}`,
        value: percentile(trainings, 50),
        unit: 'ms',
        comparedWith: 'goal < 2 000 ms',
      },
      {
        name: 'runtime start-up training (first, cold)',
        value: lex.runtime.trainingMs,
        unit: 'ms',
      },
    ];
    reportBench('local-cloud-lex', rows);
    console.log(`load average during the run: ${loadavg()[0]?.toFixed(2)} on 2 shared cores`);
    if (misses.length > 0) console.log(`misses:\n  ${misses.join('\n  ')}`);
  } finally {
    await lex.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
