// Issue 20's scenario 8 (a CDK app that is not BookTrip runs unchanged), with scenario 5
// (Lambda-shaped errors, async failures into the DLQ) and the SQS redrive half of scenario 4.
// Also issue 17's two acceptance dialogues the BookTrip bot cannot provoke: a code hook that
// throws (424) and a session past its idle TTL, on this app's own Lex bot, as one of its guests.
import {
  CognitoIdentityClient,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
} from '@aws-sdk/client-cognito-identity';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  GetSessionCommand,
  LexRuntimeV2Client,
  RecognizeTextCommand,
  type RecognizeTextCommandOutput,
} from '@aws-sdk/client-lex-runtime-v2';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalCloud, type LocalCloud } from '../src/cloud/start-local-cloud';
import type { LocalCloudOutputs } from '../src/cloud/outputs';
import { eventually } from './scenarios/support/signed-fetch';
import { synthesizeForeignApp } from './fixtures/foreign-app/foreign-app';

jest.setTimeout(120_000);

describe('a foreign CDK app on the local cloud', () => {
  let outdir: string;
  let cloud: LocalCloud;
  let outputs: LocalCloudOutputs;
  let config: {
    endpoint: string;
    region: string;
    credentials: { accessKeyId: string; secretAccessKey: string };
  };

  // The Lex runtime's clock: a test stops it, then moves it past the bot's idle TTL instead of
  // waiting, so however long a turn takes on a loaded machine only the moves count.
  let clockOffsetMs = 0;
  let stoppedAt: number | undefined;

  beforeAll(async () => {
    outdir = mkdtempSync(join(tmpdir(), 'foreign-app-'));
    cloud = await startLocalCloud({
      port: 0,
      webPort: 0,
      assemblies: [synthesizeForeignApp(outdir)],
      clock: () => new Date((stoppedAt ?? Date.now()) + clockOffsetMs),
    });
    outputs = cloud.outputs;
    config = {
      endpoint: cloud.endpoint,
      region: outputs.region,
      credentials: outputs.adminCredentials,
    };
  });
  afterAll(async () => {
    await cloud?.stop();
    rmSync(outdir, { recursive: true, force: true });
  });

  /** The physical id of the stack's one resource of `type` whose logical id starts with `prefix`. */
  const named = (prefix: string, type = '') => {
    const resources = outputs.stacks.ForeignUploads?.resources ?? {};
    const [match, ...others] = Object.entries(resources).filter(
      ([id, resource]) => id.startsWith(prefix) && (!type || resource.type === type),
    );
    if (others.length > 0) throw new Error(`several resources ${prefix}* of type ${type}`);
    if (!match) throw new Error(`no resource ${prefix}* in ${Object.keys(resources).join(', ')}`);
    return match[1].physicalId;
  };
  // Ref of a queue is its URL, on the edge.
  const queueUrl = (prefix: string) => named(prefix, 'AWS::SQS::Queue');
  const receive = (prefix: string) =>
    new SQSClient(config).send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl(prefix),
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 1,
      }),
    );

  it('lists the native custom resource provider, the function permission and the queue policy as ignored', () => {
    expect(outputs.ignored.map((ignored) => ignored.type).sort()).toEqual([
      'AWS::Lambda::Function',
      'AWS::Lambda::Permission',
      'AWS::SQS::QueuePolicy',
    ]);
  });

  it('runs bucket → EventBridge rule → queue → function → table unchanged', async () => {
    const bucket = named('Drops', 'AWS::S3::Bucket');
    await new S3Client({ ...config, forcePathStyle: true }).send(
      new PutObjectCommand({ Bucket: bucket, Key: 'hello.txt', Body: 'hello' }),
    );
    const item = await eventually(
      async () =>
        (
          await new DynamoDBClient(config).send(
            new GetItemCommand({
              TableName: named('Uploads', 'AWS::DynamoDB::Table'),
              Key: { pk: { S: `${bucket}/hello.txt` } },
            }),
          )
        ).Item,
      20_000,
      'the uploaded object recorded in the table',
    );
    expect(item.size).toEqual({ N: '5' });
  });

  it('moves a message the function keeps failing to the DLQ after maxReceiveCount', async () => {
    await new S3Client({ ...config, forcePathStyle: true }).send(
      new PutObjectCommand({
        Bucket: named('Drops', 'AWS::S3::Bucket'),
        Key: 'poison.txt',
        Body: 'x',
      }),
    );
    const dead = await eventually(
      async () => {
        const { Messages = [] } = await receive('UploadsDlq');
        return Messages.find((message) => message.Body?.includes('poison.txt'));
      },
      30_000,
      'the poison message in the DLQ',
    );
    expect(JSON.parse(String(dead.Body))).toMatchObject({
      source: 'aws.s3',
      'detail-type': 'Object Created',
      detail: { object: { key: 'poison.txt' } },
    });
  });

  it('answers a function that times out with Lambda\'s "Task timed out" error', async () => {
    const answer = await new LambdaClient(config).send(
      new InvokeCommand({ FunctionName: named('Sleeper', 'AWS::Lambda::Function') }),
    );
    expect(answer.FunctionError).toBe('Unhandled');
    const payload = JSON.parse(Buffer.from(answer.Payload ?? []).toString()) as {
      errorMessage: string;
    };
    expect(payload.errorMessage).toMatch(/Task timed out after 1(\.00)? seconds/);
  });

  it('answers a function that throws with its error type and message', async () => {
    const answer = await new LambdaClient(config).send(
      new InvokeCommand({ FunctionName: named('Failer', 'AWS::Lambda::Function') }),
    );
    expect(answer.FunctionError).toBe('Unhandled');
    expect(JSON.parse(Buffer.from(answer.Payload ?? []).toString())).toMatchObject({
      errorType: 'TypeError',
      errorMessage: 'this function always fails',
    });
  });

  it("puts an async invocation that keeps failing in the function's dead-letter queue", async () => {
    const answer = await new LambdaClient(config).send(
      new InvokeCommand({
        FunctionName: named('Failer', 'AWS::Lambda::Function'),
        InvocationType: 'Event',
        Payload: '{"n":1}',
      }),
    );
    expect(answer.StatusCode).toBe(202);
    const dead = await eventually(
      async () => {
        const { Messages = [] } = await new SQSClient(config).send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl('FailuresDlq'),
            WaitTimeSeconds: 1,
            MessageAttributeNames: ['All'],
          }),
        );
        return Messages[0];
      },
      30_000,
      'the failed event in the DLQ',
    );
    expect(JSON.parse(String(dead.Body))).toEqual({ n: 1 });
    expect(dead.MessageAttributes?.ErrorMessage?.StringValue).toBe('this function always fails');
  });

  describe("its Lex bot, talked to by the app's guests", () => {
    let guest: LexRuntimeV2Client;
    let bot: { botId: string; botAliasId: string; localeId: string };
    let sessions = 0;
    const newSessionId = () => `pizza-${++sessions}-${Date.now()}`;

    beforeAll(async () => {
      const cognito = new CognitoIdentityClient(config);
      const { IdentityId } = await cognito.send(
        new GetIdCommand({ IdentityPoolId: named('Guests', 'AWS::Cognito::IdentityPool') }),
      );
      const { Credentials } = await cognito.send(
        new GetCredentialsForIdentityCommand({ IdentityId }),
      );
      guest = new LexRuntimeV2Client({
        ...config,
        credentials: {
          accessKeyId: Credentials?.AccessKeyId ?? '',
          secretAccessKey: Credentials?.SecretKey ?? '',
          sessionToken: Credentials?.SessionToken ?? '',
        },
      });
      bot = {
        botId: named('PizzaBot', 'AWS::Lex::Bot'),
        botAliasId: named('PizzaAlias', 'AWS::Lex::BotAlias'),
        localeId: 'en_US',
      };
    });
    afterAll(() => guest?.destroy());

    const say = (sessionId: string, text: string) =>
      guest.send(new RecognizeTextCommand({ ...bot, sessionId, text }));
    const slot = (answer: RecognizeTextCommandOutput, name: string) =>
      answer.sessionState?.intent?.slots?.[name]?.value?.interpretedValue ?? null;

    it('answers a code hook that throws with 424 DependencyFailedException', async () => {
      const error = await say(newSessionId(), 'where is my order').then(
        () => undefined,
        (rejection: unknown) => rejection,
      );
      expect(error).toMatchObject({
        name: 'DependencyFailedException',
        $metadata: { httpStatusCode: 424 },
      });
    });

    it('keeps a session through its idle TTL and starts afresh after it', async () => {
      const kept = newSessionId();
      const expired = newSessionId();
      stoppedAt = Date.now();
      for (const sessionId of [kept, expired]) {
        const asked = await say(sessionId, 'order a large pizza');
        expect(slot(asked, 'Size')).toBe('large');
        expect(asked.sessionState?.dialogAction).toMatchObject({
          type: 'ElicitSlot',
          slotToElicit: 'Crust',
        });
      }
      try {
        clockOffsetMs += 59_000;
        const answered = await say(kept, 'thin');
        expect(slot(answered, 'Size')).toBe('large');
        expect(slot(answered, 'Crust')).toBe('thin');

        // The other session has now been idle for 61 s, past the bot's 60 s TTL.
        clockOffsetMs += 2_000;
        const gone = await new LexRuntimeV2Client(config)
          .send(new GetSessionCommand({ ...bot, sessionId: expired }))
          .then(
            () => undefined,
            (rejection: unknown) => rejection,
          );
        expect(gone).toMatchObject({ name: 'ResourceNotFoundException' });
        const fresh = await say(expired, 'order a pizza');
        expect(slot(fresh, 'Size')).toBeNull();
        expect(fresh.sessionState?.dialogAction).toMatchObject({
          type: 'ElicitSlot',
          slotToElicit: 'Size',
        });
      } finally {
        clockOffsetMs = 0;
        stoppedAt = undefined;
      }
    });
  });
});
