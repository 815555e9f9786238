// Issue 20's `--persist`, introspection and poking criteria on the workspace's own stacks, with
// two starts in all: a cloud persisting into a RELATIVE folder (as `npm start -- --persist
// .local-cloud` passes it) is written to, stopped and started again on the same folder; the
// second one is read back, introspected over HTTP and poked with the CLI's subcommands.
import {
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { ReservationRequested } from '@booktrip/events';
import { carReservationRequest } from '@booktrip/test-kit';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative } from 'node:path';
import type { LocalCloudOutputs } from '../../src/cloud/outputs';
import { startLocalCloud, type LocalCloud } from '../../src/cloud/start-local-cloud';
import { freePort } from '../../src/net/free-port';
import { captureCli as cli } from '../cli/capture-cli';
import { descendants } from '../cli/processes';
import { eventually } from '../scenarios/support/signed-fetch';

jest.setTimeout(180_000);

/** The processes this test process started that are still running DynamoDB Local's JVM. */
const javaChildren = () => descendants(process.pid).filter((p) => /DynamoDBLocal/.test(p.command));

const clientConfig = (cloud: LocalCloud) => ({
  endpoint: cloud.endpoint,
  region: cloud.outputs.region,
  credentials: cloud.outputs.adminCredentials,
});

function resourceOfType(outputs: LocalCloudOutputs, stackName: string, type: string) {
  const resources = Object.values(outputs.stacks[stackName]?.resources ?? {});
  const found = resources.find((resource) => resource.type === type);
  if (!found) throw new Error(`No ${type} in ${stackName}`);
  return found;
}

/** A table's key as an item: every key attribute a fresh value of its declared type. */
async function keyOf(dynamodb: DynamoDBClient, tableName: string, marker: string) {
  const { Table } = await dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
  const key: Record<string, AttributeValue> = {};
  for (const { AttributeName } of Table?.KeySchema ?? []) {
    const type = Table?.AttributeDefinitions?.find((a) => a.AttributeName === AttributeName);
    key[String(AttributeName)] =
      type?.AttributeType === 'N' ? { N: String(Date.now()) } : { S: `persist-test#${marker}` };
  }
  return key;
}

describe('the local cloud with --persist <relative dir>', () => {
  let absoluteDir: string;
  let relativeDir: string;
  let cloud: LocalCloud | undefined;
  const marker = randomUUID();
  let tableName: string;
  let key: Record<string, AttributeValue>;
  let bucket: string;

  beforeAll(() => {
    absoluteDir = mkdtempSync(join(tmpdir(), 'local-cloud-persist-'));
    relativeDir = relative(process.cwd(), absoluteDir);
  });
  afterAll(async () => {
    await cloud?.stop();
    rmSync(absoluteDir, { recursive: true, force: true });
  });

  it('keeps a DynamoDB item and an S3 object across a restart on the same relative folder', async () => {
    expect(isAbsolute(relativeDir)).toBe(false);
    cloud = await startLocalCloud({ port: 0, webPort: 0, persistDir: relativeDir });
    const first = cloud;
    tableName = resourceOfType(
      first.outputs,
      'booktrip-local-booking',
      'AWS::DynamoDB::Table',
    ).physicalId;
    bucket = String(first.outputs.parameters['/booktrip/local/image-flip/output-bucket-name']);
    const dynamodb = new DynamoDBClient(clientConfig(first));
    key = await keyOf(dynamodb, tableName, marker);
    await dynamodb.send(
      new PutItemCommand({ TableName: tableName, Item: { ...key, note: { S: marker } } }),
    );
    await new S3Client({ ...clientConfig(first), forcePathStyle: true }).send(
      new PutObjectCommand({ Bucket: bucket, Key: `persist/${marker}.txt`, Body: marker }),
    );
    await first.stop();
    cloud = undefined;
    // The files landed where the relative path points from here, not inside DynamoDB Local's jar folder.
    expect(readdirSync(absoluteDir).sort()).toEqual(expect.arrayContaining(['dynamodb', 's3']));
    expect(readdirSync(join(absoluteDir, 'dynamodb')).length).toBeGreaterThan(0);

    cloud = await startLocalCloud({ port: 0, webPort: 0, persistDir: relativeDir });
    const second = cloud;
    const item = await new DynamoDBClient(clientConfig(second)).send(
      new GetItemCommand({ TableName: tableName, Key: key }),
    );
    expect(item.Item?.note).toEqual({ S: marker });
    const object = await new S3Client({ ...clientConfig(second), forcePathStyle: true }).send(
      new GetObjectCommand({ Bucket: bucket, Key: `persist/${marker}.txt` }),
    );
    expect(await object.Body?.transformToString()).toBe(marker);
  });

  it('answers GET /_booktrip/health and /_booktrip/outputs over HTTP in the documented shape', async () => {
    const running = required(cloud);
    const health = await fetch(`${running.endpoint}/_booktrip/health`);
    expect(health.status).toBe(200);
    expect(health.headers.get('content-type')).toMatch(/application\/json/);
    expect(await health.json()).toEqual(
      expect.objectContaining({
        status: 'ready',
        endpoint: running.endpoint,
        services: expect.arrayContaining(['lambda', 'events', 'sqs', 'states', 'dynamodb', 's3']),
      }),
    );

    const response = await fetch(`${running.endpoint}/_booktrip/outputs`);
    expect(response.status).toBe(200);
    const outputs = (await response.json()) as LocalCloudOutputs;
    expect(Object.keys(outputs).sort()).toEqual(
      [
        'accountId',
        'adminCredentials',
        'endpoint',
        'ignored',
        'parameters',
        'region',
        'stacks',
        'webUrl',
      ].sort(),
    );
    expect(outputs).toMatchObject({
      region: 'us-east-1',
      accountId: '000000000000',
      endpoint: running.endpoint,
      webUrl: running.webUrl,
      adminCredentials: {
        accessKeyId: expect.any(String),
        secretAccessKey: expect.any(String),
      },
    });
    const stackNames = Object.keys(outputs.stacks);
    expect(stackNames).toEqual(expect.arrayContaining(['booktrip-local-booking']));
    for (const stack of Object.values(outputs.stacks)) {
      expect(typeof stack.outputs).toBe('object');
      for (const resource of Object.values(stack.resources)) {
        expect(resource).toEqual({
          type: expect.stringMatching(/^(AWS|Custom)::/),
          physicalId: expect.any(String),
          ...(resource.arn === undefined ? {} : { arn: expect.stringMatching(/^arn:aws:/) }),
        });
      }
    }
    const table = outputs.stacks['booktrip-local-booking']?.resources;
    expect(Object.values(table ?? {})).toContainEqual({
      type: 'AWS::DynamoDB::Table',
      physicalId: tableName,
      arn: `arn:aws:dynamodb:us-east-1:000000000000:table/${tableName}`,
    });
    // SSM parameters by name, with the deployed URLs moved to this edge.
    expect(outputs.parameters['/booktrip/local/conversation-history/api-url']).toMatch(
      new RegExp(`^${running.endpoint}/restapis/`),
    );
    expect(outputs.ignored).toContainEqual({
      stackName: 'booktrip-local-booking',
      logicalId: expect.any(String),
      type: 'AWS::Logs::LogGroup',
      reason: expect.any(String),
    });
    // The admin pair it names works with an SDK client.
    await expect(
      new S3Client({
        endpoint: outputs.endpoint,
        region: outputs.region,
        credentials: outputs.adminCredentials,
        forcePathStyle: true,
      }).send(new GetObjectCommand({ Bucket: bucket, Key: `persist/${marker}.txt` })),
    ).resolves.toBeDefined();
  });

  describe('local-cloud invoke / events put / executions against it', () => {
    let eventsDir: string;
    let port: string;
    beforeAll(() => {
      eventsDir = mkdtempSync(join(tmpdir(), 'local-cloud-poke-'));
      port = new URL(required(cloud).endpoint).port;
    });
    afterAll(() => rmSync(eventsDir, { recursive: true, force: true }));
    const file = (name: string, content: string) => {
      const path = join(eventsDir, name);
      writeFileSync(path, content);
      return path;
    };

    it('invoke <function> <event.json> prints the function result and exits 0', async () => {
      // The booking workflow's first step answers an invalid request with a result, not a throw.
      const result = await cli([
        'invoke',
        'ValidateRequest',
        file('no-request.json', JSON.stringify({ id: 'poked-by-hand' })),
        '--port',
        port,
      ]);
      expect(result).toMatchObject({ code: 0, err: '' });
      expect(JSON.parse(result.out)).toMatchObject({
        valid: false,
        failure: { reason: 'INVALID_REQUEST' },
      });
    });

    it('invoke of a function that throws prints its Lambda error and exits 1', async () => {
      // Without an event id the step cannot even answer "invalid": its input schema throws.
      const result = await cli([
        'invoke',
        'ValidateRequest',
        file('empty.json', '{}'),
        '--port',
        port,
      ]);
      expect(result.code).toBe(1);
      expect(JSON.parse(result.out)).toMatchObject({
        errorType: expect.any(String),
        errorMessage: expect.any(String),
      });
    });

    it('invoke names the functions there are when none matches', async () => {
      const result = await cli(['invoke', 'NoSuchFunction', file('e.json', '{}'), '--port', port]);
      expect(result.code).toBe(1);
      expect(result.err).toContain('No AWS::Lambda::Function named like "NoSuchFunction"');
      expect(result.err).toContain('ValidateRequestFunction423FAE5A');
    });

    it('invoke and events put name a file that is not JSON', async () => {
      const broken = file('broken.json', '{ "detail": ');
      const invoked = await cli(['invoke', 'ValidateRequest', broken, '--port', port]);
      expect(invoked.code).toBe(1);
      expect(invoked.err).toContain(`${broken} is not JSON`);
      const put = await cli(['events', 'put', broken, '--port', port]);
      expect(put.code).toBe(1);
      expect(put.err).toContain(`${broken} is not JSON`);
      const missing = await cli(['events', 'put', join(eventsDir, 'absent.json'), '--port', port]);
      expect(missing.code).toBe(1);
      expect(missing.err).toContain(`Cannot read ${join(eventsDir, 'absent.json')}`);
    });

    it('events put <file> publishes to the bus, and executions <state machine> lists the run it started', async () => {
      const reservationId = randomUUID();
      const request = ReservationRequested.build(carReservationRequest(reservationId), {
        correlationId: randomUUID(),
        conversationId: randomUUID(),
      });
      const entry = {
        EventBusName: required(cloud).outputs.parameters['/booktrip/local/platform/event-bus-name'],
        Source: request.source,
        DetailType: request.detailType,
        Detail: JSON.stringify(request.detail),
      };
      const put = await cli([
        'events',
        'put',
        file('request.json', JSON.stringify({ Entries: [entry] })),
        '--port',
        port,
      ]);
      expect(put).toMatchObject({ code: 0, err: '' });
      expect(JSON.parse(put.out)).toMatchObject({
        FailedEntryCount: 0,
        Entries: [{ EventId: expect.any(String) }],
      });

      const listed = await eventually(
        async () => {
          const result = await cli(['executions', 'booking', '--port', port]);
          expect(result).toMatchObject({ code: 0, err: '' });
          const rows = JSON.parse(result.out) as {
            name: string;
            status: string;
            started: string;
          }[];
          return rows.length > 0 && rows.every((row) => row.status !== 'RUNNING')
            ? rows
            : undefined;
        },
        30_000,
        'the booking execution to finish',
      );
      expect(listed).toEqual([
        expect.objectContaining({ status: 'SUCCEEDED', started: expect.stringMatching(/^\d{4}-/) }),
      ]);

      const ambiguous = await cli(['executions', 'WorkflowStateMachine', '--port', port]);
      expect(ambiguous.code).toBe(1);
      expect(ambiguous.err).toContain('names several AWS::StepFunctions::StateMachines');
    });

    it('a subcommand with no cloud on the port says how to start one', async () => {
      const result = await cli(['executions', 'booking', '--port', String(await freePort())]);
      expect(result.code).toBe(1);
      expect(result.err).toContain('No local cloud answers at http://127.0.0.1:');
      expect(result.err).toContain('start it with npm start');
    });
  });

  it('stops: neither port answers and no DynamoDB Local JVM is left', async () => {
    const running = required(cloud);
    expect(javaChildren()).toHaveLength(1);
    await running.stop();
    cloud = undefined;
    await expect(fetch(`${running.endpoint}/_booktrip/health`)).rejects.toThrow();
    await expect(fetch(running.webUrl)).rejects.toThrow();
    await eventually(
      () => Promise.resolve(javaChildren().length === 0 ? true : undefined),
      5_000,
      'DynamoDB Local to exit',
    );
  });
});

function required(cloud: LocalCloud | undefined): LocalCloud {
  if (!cloud) throw new Error('The local cloud did not start (see the first test)');
  return cloud;
}
