import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEventBridgeService, type EventBridgeService } from '../../src/event-bridge';
import { createLambdaService, type LambdaService } from '../../src/lambda';
import { createSqsService, type SqsService } from '../../src/sqs';
import { localResource } from '../compute-support/local-resource';

// A cold worker (bundle load) takes seconds on a loaded 2-core machine.
jest.setTimeout(30_000);

// The three modules wired to each other as the local cloud wires them: a bus whose rules feed a
// queue consumed by a function (with partial batch failures and a DLQ) and invoke the same
// function asynchronously with a transformed input.
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;

async function until(probe: () => boolean, timeoutMs: number, why: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`condition not met in time\n${why()}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('bus → rule → queue → event source mapping → function', () => {
  let dir: string;
  let eventsFile: string;
  let lambda: LambdaService;
  let sqs: SqsService;
  let events: EventBridgeService;
  const serviceLog: string[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bus-to-consumer-'));
    eventsFile = join(dir, 'events.ndjson');
    cpSync(join(__dirname, '..', 'lambda', 'fixtures', 'recorder'), join(dir, 'asset.recorder'), {
      recursive: true,
    });
    const resources = [
      localResource('AWS::Events::EventBus', 'Bus', { Name: 'app' }),
      localResource(
        'AWS::SQS::Queue',
        'Inbox',
        {
          VisibilityTimeout: 2,
          RedrivePolicy: { deadLetterTargetArn: queueArn('InboxDlq'), maxReceiveCount: 2 },
        },
        { arn: queueArn('Inbox') },
      ),
      localResource('AWS::SQS::Queue', 'InboxDlq', {}, { arn: queueArn('InboxDlq') }),
      localResource(
        'AWS::Lambda::Function',
        'Recorder',
        {
          Code: { S3Key: 'recorder.zip' },
          Handler: 'index.handler',
          Runtime: 'nodejs22.x',
          Environment: { Variables: { EVENTS_FILE: eventsFile } },
        },
        { assemblyDir: dir },
      ),
      localResource('AWS::Lambda::EventSourceMapping', 'InboxMapping', {
        EventSourceArn: queueArn('Inbox'),
        FunctionName: 'Recorder',
        BatchSize: 10,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
      }),
      localResource('AWS::Events::Rule', 'AllOrders', {
        EventBusName: 'app',
        EventPattern: { source: ['app.orders'] },
        Targets: [{ Id: 'inbox', Arn: queueArn('Inbox') }],
      }),
      localResource('AWS::Events::Rule', 'BigOrders', {
        EventBusName: 'app',
        EventPattern: { source: ['app.orders'], detail: { total: [{ numeric: ['>', 100] }] } },
        Targets: [
          {
            Id: 'recorder',
            Arn: 'arn:aws:lambda:us-east-1:000000000000:function:Recorder',
            InputTransformer: {
              InputPathsMap: { total: '$.detail.total' },
              InputTemplate: '{"big": <total>}',
            },
          },
        ],
      }),
    ];
    const common = {
      resources,
      region: 'us-east-1',
      accountId: '000000000000',
      endpoint: 'http://127.0.0.1:1',
      authorize: async () => true,
      // What the services say (timeouts, whole-batch retries) explains a failure below.
      log: (line: string) => void serviceLog.push(line),
    };
    // Each service takes the others as functions, so construction order does not matter.
    lambda = createLambdaService({
      ...common,
      sendMessage: (queue, body, options) => sqs.sendMessage(queue, body, options),
    });
    sqs = createSqsService({ ...common, lambda: lambda.lambda });
    events = createEventBridgeService({
      ...common,
      lambda: lambda.lambda,
      sendMessage: sqs.sendMessage,
    });
  });

  beforeAll(async () => {
    // Warm the function first: a cold start longer than the inbox's 2 s visibility timeout
    // would (rightly) hand the good event over a second time.
    await lambda.lambda.invoke('Recorder', { warmUp: true });
    sqs.startPollers();
  });

  afterAll(async () => {
    await events.stop();
    await sqs.stop();
    await lambda.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const received = (): unknown[] =>
    existsSync(eventsFile)
      ? readFileSync(eventsFile, 'utf8')
          .trim()
          .split('\n')
          .map((line) => JSON.parse(line) as unknown)
      : [];

  it('delivers to the consumer, keeps the rejected event to the DLQ, and invokes the big-order target', async () => {
    const put = await events.putEvents([
      { EventBusName: 'app', Source: 'app.orders', DetailType: 'Placed', Detail: '{"total":50}' },
      {
        EventBusName: 'app',
        Source: 'app.orders',
        DetailType: 'Placed',
        Detail: '{"total":500,"note":"reject"}',
      },
    ]);
    expect(put.FailedEntryCount).toBe(0);

    // A cold worker on a loaded machine is slow, but a stall past this is a fault to explain.
    await until(
      () => sqs.depth(queueArn('InboxDlq')).visible >= 1,
      25_000,
      () =>
        [
          `DLQ ${JSON.stringify(sqs.depth(queueArn('InboxDlq')))}, inbox ${JSON.stringify(sqs.depth(queueArn('Inbox')))}`,
          ...serviceLog,
        ].join('\n'),
    );
    await lambda.drainAsync();
    // With the services' log beside it, so a whole-batch retry (two dead letters) explains itself.
    expect({ dlq: sqs.depth(queueArn('InboxDlq')).visible, log: serviceLog }).toMatchObject({
      dlq: 1,
    });

    const got = received();
    expect(got).toContainEqual({ big: 500 });
    const bodies = got
      .flatMap((event) => (event as { Records?: { body: string }[] }).Records ?? [])
      .map((record) => JSON.parse(record.body) as { id: string; detail: { total: number } });
    expect(bodies.filter((body) => body.detail.total === 50)).toHaveLength(1);
    expect(bodies.filter((body) => body.detail.total === 500)).toHaveLength(2);
    expect(bodies.find((body) => body.detail.total === 50)?.id).toBe(put.Entries?.[0]?.EventId);
  });
});
