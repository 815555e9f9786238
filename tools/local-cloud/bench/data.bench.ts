// Micro-benchmarks of the local cloud's data services: what the edge in front of s3rver and
// DynamoDB Local costs over talking to them directly.
// Run: npx tsx tools/local-cloud/bench/data.bench.ts  (prints figures; asserts nothing; needs Java)
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createDynamoDb } from '../src/dynamodb';
import type { LocalResource } from '../src/edge/contracts';
import { startEdgeServer } from '../src/edge';
import { createS3, S3RVER_CREDENTIALS } from '../src/s3';

const ADMIN = { accessKeyId: 'AKIABENCH', secretAccessKey: 'bench' };

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function line(label: string, samples: number[]): string {
  return `${label.padEnd(44)} p50 ${percentile(samples, 50).toFixed(2)} ms   p99 ${percentile(samples, 99).toFixed(2)} ms   (n=${samples.length})`;
}

async function timed(count: number, run: (index: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let index = 0; index < count; index += 1) {
    const start = performance.now();
    await run(index);
    samples.push(performance.now() - start);
  }
  return samples;
}

const resource = (
  type: string,
  logicalId: string,
  properties: Record<string, unknown>,
  physicalId = logicalId,
): LocalResource => ({
  stackName: 'Bench',
  logicalId,
  type,
  properties,
  physicalId,
  assemblyDir: '',
});

async function main(): Promise<void> {
  const resources = [
    resource(
      'AWS::S3::Bucket',
      'Bench',
      { NotificationConfiguration: { EventBridgeConfiguration: {} } },
      'bench-bucket',
    ),
    resource('AWS::DynamoDB::Table', 'Table', {
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
    }),
  ];
  const authorize = async () => true;
  const s3 = await createS3({
    resources,
    authorize,
    accountId: '000000000000',
    putEvents: async () => undefined,
  });
  const dynamodb = await createDynamoDb({
    resources,
    authorize,
    region: 'us-east-1',
    accountId: '000000000000',
  });
  const edge = await startEdgeServer({ port: 0, host: '127.0.0.1' });
  edge.addService(s3.service);
  edge.addService(dynamodb.service);

  const s3Client = (endpoint: string, credentials = ADMIN) =>
    new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials });
  const viaEdge = s3Client(edge.url);
  const direct = s3Client(s3.backendEndpoint, S3RVER_CREDENTIALS);
  const small = Buffer.alloc(1024, 1);
  const large = Buffer.alloc(10 * 1024 * 1024, 2);
  const put = (client: S3Client, key: string, body: Buffer, extra = {}) =>
    client.send(new PutObjectCommand({ Bucket: 'bench-bucket', Key: key, Body: body, ...extra }));

  await timed(20, (index) => put(viaEdge, `warm/${index}`, small));
  console.log(
    line(
      'S3 PutObject 1 KB, s3rver directly',
      await timed(200, (index) => put(direct, `direct/${index}`, small)),
    ),
  );
  console.log(
    line(
      'S3 PutObject 1 KB, through the edge',
      await timed(200, (index) => put(viaEdge, `edge/${index}`, small)),
    ),
  );
  console.log(
    line(
      'S3 PutObject 1 KB If-None-Match, edge',
      await timed(200, (index) => put(viaEdge, `once/${index}`, small, { IfNoneMatch: '*' })),
    ),
  );
  console.log(
    line(
      'S3 PutObject 10 MB, s3rver directly',
      await timed(10, (index) => put(direct, `big-direct/${index}`, large)),
    ),
  );
  console.log(
    line(
      'S3 PutObject 10 MB, through the edge',
      await timed(10, (index) => put(viaEdge, `big-edge/${index}`, large)),
    ),
  );

  const dynamo = (endpoint: string) =>
    new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: ADMIN });
  const dynamoDirect = dynamo(dynamodb.backendEndpoint);
  const dynamoEdge = dynamo(edge.url);
  const putItem = (client: DynamoDBClient, id: string) =>
    client.send(
      new PutItemCommand({
        TableName: 'Table',
        Item: { id: { S: id }, body: { S: 'x'.repeat(200) } },
      }),
    );
  await timed(50, (index) => putItem(dynamoEdge, `warm-${index}`));
  console.log(
    line(
      'DynamoDB PutItem, DynamoDB Local directly',
      await timed(300, (index) => putItem(dynamoDirect, `d-${index}`)),
    ),
  );
  console.log(
    line(
      'DynamoDB PutItem, through the edge',
      await timed(300, (index) => putItem(dynamoEdge, `e-${index}`)),
    ),
  );
  console.log(
    line(
      'DynamoDB GetItem, through the edge',
      await timed(300, (index) =>
        dynamoEdge.send(
          new GetItemCommand({ TableName: 'Table', Key: { id: { S: `e-${index}` } } }),
        ),
      ),
    ),
  );

  for (const client of [viaEdge, direct, dynamoDirect, dynamoEdge]) client.destroy();
  await edge.stop();
  await s3.stop();
  await dynamodb.stop();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
