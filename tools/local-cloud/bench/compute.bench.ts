// Micro-benchmarks of the local cloud's compute: Lambda workers, EventBridge, SQS.
// Run: npx tsx tools/local-cloud/bench/compute.bench.ts  (prints figures; asserts nothing)
import {
  EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EdgeService, LocalResource } from '../src/edge/contracts';
import { createEventBridgeService } from '../src/event-bridge';
import { createLambdaService } from '../src/lambda';
import { createSqsService } from '../src/sqs';

const NOOP = `exports.handler = async (event) => ({ ok: true, n: event.n });`;
const CONSUMER = `exports.handler = async (event) => { console.log('consumed ' + event.Records.length); return { batchItemFailures: [] }; };`;

const account = '000000000000';
const region = 'us-east-1';
const queueArn = (name: string) => `arn:aws:sqs:${region}:${account}:${name}`;

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function line(label: string, samples: number[]): string {
  return `${label.padEnd(48)} p50 ${percentile(samples, 50).toFixed(3)} ms   p99 ${percentile(samples, 99).toFixed(3)} ms   (n=${samples.length})`;
}

function resource(
  type: string,
  logicalId: string,
  properties: Record<string, unknown>,
  extra: Partial<LocalResource> = {},
): LocalResource {
  return {
    stackName: 'Bench',
    logicalId,
    type,
    properties,
    physicalId: logicalId,
    assemblyDir: '',
    ...extra,
  };
}

async function serve(services: EdgeService[]): Promise<{ endpoint: string; close: () => void }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const name = /Credential=[^/]+\/[^/]+\/[^/]+\/([^/]+)\//.exec(
        req.headers.authorization ?? '',
      )?.[1];
      const service = services.find((candidate) => candidate.signingNames.includes(name ?? ''));
      const url = new URL(req.url ?? '/', 'http://localhost');
      void service
        ?.handle({
          method: req.method ?? 'POST',
          path: url.pathname,
          query: url.searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks),
          caller: { kind: 'admin', accessKeyId: 'local', arn: `arn:aws:iam::${account}:root` },
        })
        .then((response) => res.writeHead(response.status, response.headers).end(response.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

export async function runComputeBench(options = { invokes: 2000, events: 1000, throughput: 3000 }) {
  const dir = mkdtempSync(join(tmpdir(), 'compute-bench-'));
  for (const [name, source] of [
    ['noop', NOOP],
    ['consumer', CONSUMER],
  ] as const) {
    mkdirSync(join(dir, `asset.${name}`));
    writeFileSync(join(dir, `asset.${name}`, 'index.js'), source);
  }
  const fn = (logicalId: string, asset: string) =>
    resource(
      'AWS::Lambda::Function',
      logicalId,
      {
        Code: { S3Key: `${asset}.zip` },
        Handler: 'index.handler',
        Runtime: 'nodejs22.x',
        MemorySize: 256,
        Timeout: 30,
      },
      { assemblyDir: dir },
    );
  const resources: LocalResource[] = [
    fn('Noop', 'noop'),
    fn('Consumer', 'consumer'),
    resource('AWS::Events::EventBus', 'Bus', { Name: 'bench' }),
    resource('AWS::SQS::Queue', 'Latency', {}, { arn: queueArn('Latency') }),
    resource('AWS::SQS::Queue', 'Work', { VisibilityTimeout: 60 }, { arn: queueArn('Work') }),
    resource('AWS::Events::Rule', 'ToLatency', {
      EventBusName: 'bench',
      EventPattern: { source: ['bench.latency'] },
      Targets: [{ Id: 'q', Arn: queueArn('Latency') }],
    }),
    resource('AWS::Events::Rule', 'ToWork', {
      EventBusName: 'bench',
      EventPattern: { source: ['bench.work'], detail: { n: [{ numeric: ['>=', 0] }] } },
      Targets: [{ Id: 'q', Arn: queueArn('Work') }],
    }),
    resource('AWS::Lambda::EventSourceMapping', 'Mapping', {
      EventSourceArn: queueArn('Work'),
      FunctionName: 'Consumer',
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    }),
  ];
  const services: EdgeService[] = [];
  const edge = await serve(services);
  let consumed = 0;
  const common = {
    resources,
    region,
    accountId: account,
    endpoint: edge.endpoint,
    authorize: async () => true,
  };
  const lambda = createLambdaService({
    ...common,
    log: (_fn, text) => {
      const match = /consumed (\d+)/.exec(text);
      if (match) consumed += Number(match[1]);
    },
  });
  const sqs = createSqsService({ ...common, lambda: lambda.lambda });
  const events = createEventBridgeService({
    ...common,
    lambda: lambda.lambda,
    sendMessage: sqs.sendMessage,
  });
  services.push(lambda.service, sqs.service, events.service);
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const eventBridge = new EventBridgeClient({ endpoint: edge.endpoint, region, credentials });
  const sqsClient = new SQSClient({ endpoint: edge.endpoint, region, credentials });
  const figures: string[] = [];

  // 1. Warm invoke vs calling the same handler in this process.
  const inProcess = (
    new Function('exports', `${NOOP}; return exports;`)({}) as {
      handler: (event: unknown) => Promise<unknown>;
    }
  ).handler;
  await lambda.lambda.invoke('Noop', { n: 0 });
  const direct: number[] = [];
  const warm: number[] = [];
  for (let n = 0; n < options.invokes; n += 1) {
    let started = performance.now();
    await inProcess(structuredClone({ n }));
    direct.push(performance.now() - started);
    started = performance.now();
    await lambda.lambda.invoke('Noop', { n });
    warm.push(performance.now() - started);
  }
  const overhead = warm.map((value, index) => value - (direct[index] ?? 0));
  figures.push(line('Lambda: handler called in-process', direct));
  figures.push(line('Lambda: warm invoke in its worker', warm));
  figures.push(line('Lambda: warm invoke overhead (goal p50 ≤ 2 ms)', overhead));

  // 2. PutEvents → rule → SQS target: programmatic, then SDK over HTTP with a long poll waiting.
  const latencyEntry = (n: number): PutEventsRequestEntry => ({
    EventBusName: 'bench',
    Source: 'bench.latency',
    DetailType: 'Measured',
    Detail: JSON.stringify({ n }),
  });
  const programmatic: number[] = [];
  for (let n = 0; n < options.events; n += 1) {
    const started = performance.now();
    await events.putEvents([latencyEntry(n)]);
    await events.drain();
    programmatic.push(performance.now() - started);
  }
  await sqs.service.handle({
    method: 'POST',
    path: '/',
    query: new URLSearchParams(),
    headers: { 'x-amz-target': 'AmazonSQS.PurgeQueue' },
    body: Buffer.from(JSON.stringify({ QueueUrl: queueArn('Latency') })),
    caller: { kind: 'admin', accessKeyId: 'local', arn: `arn:aws:iam::${account}:root` },
  });
  figures.push(line('EventBridge: putEvents → SQS target, in-process', programmatic));
  const overHttp: number[] = [];
  const QueueUrl = `${edge.endpoint}/${account}/Latency`;
  for (let n = 0; n < Math.min(options.events, 500); n += 1) {
    const receiving = sqsClient.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }));
    await new Promise((resolve) => setImmediate(resolve));
    const started = performance.now();
    await eventBridge.send(new PutEventsCommand({ Entries: [latencyEntry(n)] }));
    const received = await receiving;
    overHttp.push(performance.now() - started);
    await sqsClient.send(
      new DeleteMessageCommand({ QueueUrl, ReceiptHandle: received.Messages?.[0]?.ReceiptHandle }),
    );
  }
  figures.push(
    line('EventBridge: PutEvents → ReceiveMessage, SDK over HTTP (goal p99 ≤ 10 ms)', overHttp),
  );

  // 3. Sustained events/s: bus → rule → queue → event source mapping → worker.
  sqs.startPollers();
  const started = performance.now();
  for (let n = 0; n < options.throughput; n += 10) {
    await events.putEvents(
      Array.from({ length: 10 }, (_, i) => ({
        EventBusName: 'bench',
        Source: 'bench.work',
        DetailType: 'Work',
        Detail: JSON.stringify({ n: n + i }),
      })),
    );
  }
  while (consumed < options.throughput) await new Promise((resolve) => setTimeout(resolve, 5));
  const seconds = (performance.now() - started) / 1000;
  figures.push(
    `${'Throughput: bus → queue → consumer'.padEnd(48)} ${(options.throughput / seconds).toFixed(0)} events/s (${options.throughput} events in ${seconds.toFixed(2)} s)`,
  );

  eventBridge.destroy();
  sqsClient.destroy();
  await events.stop();
  await sqs.stop();
  await lambda.stop();
  edge.close();
  rmSync(dir, { recursive: true, force: true });
  return figures;
}

if (require.main === module) {
  void runComputeBench().then((figures) => {
    for (const figure of figures) console.log(figure);
  });
}
