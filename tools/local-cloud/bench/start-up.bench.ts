// Start-up and end-to-end figures of the local cloud on this workspace's assemblies.
// Run: npx tsx tools/local-cloud/bench/start-up.bench.ts (prints figures and writes them where
// `npm run bench` collects them, dist/bench/local-cloud-whole.json; asserts nothing).
// - cold: synth with Nx's cache skipped, then the process's first startLocalCloud (modules load,
//   DynamoDB Local's JVM, workers, training) — a fresh clone's first `npm start`;
// - warm: synth from Nx's cache, then startLocalCloud again — a second `npm start`; and a real
//   second `npm start` as its own process (Node and module loading included) until `ready`;
// - upload → Image Flipped in the history API, p50/p99, a small PNG and a 12 MP JPEG, warm path.
// BENCH_SKIP_COLD=1 leaves out the cold synth (about 1.5 min of both cores); BENCH_FLIP_ONLY=1
// measures only the uploads (one start, no start-up figures).
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  CognitoIdentityClient,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
} from '@aws-sdk/client-cognito-identity';
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import sharp from 'sharp';
import { startLocalCloud, type LocalCloud } from '../src/cloud/start-local-cloud';
import { synthesizeLocalStage } from '../src/cli/synthesize-local-stage';
import { eventually, signedFetch } from '../test/scenarios/support/signed-fetch';
import { latencyRows, reportBench, type BenchRow } from './bench-report';

const root = join(__dirname, '..', '..', '..');
const SMALL_SAMPLES = 15;
const LARGE_SAMPLES = 6;

/** The local stage's synth with Nx's cache skipped: what a fresh clone pays. */
function synthesizeUncached(): void {
  const result = spawnSync(
    join(root, 'node_modules', '.bin', 'nx'),
    ['run-many', '-t', 'synth', '--exclude=local-cloud', '--skip-nx-cache'],
    {
      cwd: root,
      stdio: 'pipe',
      encoding: 'utf8',
      env: {
        ...process.env,
        SYNTH_STAGE: 'local',
        NX_DAEMON: 'false',
        NX_NO_CLOUD: 'true',
        NX_TUI: 'false',
        CDK_DISABLE_CLI_TELEMETRY: 'true',
      },
    },
  );
  if (result.status !== 0) {
    throw new Error(`uncached synth failed:\n${result.stdout ?? ''}${result.stderr ?? ''}`);
  }
}

const seconds = (since: number) => (performance.now() - since) / 1000;

/**
 * A second `npm start` as a person types it, on free ports: seconds from spawning npm until it
 * prints `ready in N s`, then Ctrl-C (its own process group, as a terminal signals it).
 */
async function npmStartUntilReady(): Promise<number> {
  const started = performance.now();
  const child = spawn('npm', ['start', '--', '--port', '0', '--web-port', '0'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, FORCE_COLOR: '0', NX_DAEMON: 'false', NX_NO_CLOUD: 'true' },
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (/ready in [\d.]+ s/.test(output)) resolve();
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      void exited.then((code) => reject(new Error(`npm start exited (${code}):\n${output}`)));
    });
    return seconds(started);
  } finally {
    if (child.pid) process.kill(-child.pid, 'SIGINT');
    await exited;
  }
}

/** The start-up figures; returns the warm-started cloud for the upload figures. */
async function measureStartUp(rows: BenchRow[]): Promise<LocalCloud> {
  // The cached synth first: Nx neither reads nor fills its cache under --skip-nx-cache, so the
  // uncached run goes after it. The first call only fills the cache (a fresh clone's is empty).
  synthesizeLocalStage(root, false);
  let started = performance.now();
  synthesizeLocalStage(root, false);
  const warmSynth = seconds(started);
  rows.push({ name: 'start-up warm: synth, Nx cache hit', value: warmSynth, unit: 's' });
  const cold = process.env.BENCH_SKIP_COLD !== '1';
  let coldSynth = 0;
  if (cold) {
    started = performance.now();
    synthesizeUncached();
    coldSynth = seconds(started);
    rows.push({ name: 'start-up cold: synth, Nx cache skipped', value: coldSynth, unit: 's' });
  }
  started = performance.now();
  const first = await startLocalCloud({ port: 0, webPort: 0, workspaceRoot: root });
  const firstStart = seconds(started);
  await first.stop();
  rows.push({
    name: 'start-up cold: first startLocalCloud in the process',
    value: firstStart,
    unit: 's',
  });
  if (cold) {
    rows.push({
      name: 'start-up cold: synth + start',
      value: coldSynth + firstStart,
      unit: 's',
      comparedWith: 'goal < 60 s',
    });
  }

  started = performance.now();
  const again: LocalCloud = await startLocalCloud({ port: 0, webPort: 0, workspaceRoot: root });
  const warmStart = seconds(started);
  rows.push({ name: 'start-up warm: startLocalCloud again', value: warmStart, unit: 's' });
  rows.push({
    name: 'start-up warm: synth + start',
    value: warmSynth + warmStart,
    unit: 's',
    comparedWith: 'goal < 15 s',
  });
  await again.stop();
  rows.push({
    name: 'start-up warm: a second `npm start`, spawn → ready',
    value: await npmStartUntilReady(),
    unit: 's',
    comparedWith: 'goal < 15 s; Node, npm and module loading included',
  });
  return startLocalCloud({ port: 0, webPort: 0, workspaceRoot: root });
}

async function main(): Promise<void> {
  const rows: BenchRow[] = [];
  const flipOnly = process.env.BENCH_FLIP_ONLY === '1';
  const cloud: LocalCloud = flipOnly
    ? await startLocalCloud({ port: 0, webPort: 0, workspaceRoot: root })
    : await measureStartUp(rows);
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
    // A 12 MP photo's worth of detail: noise keeps the JPEG near a camera's size (several MB).
    const photo = await sharp({
      create: {
        width: 4000,
        height: 3000,
        channels: 3,
        background: '#8a6',
        noise: { type: 'gaussian', mean: 128, sigma: 40 },
      },
    })
      .jpeg({ quality: 85 })
      .toBuffer();

    /** Upload → Image Flipped, `runs` samples after one unmeasured run (functions start cold). */
    const flipLatencies = async (body: Buffer, extension: string, runs: number) => {
      const samples: number[] = [];
      for (let run = 0; run <= runs; run += 1) {
        const created = await api('v1/conversations', 'POST', {});
        const conversationId = (created.json as { conversationId: string }).conversationId;
        const t0 = performance.now();
        await s3.send(
          new PutObjectCommand({
            Bucket: parameter('image-flip/uploads-bucket-name'),
            Key: `uploads/${IdentityId}/${conversationId}/${randomUUID()}.${extension}`,
            Body: body,
            ContentType: extension === 'png' ? 'image/png' : 'image/jpeg',
          }),
        );
        await eventually(
          async () => {
            const page = await api(`v1/conversations/${conversationId}/messages?kind=image`);
            const items = (page.json as { items?: { image?: { status: string } }[] }).items ?? [];
            return items.some((item) => item.image?.status === 'flipped') ? true : undefined;
          },
          120_000,
          'Image Flipped',
        );
        if (run > 0) samples.push(performance.now() - t0);
      }
      return samples;
    };
    rows.push(
      ...latencyRows(
        'upload → Image Flipped in history API, 64×48 PNG',
        await flipLatencies(png, 'png', SMALL_SAMPLES),
        'polling every 100 ms',
      ),
    );
    rows.push(
      ...latencyRows(
        `upload → Image Flipped in history API, 12 MP JPEG (${(photo.length / 1e6).toFixed(1)} MB)`,
        await flipLatencies(photo, 'jpg', LARGE_SAMPLES),
        'goal p50 ≤ 1 s; polling every 100 ms',
      ),
    );
  } finally {
    await cloud.stop();
  }
  reportBench('local-cloud-whole', rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
