import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLambdaService, type LambdaService } from '../../src/lambda';
import { createSqsService, type SqsService } from '../../src/sqs';
import { localResource } from '../compute-support/local-resource';

// A worker's cold start (loading its bundle) takes seconds on a loaded 2-core machine.
jest.setTimeout(30_000);

const allow = async () => true;
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;

interface SqsRecord {
  messageId: string;
  receiptHandle: string;
  body: string;
  attributes: Record<string, string>;
  messageAttributes: Record<string, { stringValue?: string; dataType: string }>;
  md5OfBody: string;
  eventSource: string;
  eventSourceARN: string;
  awsRegion: string;
}

async function until<T>(probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('an SQS event source mapping with ReportBatchItemFailures', () => {
  let dir: string;
  let recordsFile: string;
  let lambda: LambdaService;
  let sqs: SqsService;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'esm-'));
    recordsFile = join(dir, 'records.ndjson');
    cpSync(join(__dirname, '..', 'lambda', 'fixtures', 'batch'), join(dir, 'asset.batch'), {
      recursive: true,
    });
    const resources = [
      localResource(
        'AWS::Lambda::Function',
        'Consumer',
        {
          Code: { S3Key: 'batch.zip' },
          Handler: 'index.handler',
          Runtime: 'nodejs22.x',
          Environment: { Variables: { RECORDS_FILE: recordsFile } },
        },
        { assemblyDir: dir },
      ),
      localResource(
        'AWS::SQS::Queue',
        'Events',
        {
          VisibilityTimeout: 2,
          RedrivePolicy: { deadLetterTargetArn: queueArn('EventsDlq'), maxReceiveCount: 2 },
        },
        { arn: queueArn('Events') },
      ),
      localResource('AWS::SQS::Queue', 'EventsDlq', {}, { arn: queueArn('EventsDlq') }),
      localResource('AWS::Lambda::EventSourceMapping', 'Mapping', {
        EventSourceArn: queueArn('Events'),
        FunctionName: 'Consumer',
        BatchSize: 10,
        MaximumBatchingWindowInSeconds: 1,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      }),
    ];
    const common = {
      resources,
      region: 'us-east-1',
      accountId: '000000000000',
      endpoint: 'http://127.0.0.1:1',
      authorize: allow,
    };
    lambda = createLambdaService(common);
    sqs = createSqsService({ ...common, lambda: lambda.lambda });
  });

  beforeAll(async () => {
    // Warm the consumer first: a cold start longer than the queue's 2 s visibility timeout
    // would (rightly) hand the good messages over a second time.
    await lambda.lambda.invoke('Consumer', { Records: [] });
    sqs.startPollers();
  });

  afterAll(async () => {
    await sqs.stop();
    await lambda.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const records = (): SqsRecord[] =>
    existsSync(recordsFile)
      ? readFileSync(recordsFile, 'utf8')
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as SqsRecord)
      : [];

  it('keeps the good messages of a batch, retries the failed one, then redrives it to the DLQ', async () => {
    await sqs.sendMessage(queueArn('Events'), 'good one', {
      messageAttributes: { kind: { DataType: 'String', StringValue: 'turn' } },
    });
    await sqs.sendMessage(queueArn('Events'), 'bad one');
    await sqs.sendMessage(queueArn('Events'), 'good two');

    await until(() => (sqs.depth(queueArn('EventsDlq')).visible === 1 ? true : undefined), 25_000);

    const seen = records();
    const bodies = seen.map((record) => record.body);
    expect(bodies.filter((body) => body === 'good one')).toHaveLength(1);
    expect(bodies.filter((body) => body === 'good two')).toHaveLength(1);
    expect(bodies.filter((body) => body === 'bad one')).toHaveLength(2);
    // One batch, gathered within the batching window.
    const first = seen.find((record) => record.body === 'good one');
    expect(first).toMatchObject({
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn('Events'),
      awsRegion: 'us-east-1',
      attributes: { ApproximateReceiveCount: '1', SenderId: '000000000000' },
      messageAttributes: { kind: { stringValue: 'turn', dataType: 'String' } },
    });
    expect(first?.md5OfBody).toMatch(/^[0-9a-f]{32}$/);
    const retried = seen.filter((record) => record.body === 'bad one');
    expect(retried.map((record) => record.attributes.ApproximateReceiveCount)).toEqual(['1', '2']);
    expect(sqs.depth(queueArn('Events'))).toEqual({ visible: 0, notVisible: 0, delayed: 0 });
  });
});

describe('an SQS event source mapping with ScalingConfig.MaximumConcurrency', () => {
  it('invokes that many batches at once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'esm-scaling-'));
    const spansFile = join(dir, 'spans.ndjson');
    cpSync(join(__dirname, '..', 'lambda', 'fixtures', 'sleepy'), join(dir, 'asset.sleepy'), {
      recursive: true,
    });
    const resources = [
      localResource(
        'AWS::Lambda::Function',
        'Sleepy',
        {
          Code: { S3Key: 'sleepy.zip' },
          Handler: 'index.handler',
          Runtime: 'nodejs22.x',
          Environment: { Variables: { SPANS_FILE: spansFile } },
        },
        { assemblyDir: dir },
      ),
      localResource('AWS::SQS::Queue', 'Jobs', {}, { arn: queueArn('Jobs') }),
      localResource('AWS::Lambda::EventSourceMapping', 'JobsMapping', {
        EventSourceArn: queueArn('Jobs'),
        FunctionName: 'Sleepy',
        BatchSize: 1,
        ScalingConfig: { MaximumConcurrency: 2 },
      }),
    ];
    const common = {
      resources,
      region: 'us-east-1',
      accountId: '000000000000',
      endpoint: 'http://127.0.0.1:1',
      authorize: allow,
    };
    const lambda = createLambdaService(common);
    const sqs = createSqsService({ ...common, lambda: lambda.lambda });
    try {
      // Two warm workers first (two invokes at once), so the two batches' handlers start
      // together rather than one cold start after the other; their spans are the first two.
      await Promise.all([lambda.lambda.invoke('Sleepy', {}), lambda.lambda.invoke('Sleepy', {})]);
      await sqs.sendMessage(queueArn('Jobs'), 'one');
      await sqs.sendMessage(queueArn('Jobs'), 'two');
      sqs.startPollers();

      const spans = await until(() => {
        if (!existsSync(spansFile)) return undefined;
        const lines = readFileSync(spansFile, 'utf8').trim().split('\n');
        return lines.length >= 4
          ? lines.slice(2).map((line) => JSON.parse(line) as { start: number; end: number })
          : undefined;
      }, 25_000);

      const [a, b] = spans as [{ start: number; end: number }, { start: number; end: number }];
      expect(a.start < b.end && b.start < a.end).toBe(true);
    } finally {
      await sqs.stop();
      await lambda.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
