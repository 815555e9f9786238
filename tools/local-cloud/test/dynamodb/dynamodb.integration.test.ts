import {
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
} from '@aws-sdk/client-dynamodb';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDynamoDb } from '../../src/dynamodb';
import {
  guestClientCredentials,
  lookupGuest,
  recordingAuthorize,
} from '../data-harness/guest-caller';
import { localResource } from '../compute-support/local-resource';
import { ADMIN, startTinyEdge } from '../data-harness/tiny-edge';

const S = (name: string) => ({ AttributeName: name, AttributeType: 'S' });
const historyTable = localResource(
  'AWS::DynamoDB::Table',
  'HistoryTable24A0CCCB',
  {
    AttributeDefinitions: [S('PK'), S('SK'), S('GSI1PK'), S('GSI1SK'), S('LSI1SK')],
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: 'GSI1',
        KeySchema: [
          { AttributeName: 'GSI1PK', KeyType: 'HASH' },
          { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
        ContributorInsightsSpecification: { Enabled: false },
      },
    ],
    LocalSecondaryIndexes: [
      {
        IndexName: 'LSI1',
        KeySchema: [
          { AttributeName: 'PK', KeyType: 'HASH' },
          { AttributeName: 'LSI1SK', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ],
    PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    SSESpecification: { SSEEnabled: true },
    TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
  },
  { physicalId: 'HistoryTable24A0CCCB' },
);
const publicTable = localResource(
  'AWS::DynamoDB::Table',
  'Public',
  {
    TableName: 'public-notes',
    AttributeDefinitions: [S('id')],
    KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
    BillingMode: 'PAY_PER_REQUEST',
  },
  { physicalId: 'public-notes' },
);

async function start(persistDir?: string) {
  const access = recordingAuthorize(
    (action, resource) => action === 'dynamodb:GetItem' && resource.endsWith('table/public-notes'),
  );
  const lines: string[] = [];
  const dynamodb = await createDynamoDb({
    resources: [historyTable, publicTable],
    authorize: access.authorize,
    region: 'us-east-1',
    accountId: '000000000000',
    log: (line) => lines.push(line),
    ...(persistDir ? { persistDir } : {}),
  });
  const edge = await startTinyEdge([dynamodb.service], lookupGuest);
  const admin = new DynamoDBClient({
    endpoint: edge.endpoint,
    region: 'us-east-1',
    credentials: ADMIN,
  });
  const guest = new DynamoDBClient({
    endpoint: edge.endpoint,
    region: 'us-east-1',
    credentials: guestClientCredentials,
  });
  return {
    dynamodb,
    access,
    lines,
    admin,
    guest,
    async stop() {
      admin.destroy();
      guest.destroy();
      await edge.stop();
      await dynamodb.stop();
    },
  };
}

const entry = (conversation: string, at: string, kind: string) => ({
  PK: { S: `CONV#${conversation}` },
  SK: { S: `MSG#${at}` },
  GSI1PK: { S: 'OWNER#alice' },
  GSI1SK: { S: at },
  LSI1SK: { S: `${kind}#${at}` },
});

describe('local DynamoDB behind the edge', () => {
  let cloud: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    cloud = await start();
  }, 300_000);
  afterAll(() => cloud.stop(), 60_000);

  it('creates the template’s tables with their keys, GSI, LSI and TTL, and local ARNs', async () => {
    const { Table } = await cloud.admin.send(
      new DescribeTableCommand({ TableName: 'HistoryTable24A0CCCB' }),
    );
    expect(Table?.TableArn).toBe(
      'arn:aws:dynamodb:us-east-1:000000000000:table/HistoryTable24A0CCCB',
    );
    expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName)).toEqual(['GSI1']);
    expect(Table?.LocalSecondaryIndexes?.map((index) => index.IndexName)).toEqual(['LSI1']);
    const ttl = await cloud.admin.send(
      new DescribeTimeToLiveCommand({ TableName: 'HistoryTable24A0CCCB' }),
    );
    expect(ttl.TimeToLiveDescription).toEqual({
      AttributeName: 'expiresAt',
      TimeToLiveStatus: 'ENABLED',
    });
    expect(cloud.lines).toEqual([
      'dynamodb: table HistoryTable24A0CCCB created',
      'dynamodb: table public-notes created',
    ]);
  });

  it('serves items through the table and both indexes, transactions included', async () => {
    await cloud.admin.send(
      new TransactWriteItemsCommand({
        TransactItems: [
          {
            Put: {
              TableName: 'HistoryTable24A0CCCB',
              Item: entry('c1', '2026-12-01T08:00:00Z', 'TURN'),
            },
          },
          {
            Put: {
              TableName: 'HistoryTable24A0CCCB',
              Item: entry('c1', '2026-12-01T08:01:00Z', 'IMAGE'),
            },
          },
        ],
      }),
    );
    const byOwner = await cloud.admin.send(
      new QueryCommand({
        TableName: 'HistoryTable24A0CCCB',
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :owner',
        ExpressionAttributeValues: { ':owner': { S: 'OWNER#alice' } },
      }),
    );
    const images = await cloud.admin.send(
      new QueryCommand({
        TableName: 'HistoryTable24A0CCCB',
        IndexName: 'LSI1',
        KeyConditionExpression: 'PK = :pk AND begins_with(LSI1SK, :kind)',
        ExpressionAttributeValues: { ':pk': { S: 'CONV#c1' }, ':kind': { S: 'IMAGE#' } },
      }),
    );
    expect(byOwner.Count).toBe(2);
    expect(images.Items?.map((item) => item.SK?.S)).toEqual(['MSG#2026-12-01T08:01:00Z']);
  });

  it('asks about each table a guest touches and answers a denial with AccessDeniedException', async () => {
    await cloud.admin.send(
      new PutItemCommand({
        TableName: 'public-notes',
        Item: { id: { S: 'n1' }, text: { S: 'hi' } },
      }),
    );
    const allowed = await cloud.guest.send(
      new GetItemCommand({ TableName: 'public-notes', Key: { id: { S: 'n1' } } }),
    );
    expect(allowed.Item?.text?.S).toBe('hi');

    await expect(
      cloud.guest.send(
        new PutItemCommand({ TableName: 'public-notes', Item: { id: { S: 'n2' } } }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
    await expect(
      cloud.guest.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Put: {
                TableName: 'HistoryTable24A0CCCB',
                Item: entry('c2', '2026-12-01T09:00:00Z', 'TURN'),
              },
            },
          ],
        }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
    const written = await cloud.admin.send(
      new GetItemCommand({ TableName: 'public-notes', Key: { id: { S: 'n2' } } }),
    );
    expect(written.Item).toBeUndefined();

    expect(
      cloud.access.calls.filter((call) => call.caller.kind === 'guest').map((call) => call.action),
    ).toEqual(['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:PutItem']);
  });
});

describe('local DynamoDB under --persist', () => {
  let persistDir: string;
  beforeEach(async () => {
    persistDir = await mkdtemp(join(tmpdir(), 'dynamodb-persist-'));
  });
  afterEach(() => rm(persistDir, { recursive: true, force: true }));

  it('keeps tables and items across a restart instead of re-creating them', async () => {
    const first = await start(persistDir);
    await first.admin.send(
      new PutItemCommand({ TableName: 'public-notes', Item: { id: { S: 'kept' } } }),
    );
    await first.stop();

    const second = await start(persistDir);
    const item = await second.admin.send(
      new GetItemCommand({ TableName: 'public-notes', Key: { id: { S: 'kept' } } }),
    );
    const lines = second.lines;
    await second.stop();

    expect(item.Item?.id?.S).toBe('kept');
    expect(lines).toEqual([
      'dynamodb: table HistoryTable24A0CCCB kept (persisted)',
      'dynamodb: table public-notes kept (persisted)',
    ]);
  }, 300_000);
});
