import { createHash } from 'node:crypto';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueueTagsCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { createSqsService, type SqsService } from '../../src/sqs';
import { localResource } from '../compute-support/local-resource';
import { serveEdgeServices } from '../compute-support/serve-edge-services';

// Long polls and the queue delay add seconds to tests Jest would stop after 5.
jest.setTimeout(20_000);

const allow = async () => true;
const queueArn = (name: string) => `arn:aws:sqs:us-east-1:000000000000:${name}`;
const queue = (name: string, props: Record<string, unknown> = {}) =>
  localResource('AWS::SQS::Queue', name, props, { arn: queueArn(name) });

describe('the local SQS through @aws-sdk/client-sqs', () => {
  let sqs: SqsService;
  let server: Awaited<ReturnType<typeof serveEdgeServices>>;
  let client: SQSClient;
  const urlOf = async (name: string) =>
    (await client.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl as string;

  beforeAll(async () => {
    const resources = [
      queue('Work'),
      queue('Dead'),
      queue('Redriven', {
        RedrivePolicy: { deadLetterTargetArn: queueArn('Dead'), maxReceiveCount: 2 },
      }),
      // Long enough that no check below races the timeout on a loaded machine: the test shows
      // a hidden message again by ChangeMessageVisibility, not by waiting.
      queue('Slow', { VisibilityTimeout: 30 }),
      queue('Delayed', { DelaySeconds: 3 }),
      queue('Tuned', {
        VisibilityTimeout: 180,
        Tags: [{ Key: 'booktrip:service', Value: 'history' }],
      }),
    ];
    // Queue URLs name the endpoint, so the server starts first and forwards to the service.
    const proxy = {
      signingNames: ['sqs'],
      handle: (request: Parameters<SqsService['service']['handle']>[0]) =>
        sqs.service.handle(request),
    };
    server = await serveEdgeServices([proxy]);
    const endpoint = server.endpoint;
    sqs = createSqsService({
      resources,
      region: 'us-east-1',
      accountId: '000000000000',
      endpoint,
      authorize: allow,
    });
    client = new SQSClient({
      endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });

  afterAll(async () => {
    client.destroy();
    await sqs.stop();
    await server.close();
  });

  it('sends, receives with attributes and MD5s, and deletes', async () => {
    const QueueUrl = await urlOf('Work');
    expect(QueueUrl).toBe(`${server.endpoint}/000000000000/Work`);

    const sent = await client.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: 'héllo',
        MessageAttributes: { kind: { DataType: 'String', StringValue: 'greeting' } },
      }),
    );
    const received = await client.send(
      new ReceiveMessageCommand({
        QueueUrl,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );

    const [message] = received.Messages ?? [];
    expect(message?.MessageId).toBe(sent.MessageId);
    expect(message?.Body).toBe('héllo');
    expect(message?.MD5OfBody).toBe(createHash('md5').update('héllo', 'utf8').digest('hex'));
    expect(sent.MD5OfMessageAttributes).toBe(message?.MD5OfMessageAttributes);
    expect(message?.MessageAttributes).toEqual({
      kind: { DataType: 'String', StringValue: 'greeting' },
    });
    expect(message?.Attributes?.ApproximateReceiveCount).toBe('1');
    expect(Number(message?.Attributes?.SentTimestamp)).toBeGreaterThan(Date.now() - 10_000);

    await client.send(
      new DeleteMessageCommand({ QueueUrl, ReceiptHandle: message?.ReceiptHandle }),
    );
    const attributes = await client.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['All'] }),
    );
    expect(attributes.Attributes).toMatchObject({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
      QueueArn: queueArn('Work'),
      VisibilityTimeout: '30',
    });
  });

  it('long-polls until a message arrives', async () => {
    const QueueUrl = await urlOf('Work');
    const started = Date.now();
    setTimeout(() => void sqs.sendMessage(queueArn('Work'), 'late'), 300);

    const received = await client.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }));

    expect(received.Messages?.[0]?.Body).toBe('late');
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(Date.now() - started).toBeLessThan(2000);
    await client.send(
      new DeleteMessageCommand({ QueueUrl, ReceiptHandle: received.Messages?.[0]?.ReceiptHandle }),
    );
  });

  it('hides a received message for the visibility timeout, and shows it again on request', async () => {
    const QueueUrl = await urlOf('Slow');
    await client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'once' }));

    const first = await client.send(new ReceiveMessageCommand({ QueueUrl }));
    const hidden = await client.send(new ReceiveMessageCommand({ QueueUrl }));
    const inFlight = await client.send(
      new GetQueueAttributesCommand({
        QueueUrl,
        AttributeNames: ['ApproximateNumberOfMessagesNotVisible'],
      }),
    );
    await client.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl,
        ReceiptHandle: first.Messages?.[0]?.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    const again = await client.send(
      new ReceiveMessageCommand({
        QueueUrl,
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
    );

    expect(first.Messages).toHaveLength(1);
    expect(hidden.Messages ?? []).toHaveLength(0);
    expect(inFlight.Attributes).toEqual({ ApproximateNumberOfMessagesNotVisible: '1' });
    expect(again.Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe('2');
    // The first receipt handle is stale now: deleting with it leaves the message.
    await client.send(
      new DeleteMessageCommand({ QueueUrl, ReceiptHandle: first.Messages?.[0]?.ReceiptHandle }),
    );
    expect(sqs.depth(queueArn('Slow'))).toEqual({ visible: 0, notVisible: 1, delayed: 0 });
    await client.send(new PurgeQueueCommand({ QueueUrl }));
    expect(sqs.depth(queueArn('Slow'))).toEqual({ visible: 0, notVisible: 0, delayed: 0 });
  });

  it('moves a message to the dead-letter queue after maxReceiveCount receives', async () => {
    const QueueUrl = await urlOf('Redriven');
    await client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'poison' }));

    for (let receive = 0; receive < 2; receive += 1) {
      const got = await client.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 0 }));
      expect(got.Messages?.[0]?.Body).toBe('poison');
    }
    const third = await client.send(new ReceiveMessageCommand({ QueueUrl }));
    const dead = await client.send(
      new ReceiveMessageCommand({
        QueueUrl: await urlOf('Dead'),
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
      }),
    );

    expect(sqs.queues().find((q) => q.name === 'Redriven')?.deadLetterTargetArn).toBe(
      queueArn('Dead'),
    );
    expect(third.Messages ?? []).toHaveLength(0);
    expect(dead.Messages?.[0]?.Body).toBe('poison');
    expect(dead.Messages?.[0]?.Attributes?.ApproximateReceiveCount).toBe('1');
  });

  it('delays messages by the queue delay', async () => {
    const QueueUrl = await urlOf('Delayed');
    await client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'later' }));

    const now = await client.send(new ReceiveMessageCommand({ QueueUrl }));
    expect(now.Messages ?? []).toHaveLength(0);
    expect(sqs.depth(queueArn('Delayed')).delayed).toBe(1);
    const soon = await client.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 6 }));
    expect(soon.Messages?.[0]?.Body).toBe('later');
  });

  it('sends and deletes in batches, reporting per-entry failures', async () => {
    const QueueUrl = await urlOf('Work');
    const sent = await client.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'a', MessageBody: 'one' },
          { Id: 'b', MessageBody: 'two', DelaySeconds: 901 },
        ],
      }),
    );
    expect(sent.Successful?.map((entry) => entry.Id)).toEqual(['a']);
    expect(sent.Failed).toEqual([
      expect.objectContaining({ Id: 'b', SenderFault: true, Code: 'InvalidParameterValue' }),
    ]);

    const received = await client.send(
      new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }),
    );
    const deleted = await client.send(
      new DeleteMessageBatchCommand({
        QueueUrl,
        Entries: (received.Messages ?? []).map((message, index) => ({
          Id: `m${index}`,
          ReceiptHandle: message.ReceiptHandle,
        })),
      }),
    );
    expect(deleted.Successful).toHaveLength(1);
    expect(sqs.depth(queueArn('Work')).visible).toBe(0);

    await expect(
      client.send(
        new SendMessageBatchCommand({
          QueueUrl,
          Entries: [
            { Id: 'x', MessageBody: '1' },
            { Id: 'x', MessageBody: '2' },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'BatchEntryIdsNotDistinct' });
  });

  it('changes attributes with SetQueueAttributes and lists the template tags', async () => {
    const QueueUrl = await urlOf('Tuned');
    await client.send(
      new SetQueueAttributesCommand({
        QueueUrl,
        Attributes: {
          VisibilityTimeout: '1',
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: queueArn('Dead'),
            maxReceiveCount: 3,
          }),
        },
      }),
    );
    await client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'quick' }));
    await client.send(new ReceiveMessageCommand({ QueueUrl }));
    const started = Date.now();
    const again = await client.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }));
    const attributes = await client.send(
      new GetQueueAttributesCommand({
        QueueUrl,
        AttributeNames: ['VisibilityTimeout', 'RedrivePolicy'],
      }),
    );

    expect(again.Messages?.[0]?.Body).toBe('quick');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(attributes.Attributes).toEqual({
      VisibilityTimeout: '1',
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: queueArn('Dead'), maxReceiveCount: 3 }),
    });
    expect((await client.send(new ListQueueTagsCommand({ QueueUrl }))).Tags).toEqual({
      'booktrip:service': 'history',
    });
    await expect(
      client.send(
        new SetQueueAttributesCommand({ QueueUrl, Attributes: { VisibilityTimeout: '-1' } }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidAttributeValue' });
    await client.send(new PurgeQueueCommand({ QueueUrl }));
  });

  it("answers SQS's errors", async () => {
    await expect(client.send(new GetQueueUrlCommand({ QueueName: 'Nope' }))).rejects.toMatchObject({
      name: 'QueueDoesNotExist',
    });
    await expect(
      client.send(
        new ReceiveMessageCommand({ QueueUrl: await urlOf('Work'), MaxNumberOfMessages: 11 }),
      ),
    ).rejects.toMatchObject({ name: 'InvalidParameterValue' });
  });
});

describe('queues from the template', () => {
  const deps = {
    region: 'us-east-1',
    accountId: '000000000000',
    endpoint: 'http://x',
    authorize: allow,
  };

  it('refuses a FIFO queue, naming it', () => {
    expect(() =>
      createSqsService({ ...deps, resources: [queue('Orders', { FifoQueue: true })] }),
    ).toThrow('TestStack/Orders: FIFO queues');
  });

  it('refuses a redrive policy to a queue that does not exist', () => {
    expect(() =>
      createSqsService({
        ...deps,
        resources: [
          queue('Work', {
            RedrivePolicy: { deadLetterTargetArn: queueArn('Gone'), maxReceiveCount: 3 },
          }),
        ],
      }),
    ).toThrow(/RedrivePolicy names .*Gone/);
  });
});

describe('stopping', () => {
  it('ends long polls under way', async () => {
    const sqs = createSqsService({
      region: 'us-east-1',
      accountId: '000000000000',
      endpoint: 'http://x',
      authorize: allow,
      resources: [queue('Quiet')],
    });
    const started = Date.now();
    const polling = sqs.service.handle({
      method: 'POST',
      path: '/',
      query: new URLSearchParams(),
      headers: { 'x-amz-target': 'AmazonSQS.ReceiveMessage' },
      body: Buffer.from(JSON.stringify({ QueueUrl: queueArn('Quiet'), WaitTimeSeconds: 20 })),
      caller: { kind: 'admin', accessKeyId: 'local', arn: 'arn:aws:iam::000000000000:root' },
    });

    await sqs.stop();
    const response = await polling;

    expect(JSON.parse(String(response.body))).toEqual({ Messages: [] });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
