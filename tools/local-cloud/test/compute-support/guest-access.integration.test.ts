import type { Authorize, Caller, EdgeRequest } from '../../src/edge/contracts';
import { createEventBridgeService } from '../../src/event-bridge';
import { createLambdaService } from '../../src/lambda';
import { createSqsService } from '../../src/sqs';
import { localResource } from './local-resource';

// Guests (credentials from the local Cognito) are judged by `authorize`; a denial answers
// with each service's own error. The decisions asked for are recorded to check what is asked.
const guest: Caller = {
  kind: 'guest',
  accessKeyId: 'ASIAGUEST',
  identityId: 'us-east-1:0000',
  roleArn: 'arn:aws:iam::000000000000:role/Guest',
  arn: 'arn:aws:sts::000000000000:assumed-role/Guest/session',
};

const request = (target: string, body: unknown, extra: Partial<EdgeRequest> = {}): EdgeRequest => ({
  method: 'POST',
  path: '/',
  query: new URLSearchParams(),
  headers: { 'x-amz-target': target },
  body: Buffer.from(JSON.stringify(body)),
  caller: guest,
  ...extra,
});

describe('guest callers', () => {
  const asked: { action: string; resource: string; context?: Record<string, unknown> }[] = [];
  const deny: Authorize = async (_caller, action, resource, context) => {
    asked.push({ action, resource, context });
    return false;
  };
  const common = {
    region: 'us-east-1',
    accountId: '000000000000',
    endpoint: 'http://x',
    authorize: deny,
  };
  const resources = [
    localResource(
      'AWS::SQS::Queue',
      'Private',
      {},
      { arn: 'arn:aws:sqs:us-east-1:000000000000:Private' },
    ),
    localResource('AWS::Events::EventBus', 'Bus', { Name: 'trips' }),
    localResource('AWS::Lambda::Function', 'Fn', {
      Runtime: 'nodejs22.x',
      Code: { ZipFile: 'exports.handler = async () => 1;' },
    }),
  ];

  beforeEach(() => {
    asked.length = 0;
  });

  it('are refused SQS operations their role does not allow, with AccessDenied', async () => {
    const sqs = createSqsService({ ...common, resources });

    const response = await sqs.service.handle(
      request('AmazonSQS.SendMessage', {
        QueueUrl: 'http://x/000000000000/Private',
        MessageBody: 'hi',
      }),
    );

    expect(response.status).toBe(403);
    expect(response.headers?.['x-amzn-query-error']).toBe('AccessDenied;Sender');
    expect(asked).toEqual([
      {
        action: 'sqs:SendMessage',
        resource: 'arn:aws:sqs:us-east-1:000000000000:Private',
        context: undefined,
      },
    ]);
    expect(sqs.depth('arn:aws:sqs:us-east-1:000000000000:Private').visible).toBe(0);
    await sqs.stop();
  });

  it('are refused PutEvents with AccessDeniedException, asked with the source and detail type', async () => {
    const events = createEventBridgeService({ ...common, resources });

    const response = await events.service.handle(
      request('AWSEvents.PutEvents', {
        Entries: [{ EventBusName: 'trips', Source: 'booktrip.x', DetailType: 'Y', Detail: '{}' }],
      }),
    );

    expect(response.status).toBe(403);
    expect(JSON.parse(String(response.body))).toMatchObject({ __type: 'AccessDeniedException' });
    expect(asked).toEqual([
      {
        action: 'events:PutEvents',
        resource: 'arn:aws:events:us-east-1:000000000000:event-bus/trips',
        context: { 'events:source': 'booktrip.x', 'events:detail-type': 'Y' },
      },
    ]);
    expect(events.recentEvents()).toHaveLength(0);
  });

  it('are refused Invoke with AccessDeniedException', async () => {
    const lambda = createLambdaService({ ...common, resources });

    const response = await lambda.service.handle(
      request('', {}, { path: '/2015-03-31/functions/Fn/invocations', headers: {} }),
    );

    expect(response.status).toBe(403);
    expect(response.headers?.['x-amzn-errortype']).toBe('AccessDeniedException');
    expect(asked).toEqual([
      {
        action: 'lambda:InvokeFunction',
        resource: 'arn:aws:lambda:us-east-1:000000000000:function:Fn',
        context: undefined,
      },
    ]);
    await lambda.stop();
  });
});
