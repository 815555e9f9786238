import {
  EventBridgeClient,
  PutEventsCommand,
  TestEventPatternCommand,
} from '@aws-sdk/client-eventbridge';
import type { LocalLambda } from '../../src/edge/contracts';
import { createEventBridgeService, type EventBridgeService } from '../../src/event-bridge';
import { createSqsService, type SqsService } from '../../src/sqs';
import { localResource } from '../compute-support/local-resource';
import { serveEdgeServices } from '../compute-support/serve-edge-services';

const allow = async () => true;
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;
const functionArn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;
const common = {
  region: 'us-east-1',
  accountId: '000000000000',
  endpoint: 'http://x',
  authorize: allow,
};

const rule = (logicalId: string, props: Record<string, unknown>) =>
  localResource('AWS::Events::Rule', logicalId, {
    EventBusName: 'trips',
    State: 'ENABLED',
    ...props,
  });

const bookingPattern = { source: ['booktrip.test'], 'detail-type': ['Trip Booked'] };

describe('EventBridge routing through rules', () => {
  let sqs: SqsService;
  let events: EventBridgeService;
  let invocations: { name: string; payload: unknown; type?: string }[];
  let server: Awaited<ReturnType<typeof serveEdgeServices>>;
  let client: EventBridgeClient;
  let deliveryAttempts = 0;
  const executions: { stateMachineArn: string; input: unknown }[] = [];

  const receiveAll = async (name: string) => {
    const response = await sqs.service.handle({
      method: 'POST',
      path: '/',
      query: new URLSearchParams(),
      headers: { 'x-amz-target': 'AmazonSQS.ReceiveMessage' },
      body: Buffer.from(
        JSON.stringify({
          QueueUrl: `http://x/000000000000/${name}`,
          MaxNumberOfMessages: 10,
          MessageAttributeNames: ['All'],
        }),
      ),
      caller: { kind: 'admin', accessKeyId: 'local', arn: 'arn:aws:iam::000000000000:root' },
    });
    return (
      (
        JSON.parse(String(response.body)) as {
          Messages?: {
            Body: string;
            MessageAttributes?: Record<string, { StringValue: string }>;
          }[];
        }
      ).Messages ?? []
    );
  };

  beforeAll(async () => {
    invocations = [];
    const lambda: LocalLambda = {
      async invoke(name, payload, options) {
        invocations.push({ name, payload, type: options?.invocationType });
        return { statusCode: 202, payload: undefined };
      },
    };
    const resources = [
      localResource('AWS::Events::EventBus', 'TripsBus', { Name: 'trips' }),
      localResource('AWS::SQS::Queue', 'Bookings', {}, { arn: queueArn('Bookings') }),
      localResource('AWS::SQS::Queue', 'Summaries', {}, { arn: queueArn('Summaries') }),
      localResource('AWS::SQS::Queue', 'TargetDlq', {}, { arn: queueArn('TargetDlq') }),
      rule('ToQueue', {
        Name: 'to-queue',
        EventPattern: bookingPattern,
        Targets: [{ Id: 'q', Arn: queueArn('Bookings') }],
      }),
      rule('ToFunction', {
        Name: 'to-function',
        EventPattern: { ...bookingPattern, detail: { nights: [{ numeric: ['>=', 2] }] } },
        Targets: [
          {
            Id: 'fn',
            Arn: functionArn('Notify'),
            InputTransformer: {
              InputPathsMap: { city: '$.detail.city', nights: '$.detail.nights', id: '$.id' },
              InputTemplate:
                '{"text": "<city> for <nights> nights", "nights": <nights>, "event": "<id>", "rule": "<aws.events.rule-name>"}',
            },
          },
          { Id: 'path', Arn: queueArn('Summaries'), InputPath: '$.detail.city' },
          { Id: 'constant', Arn: queueArn('Summaries'), Input: '{"constant":true}' },
        ],
      }),
      rule('Broken', {
        Name: 'broken-target',
        EventPattern: { source: ['booktrip.retry'] },
        Targets: [
          {
            Id: 'missing',
            Arn: queueArn('NotDeployed'),
            RetryPolicy: { MaximumRetryAttempts: 2 },
            DeadLetterConfig: { Arn: queueArn('TargetDlq') },
          },
        ],
      }),
      rule('ToWorkflow', {
        Name: 'to-workflow',
        EventPattern: { source: ['booktrip.workflow'] },
        Targets: [
          {
            Id: 'sfn',
            Arn: 'arn:aws:states:us-east-1:000000000000:stateMachine:Book',
            InputPath: '$.detail',
          },
        ],
      }),
      rule('Disabled', {
        Name: 'disabled',
        State: 'DISABLED',
        EventPattern: bookingPattern,
        Targets: [{ Id: 'q', Arn: queueArn('Summaries') }],
      }),
    ];
    sqs = createSqsService({ ...common, resources });
    events = createEventBridgeService({
      ...common,
      resources,
      lambda,
      sendMessage: async (queue, body, options) => {
        if (queue === queueArn('NotDeployed')) deliveryAttempts += 1;
        return sqs.sendMessage(queue, body, options);
      },
      startExecution: async (stateMachineArn, input) => {
        executions.push({ stateMachineArn, input });
      },
      retryDelayMs: () => 1,
    });
    server = await serveEdgeServices([events.service]);
    client = new EventBridgeClient({
      endpoint: server.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });

  afterAll(async () => {
    client.destroy();
    await server.close();
    await events.stop();
    await sqs.stop();
  });

  it('delivers the EventBridge envelope to an SQS target', async () => {
    const time = new Date('2026-12-01T10:20:30.456Z');
    const put = await client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: 'trips',
            Source: 'booktrip.test',
            DetailType: 'Trip Booked',
            Detail: JSON.stringify({ city: 'Chicago', nights: 1 }),
            Resources: ['arn:aws:s3:::bucket'],
            Time: time,
          },
        ],
      }),
    );
    await events.drain();

    expect(put.FailedEntryCount).toBe(0);
    const [message] = await receiveAll('Bookings');
    expect(JSON.parse(message?.Body ?? '{}')).toEqual({
      version: '0',
      id: put.Entries?.[0]?.EventId,
      'detail-type': 'Trip Booked',
      source: 'booktrip.test',
      account: '000000000000',
      time: '2026-12-01T10:20:30Z',
      region: 'us-east-1',
      resources: ['arn:aws:s3:::bucket'],
      detail: { city: 'Chicago', nights: 1 },
    });
    // nights: 1 does not match the function's rule; the disabled rule matches nothing.
    expect(invocations).toHaveLength(0);
    expect(await receiveAll('Summaries')).toHaveLength(0);
    expect(events.recentEvents('trips').at(-1)?.matchedRules).toEqual(['to-queue']);
  });

  it('transforms the input for a Lambda target (async) and applies InputPath and Input', async () => {
    const put = await events.putEvents([
      {
        EventBusName: 'arn:aws:events:us-east-1:000000000000:event-bus/trips',
        Source: 'booktrip.test',
        DetailType: 'Trip Booked',
        Detail: JSON.stringify({ city: 'Paris', nights: 3 }),
      },
    ]);
    await events.drain();

    expect(invocations).toEqual([
      {
        name: functionArn('Notify'),
        type: 'Event',
        payload: {
          text: 'Paris for 3 nights',
          nights: 3,
          event: put.Entries?.[0]?.EventId,
          rule: 'to-function',
        },
      },
    ]);
    const bodies = (await receiveAll('Summaries')).map((message) => message.Body).sort();
    expect(bodies).toEqual(['"Paris"', '{"constant":true}']);
    await receiveAll('Bookings');
  });

  it('starts a Step Functions execution with the selected input', async () => {
    await events.putEvents([
      {
        EventBusName: 'trips',
        Source: 'booktrip.workflow',
        DetailType: 'Go',
        Detail: '{"reservation":{"id":"r1"}}',
      },
    ]);
    await events.drain();

    expect(executions).toEqual([
      {
        stateMachineArn: 'arn:aws:states:us-east-1:000000000000:stateMachine:Book',
        input: { reservation: { id: 'r1' } },
      },
    ]);
  });

  it("retries a failing target per its RetryPolicy, then dead-letters the event with EventBridge's attributes", async () => {
    const put = await events.putEvents([
      { Source: 'booktrip.retry', DetailType: 'Anything', Detail: '{}', EventBusName: 'trips' },
    ]);
    await events.drain();

    expect(deliveryAttempts).toBe(3);
    const [dead] = await receiveAll('TargetDlq');
    expect(JSON.parse(dead?.Body ?? '{}')).toMatchObject({ id: put.Entries?.[0]?.EventId });
    expect(dead?.MessageAttributes).toMatchObject({
      RULE_ARN: { StringValue: 'arn:aws:events:us-east-1:000000000000:rule/trips/broken-target' },
      TARGET_ARN: { StringValue: queueArn('NotDeployed') },
      ERROR_CODE: { StringValue: 'RESOURCE_NOT_FOUND' },
      EXHAUSTED_RETRY_CONDITION: { StringValue: 'MaximumRetryAttemptsExhausted' },
      RETRY_ATTEMPTS: { StringValue: '2' },
    });
  });

  it('validates PutEvents entries as EventBridge does, per entry', async () => {
    const put = await client.send(
      new PutEventsCommand({
        Entries: [
          { Source: 'booktrip.test', DetailType: 'Ok', Detail: '{}', EventBusName: 'trips' },
          { Source: 'booktrip.test', Detail: '{}' },
          { Source: 'booktrip.test', DetailType: 'Array', Detail: '[1]' },
          { Source: 'booktrip.test', DetailType: 'Text', Detail: 'not json' },
          { Source: 'aws.s3', DetailType: 'Object Created', Detail: '{}' },
          { Source: 'booktrip.test', DetailType: 'Nowhere', Detail: '{}', EventBusName: 'nope' },
        ],
      }),
    );

    expect(put.FailedEntryCount).toBe(5);
    expect(put.Entries?.[0]?.EventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(put.Entries?.slice(1).map((entry) => entry.ErrorCode)).toEqual([
      'InvalidArgument',
      'MalformedDetail',
      'MalformedDetail',
      'NotAuthorizedForSourceException',
      'InvalidArgument',
    ]);
    expect(put.Entries?.[1]?.ErrorMessage).toBe(
      'Parameter DetailType is not valid. Reason: DetailType is a required argument.',
    );
    // Other emulators (S3 notifications) may publish aws.* sources.
    const s3 = await events.putEvents([
      { Source: 'aws.s3', DetailType: 'Object Created', Detail: '{}' },
    ]);
    expect(s3.FailedEntryCount).toBe(0);
  });

  it('refuses more than 10 entries and more than 256 KB', async () => {
    const entry = { Source: 'booktrip.test', DetailType: 'Many', Detail: '{}' };
    await expect(
      client.send(new PutEventsCommand({ Entries: Array.from({ length: 11 }, () => entry) })),
    ).rejects.toMatchObject({ name: 'ValidationException' });
    const big = { ...entry, Detail: JSON.stringify({ blob: 'x'.repeat(256 * 1024) }) };
    await expect(client.send(new PutEventsCommand({ Entries: [big] }))).rejects.toMatchObject({
      name: 'ValidationException',
    });
  });

  it('answers TestEventPattern with the local matcher', async () => {
    const event = JSON.stringify({
      id: '1',
      source: 'booktrip.test',
      'detail-type': 'x',
      account: '000000000000',
      region: 'us-east-1',
      time: '2026-12-01T00:00:00Z',
      resources: [],
      detail: { city: 'Rome' },
    });
    const yes = await client.send(
      new TestEventPatternCommand({
        Event: event,
        EventPattern: '{"detail":{"city":[{"prefix":"Ro"}]}}',
      }),
    );
    expect(yes.Result).toBe(true);
    await expect(
      client.send(new TestEventPatternCommand({ Event: event, EventPattern: '{"detail":"Rome"}' })),
    ).rejects.toMatchObject({ name: 'InvalidEventPatternException' });
  });
});

describe('rules from the template', () => {
  const bus = localResource('AWS::Events::EventBus', 'TripsBus', { Name: 'trips' });
  const build = (...resources: ReturnType<typeof localResource>[]) =>
    createEventBridgeService({
      ...common,
      resources: [bus, ...resources],
      sendMessage: async () => ({ messageId: '1' }),
    });

  it('refuses an invalid pattern at construction, naming the rule', () => {
    expect(() =>
      build(
        rule('BadRule', { Name: 'bad', EventPattern: { source: 'not-an-array' }, Targets: [] }),
      ),
    ).toThrow(
      /rule TestStack\/BadRule \(bad\): invalid EventPattern: Match value must be an array/,
    );
  });

  it('refuses a rule on a bus that does not exist and a target it cannot deliver to', () => {
    expect(() =>
      build(rule('Lost', { EventBusName: 'elsewhere', EventPattern: bookingPattern })),
    ).toThrow(/event bus elsewhere is not in the templates/);
    expect(() =>
      build(
        rule('Sns', {
          EventPattern: bookingPattern,
          Targets: [{ Id: 't', Arn: 'arn:aws:sns:us-east-1:000000000000:topic' }],
        }),
      ),
    ).toThrow(/targets of type sns are not emulated/);
  });
});
