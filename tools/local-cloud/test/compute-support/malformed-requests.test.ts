import type { EdgeRequest } from '../../src/edge/contracts';
import { createEventBridgeService } from '../../src/event-bridge';
import { createSqsService } from '../../src/sqs';
import { localResource } from './local-resource';

// Requests no SDK would send, as a hand-written client might: each gets a 400, never a crash.
const admin = {
  kind: 'admin' as const,
  accessKeyId: 'local',
  arn: 'arn:aws:iam::000000000000:root',
};
const request = (target: string, body: unknown): EdgeRequest => ({
  method: 'POST',
  path: '/',
  query: new URLSearchParams(),
  headers: { 'x-amz-target': target },
  body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)),
  caller: admin,
});
const common = {
  region: 'us-east-1',
  accountId: '000000000000',
  endpoint: 'http://x',
  authorize: async () => true,
};

describe('malformed requests', () => {
  const events = createEventBridgeService({ ...common, resources: [] });
  const sqs = createSqsService({
    ...common,
    resources: [
      localResource('AWS::SQS::Queue', 'Q', {}, { arn: 'arn:aws:sqs:us-east-1:000000000000:Q' }),
    ],
  });
  afterAll(() => sqs.stop());

  it.each([
    ['PutEvents with a null entry', 'AWSEvents.PutEvents', { Entries: [null] }],
    [
      'PutEvents with Resources not a list',
      'AWSEvents.PutEvents',
      { Entries: [{ Source: 's', DetailType: 'd', Detail: '{}', Resources: 'arn' }] },
    ],
    ['PutEvents without Entries', 'AWSEvents.PutEvents', {}],
    ['a body that is not JSON', 'AWSEvents.PutEvents', '{'],
    ['an unknown operation', 'AWSEvents.PutRule', {}],
  ])('EventBridge answers 400 to %s', async (_name, target, body) => {
    const response = await events.service.handle(request(target, body));
    expect(response.status).toBe(400);
  });

  it.each([
    [
      'a batch with a null entry',
      'AmazonSQS.SendMessageBatch',
      { QueueUrl: 'http://x/000000000000/Q', Entries: [null] },
    ],
    [
      'SendMessage without a body',
      'AmazonSQS.SendMessage',
      { QueueUrl: 'http://x/000000000000/Q' },
    ],
    ['a body that is not JSON', 'AmazonSQS.SendMessage', '{'],
    [
      'a negative visibility timeout',
      'AmazonSQS.ReceiveMessage',
      { QueueUrl: 'http://x/000000000000/Q', VisibilityTimeout: -5 },
    ],
    ['an unknown operation', 'AmazonSQS.CreateQueue', { QueueName: 'new' }],
  ])('SQS answers 400 to %s', async (_name, target, body) => {
    const response = await sqs.service.handle(request(target, body));
    expect(response.status).toBe(400);
    expect(response.headers?.['x-amzn-query-error']).toMatch(/;Sender$/);
  });
});
