// Start-up and end-to-end figures of the local cloud on this workspace's assemblies.
// Run: npx tsx tools/local-cloud/bench/start-up.bench.ts (prints figures; asserts nothing).
// - synth (Nx cache warm): what a second `npm start` pays before starting;
// - start: startLocalCloud() until the edge answers, DynamoDB Local's JVM included;
// - upload → Image Flipped in the history API, a small PNG, warm path, p50/p99.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CognitoIdentityClient,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
} from '@aws-sdk/client-cognito-identity';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { startLocalCloud } from '../src/cloud/start-local-cloud';
import { synthesizeLocalStage } from '../src/cli/synthesize-local-stage';
import { eventually, signedFetch } from '../test/scenarios/support/signed-fetch';

const root = join(__dirname, '..', '..', '..');
const SAMPLES = 15;

interface BenchRow {
  name: string;
  value: number;
  unit: string;
  comparedWith?: string;
}

/**
 * The rows in `dist/bench/<project>.json`, where `npm run bench` collects every project's
 * figures (@booktrip/workspace's reportBench writes the same file; importing it here would make
 * the two projects depend on each other).
 */
function reportBench(project: string, rows: BenchRow[]): void {
  const dir = join(root, 'dist', 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${project}.json`), JSON.stringify({ project, rows }, null, 2));
  console.table(rows);
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
  const rows: BenchRow[] = [];
  let started = Date.now();
  synthesizeLocalStage(root, false);
  rows.push({
    name: 'start-up: synth of the local stage, Nx cache warm',
    value: (Date.now() - started) / 1000,
    unit: 's',
  });

  started = Date.now();
  const cloud = await startLocalCloud({ port: 0, webPort: 0, workspaceRoot: root });
  rows.push({
    name: 'start-up: startLocalCloud (JVM, workers, training)',
    value: (Date.now() - started) / 1000,
    unit: 's',
    comparedWith: 'goal: ready < 15 s warm, < 60 s cold',
  });

  try {
    const outputs = cloud.outputs;
    const parameter = (name: string) => outputs.parameters[`/booktrip/local/${name}`] ?? '';
    const cognito = new CognitoIdentityClient({
      endpoint: cloud.endpoint,
      region: outputs.region,
      credentials: outputs.adminCredentials,
    });
    const { IdentityId } = await cognito.send(
      new GetIdCommand({ IdentityPoolId: parameter('platform/identity-pool-id') }),
    );
    const { Credentials } = await cognito.send(
      new GetCredentialsForIdentityCommand({ IdentityId }),
    );
    const credentials = {
      accessKeyId: String(Credentials?.AccessKeyId),
      secretAccessKey: String(Credentials?.SecretKey),
      sessionToken: String(Credentials?.SessionToken),
    };
    const s3 = new S3Client({
      endpoint: cloud.endpoint,
      region: outputs.region,
      credentials,
      forcePathStyle: true,
    });
    const api = (path: string, method = 'GET', body?: unknown) =>
      signedFetch(new URL(path, parameter('conversation-history/api-url')).toString(), {
        method,
        body,
        region: outputs.region,
        credentials,
      });
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#36c' } })
      .png()
      .toBuffer();

    const samples: number[] = [];
    for (let run = 0; run <= SAMPLES; run += 1) {
      const created = await api('v1/conversations', 'POST', {});
      const conversationId = (created.json as { conversationId: string }).conversationId;
      const t0 = performance.now();
      await s3.send(
        new PutObjectCommand({
          Bucket: parameter('image-flip/uploads-bucket-name'),
          Key: `uploads/${IdentityId}/${conversationId}/${randomUUID()}.png`,
          Body: png,
        }),
      );
      await eventually(
        async () => {
          const page = await api(`v1/conversations/${conversationId}/messages?kind=image`);
          const items = (page.json as { items?: { image?: { status: string } }[] }).items ?? [];
          return items.some((item) => item.image?.status === 'flipped') ? true : undefined;
        },
        60_000,
        'Image Flipped',
      );
      // The first run starts every function of the path cold; it is not a sample.
      if (run > 0) samples.push(performance.now() - t0);
    }
    rows.push({
      name: 'upload → Image Flipped in history API, small PNG, p50',
      value: percentile(samples, 50),
      unit: 'ms',
    });
    rows.push({
      name: 'upload → Image Flipped in history API, small PNG, p99',
      value: percentile(samples, 99),
      unit: 'ms',
      comparedWith: `${SAMPLES} runs, polling every 100 ms`,
    });
  } finally {
    await cloud.stop();
  }
  reportBench('local-cloud-whole', rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
