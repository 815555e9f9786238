// Micro-benchmarks of the local cloud's compute: Lambda workers, EventBridge, SQS, and a consumer
// writing DynamoDB — all behind the real edge (SigV4 parsing, routing), as the SDK reaches them.
// Run: npx tsx tools/local-cloud/bench/compute.bench.ts  (prints figures and writes them where
// `npm run bench` collects them, dist/bench/local-cloud-compute.json; asserts nothing)
import {
  EventBridgeClient,
  PutEventsCommand,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDynamoDb } from '../src/dynamodb';
import type { LocalResource } from '../src/edge/contracts';
import { startEdgeServer } from '../src/edge';
import { createEventBridgeService } from '../src/event-bridge';
import { createLambdaService } from '../src/lambda';
import { createSqsService } from '../src/sqs';
import { latencyRows, reportBench, type BenchRow } from './bench-report';

const NOOP = `exports.handler = async (event) => ({ ok: true, n: event.n });`;
// Writes every record of its batch to the table (BatchWriteItem, unprocessed items retried), as a
// history-style consumer does; the SDK reaches the edge through AWS_ENDPOINT_URL.
const CONSUMER = `
const { DynamoDBClient, BatchWriteItemCommand } = require('@aws-sdk/client-dynamodb');
const client = new DynamoDBClient({});
exports.handler = async (event) => {
  let pending = { [process.env.TABLE_NAME]: event.Records.map((record) => ({
    PutRequest: { Item: { pk: { S: record.messageId }, body: { S: record.body } } },
  })) };
  while (event.Records.length > 0 && Object.keys(pending).length > 0) {
    const { UnprocessedItems } = await client.send(new BatchWriteItemCommand({ RequestItems: pending }));
    pending = UnprocessedItems ?? {};
  }
  console.log('consumed ' + event.Records.length);
  return { batchItemFailures: [] };
};`;

const account = '000000000000';
const region = 'us-east-1';
const queueArn = (name: string) => `arn:aws:sqs:${region}:${account}:${name}`;

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

export async function runComputeBench(options = { invokes: 2000, events: 1000, throughput: 3000 }) {
  const dir = mkdtempSync(join(tmpdir(), 'compute-bench-'));
  for (const [name, source] of [
    ['noop', NOOP],
    ['consumer', CONSUMER],
  ] as const) {
    mkdirSync(join(dir, `asset.${name}`));
    writeFileSync(join(dir, `asset.${name}`, 'index.js'), source);
  }
  const fn = (logicalId: string, asset: string, variables: Record<string, string> = {}) =>
    resource(
      'AWS::Lambda::Function',
      logicalId,
      {
        Code: { S3Key: `${asset}.zip` },
        Handler: 'index.handler',
        Runtime: 'nodejs22.x',
        MemorySize: 256,
        Timeout: 30,
        Environment: { Variables: variables },
      },
      { assemblyDir: dir },
    );
  const resources: LocalResource[] = [
    fn('Noop', 'noop'),
    fn('Consumer', 'consumer', { TABLE_NAME: 'BenchWork' }),
    resource(
      'AWS::DynamoDB::Table',
      'Work',
      {
        TableName: 'BenchWork',
        KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      },
      { physicalId: 'BenchWork' },
    ),
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
  // Any signed caller that the local Cognito did not issue acts as the administrator.
  const edge = await startEdgeServer({ port: 0, host: '127.0.0.1' });
  let consumed = 0;
  const common = {
    resources,
    region,
    accountId: account,
    endpoint: edge.url,
    authorize: async () => true,
  };
  const dynamodb = await createDynamoDb(common);
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
  for (const service of [lambda.service, sqs.service, events.service, dynamodb.service]) {
    edge.addService(service);
  }
  const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
  const eventBridge = new EventBridgeClient({ endpoint: edge.url, region, credentials });
  const sqsClient = new SQSClient({ endpoint: edge.url, region, credentials });
  const dynamoClient = new DynamoDBClient({ endpoint: edge.url, region, credentials });
  const rows: BenchRow[] = [];

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
  rows.push(...latencyRows('Lambda: handler called in-process', direct));
  rows.push(...latencyRows('Lambda: warm invoke in its worker', warm));
  rows.push(
    ...latencyRows('Lambda: warm invoke overhead over in-process', overhead, 'goal p50 ≤ 2 ms'),
  );

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
  rows.push(...latencyRows('EventBridge: putEvents → SQS target, in-process', programmatic));
  const overHttp: number[] = [];
  const QueueUrl = `${edge.url}/${account}/Latency`;
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
  rows.push(
    ...latencyRows(
      'EventBridge: PutEvents → ReceiveMessage, SDK over HTTP',
      overHttp,
      'goal p99 ≤ 10 ms',
    ),
  );

  // 3. Sustained events/s: bus → rule → queue → event source mapping → worker → table.
  const warmUp = await lambda.lambda.invoke('Consumer', { Records: [] });
  if (warmUp.functionError)
    throw new Error(`the consumer failed: ${JSON.stringify(warmUp.payload)}`);
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
  const { Count: stored } = await dynamoClient.send(
    new ScanCommand({ TableName: 'BenchWork', Select: 'COUNT' }),
  );
  if (stored !== options.throughput) {
    throw new Error(`the table holds ${stored} items, not the ${options.throughput} events sent`);
  }
  rows.push({
    name: 'Throughput: bus → queue → event source mapping → consumer → table',
    value: options.throughput / seconds,
    unit: 'events/s',
    comparedWith: `${options.throughput} events in ${seconds.toFixed(2)} s, all ${stored} in the table`,
  });

  eventBridge.destroy();
  sqsClient.destroy();
  dynamoClient.destroy();
  await edge.stop();
  await events.stop();
  await sqs.stop();
  await lambda.stop();
  await dynamodb.stop();
  rmSync(dir, { recursive: true, force: true });
  return rows;
}

if (require.main === module) {
  runComputeBench().then(
    (rows) => reportBench('local-cloud-compute', rows),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
