// Scenarios 3 and 4 of issue 20: a reservation through the booking workflow into the history,
// replayed; and a batch the history consumer half rejects, its bad event read from the DLQ.
// Endpoint, credentials, SSM only (and the queues' own tags, as a deployed test finds them).
import { DynamoDBClient, ListTablesCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { ReservationConfirmed, ReservationRequested } from '@booktrip/events';
import { carReservationRequest } from '@booktrip/test-kit';
import {
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListQueuesCommand,
  ListQueueTagsCommand,
  ReceiveMessageCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { randomUUID } from 'node:crypto';
import { cloudUnderTest, type CloudUnderTest, type Guest } from './support/cloud-under-test';
import { eventually, signedFetch } from './support/signed-fetch';

jest.setTimeout(120_000);

/** Short enough that maxReceiveCount (5) receives take seconds, not the template's 15 minutes. */
const LOWERED_VISIBILITY_SECONDS = 2;

describe('BookTrip on its event bus', () => {
  let cloud: CloudUnderTest;
  let guest: Guest;
  let apiUrl: string;
  let busName: string;
  let events: EventBridgeClient;

  beforeAll(async () => {
    cloud = await cloudUnderTest();
    guest = await cloud.guest();
    apiUrl = await cloud.parameter('conversation-history/api-url');
    busName = await cloud.parameter('platform/event-bus-name');
    events = new EventBridgeClient(cloud.config());
  });
  let restoreVisibility: (() => Promise<unknown>) | undefined;
  afterAll(async () => {
    await restoreVisibility?.();
    await cloud?.stop();
  });

  const api = (path: string, method = 'GET', body?: unknown) =>
    signedFetch(new URL(path, apiUrl).toString(), {
      method,
      body,
      region: cloud.region,
      credentials: guest.credentials,
    });
  const newConversation = async () => {
    const created = await api('v1/conversations', 'POST', {});
    expect(created.status).toBe(201);
    return (created.json as { conversationId: string }).conversationId;
  };
  const timeline = async (conversationId: string, kind: string) => {
    const page = await api(`v1/conversations/${conversationId}/messages?kind=${kind}`);
    expect(page.status).toBe(200);
    return (page.json as { items: Record<string, unknown>[] }).items;
  };
  const put = async (...entries: { source: string; detailType: string; detail: unknown }[]) => {
    const answer = await events.send(
      new PutEventsCommand({
        Entries: entries.map((entry) => ({
          EventBusName: busName,
          Source: entry.source,
          DetailType: entry.detailType,
          Detail: JSON.stringify(entry.detail),
        })),
      }),
    );
    expect(answer.FailedEntryCount).toBe(0);
  };

  /** The booking workflow: the state machine whose role the booking stack publishes. */
  const bookingStateMachine = async (sfn: SFNClient) => {
    const roleArn = await cloud.parameter('booking/publisher-role-arn');
    const { stateMachines = [] } = await sfn.send(new ListStateMachinesCommand({}));
    for (const machine of stateMachines) {
      const described = await sfn.send(
        new DescribeStateMachineCommand({ stateMachineArn: machine.stateMachineArn }),
      );
      if (described.roleArn === roleArn) return String(machine.stateMachineArn);
    }
    throw new Error(`No state machine runs as ${roleArn}`);
  };

  /** The reservations table's items for this reservation (its key is `RES#<id>`). */
  const reservationRows = async (reservationId: string) => {
    const dynamodb = new DynamoDBClient(cloud.config());
    const { TableNames = [] } = await dynamodb.send(new ListTablesCommand({}));
    const table = TableNames.find(
      (name) =>
        name.includes('ReservationsTable') &&
        (cloud.stage === 'local' || name.includes(cloud.stage)),
    );
    const { Items = [] } = await dynamodb.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': { S: `RES#${reservationId}` } },
      }),
    );
    return Items;
  };

  it('books a requested reservation once, even when the request is replayed', async () => {
    const conversationId = await newConversation();
    const reservationId = randomUUID();
    const request = ReservationRequested.build(carReservationRequest(reservationId), {
      correlationId: randomUUID(),
      conversationId,
    });

    await put(request);
    const confirmed = await eventually(
      async () => {
        const entries = await timeline(conversationId, 'reservation');
        return entries.length > 0 ? entries : undefined;
      },
      30_000,
      'Reservation Confirmed in the timeline',
    );
    expect(JSON.stringify(confirmed)).toContain('"confirmed"');
    expect(await reservationRows(reservationId)).toHaveLength(1);

    await put(request);
    const sfn = new SFNClient({ ...cloud.config(), disableHostPrefix: true });
    const stateMachineArn = await bookingStateMachine(sfn);
    const executions = await eventually(
      async () => {
        const { executions: all = [] } = await sfn.send(
          new ListExecutionsCommand({ stateMachineArn }),
        );
        const described = await Promise.all(
          all.map((execution) =>
            sfn.send(new DescribeExecutionCommand({ executionArn: execution.executionArn })),
          ),
        );
        const ours = described.filter((execution) => execution.input?.includes(reservationId));
        return ours.length === 2 && ours.every((execution) => execution.status !== 'RUNNING')
          ? ours
          : undefined;
      },
      30_000,
      'both executions to finish',
    );
    expect(executions.map((execution) => execution.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    // Each run's path, from its history (BookingStates in infra/booking): one booked and
    // published the confirmation; the replay's conditional write failed and it ended in
    // AlreadyBooked without publishing anything — so no second confirmation is on its way.
    const paths = await Promise.all(
      executions.map(async ({ executionArn }) => {
        const { events = [] } = await sfn.send(
          new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }),
        );
        return events.flatMap((event) => event.stateEnteredEventDetails?.name ?? []);
      }),
    );
    const published = paths.filter((path) => path.includes('PublishReservationConfirmed'));
    const replayed = paths.filter((path) => path.includes('AlreadyBooked'));
    expect({ published: published.length, replayed: replayed.length }).toEqual({
      published: 1,
      replayed: 1,
    });
    expect(replayed[0]).not.toContain('PublishReservationConfirmed');
    expect(await reservationRows(reservationId)).toHaveLength(1);
    expect(await timeline(conversationId, 'reservation')).toHaveLength(1);
  });

  /**
   * The history stack's event queue and its DLQ. Nothing publishes their URLs (an SSM parameter
   * `conversation-history/events-queue-url` would be the direct way), so they are found as a
   * deployed test could: the queue tagged with the service and stage that has a redrive policy.
   */
  const historyQueues = async (sqs: SQSClient) => {
    const { QueueUrls = [] } = await sqs.send(new ListQueuesCommand({}));
    for (const QueueUrl of QueueUrls) {
      const { Tags = {} } = await sqs.send(new ListQueueTagsCommand({ QueueUrl }));
      if (
        Tags['booktrip:service'] !== 'conversation-history' ||
        Tags['booktrip:stage'] !== cloud.stage
      ) {
        continue;
      }
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl,
          AttributeNames: ['RedrivePolicy', 'VisibilityTimeout'],
        }),
      );
      if (!Attributes.RedrivePolicy) continue;
      const { deadLetterTargetArn, maxReceiveCount } = JSON.parse(Attributes.RedrivePolicy) as {
        deadLetterTargetArn: string;
        maxReceiveCount: number;
      };
      const { QueueUrl: deadLetterUrl } = await sqs.send(
        new GetQueueUrlCommand({ QueueName: deadLetterTargetArn.split(':').pop() }),
      );
      return {
        queueUrl: QueueUrl,
        visibilityTimeout: String(Attributes.VisibilityTimeout),
        deadLetterUrl: String(deadLetterUrl),
        maxReceiveCount,
      };
    }
    throw new Error(`No conversation-history queue with a redrive policy in stage ${cloud.stage}`);
  };

  it('stores the good events of a batch the history consumer rejects one of, and dead-letters that one', async () => {
    const sqs = new SQSClient(cloud.config());
    const queues = await historyQueues(sqs);
    expect(queues.maxReceiveCount).toBe(5);
    await sqs.send(
      new SetQueueAttributesCommand({
        QueueUrl: queues.queueUrl,
        Attributes: { VisibilityTimeout: String(LOWERED_VISIBILITY_SECONDS) },
      }),
    );
    restoreVisibility = () =>
      sqs.send(
        new SetQueueAttributesCommand({
          QueueUrl: queues.queueUrl,
          Attributes: { VisibilityTimeout: queues.visibilityTimeout },
        }),
      );

    const conversationId = await newConversation();
    const goods = [randomUUID(), randomUUID()].map((reservationId) =>
      ReservationConfirmed.build(carReservationRequest(reservationId), {
        correlationId: randomUUID(),
        conversationId,
      }),
    );
    // Right source and detail type, so the rule routes it, but its data breaks the contract.
    const first = goods[0] as (typeof goods)[number];
    const badCorrelationId = randomUUID();
    const bad = {
      source: first.source,
      detailType: first.detailType,
      detail: {
        ...first.detail,
        metadata: { ...first.detail.metadata, correlationId: badCorrelationId },
        data: { reservationId: 'not-a-uuid' },
      },
    };
    // One PutEvents: the three reach the queue together and the consumer sees them in one batch.
    await put(goods[0] as (typeof goods)[number], bad, goods[1] as (typeof goods)[number]);

    const stored = await eventually(
      async () => {
        const entries = await timeline(conversationId, 'reservation');
        return entries.length >= goods.length ? entries : undefined;
      },
      30_000,
      'the good events in the timeline',
    );
    expect(stored).toHaveLength(goods.length);
    for (const good of goods) {
      expect(JSON.stringify(stored)).toContain(good.detail.data.reservationId);
    }

    const dead = await eventually(
      async () => {
        const { Messages = [] } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: queues.deadLetterUrl,
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 5,
          }),
        );
        return Messages.find((message) => message.Body?.includes(badCorrelationId));
      },
      // maxReceiveCount receives, one visibility timeout apart, plus the batching windows.
      60_000,
      'the rejected event in the dead-letter queue',
    );
    const deadEvent = JSON.parse(String(dead.Body)) as { detail: { data: unknown } };
    expect(deadEvent.detail.data).toEqual({ reservationId: 'not-a-uuid' });
    // Read, so gone: a deployed stage's DLQ alarm should not keep firing for a test.
    await sqs.send(
      new DeleteMessageCommand({
        QueueUrl: queues.deadLetterUrl,
        ReceiptHandle: dead.ReceiptHandle,
      }),
    );
    // The rejected event never made it into the timeline; the good ones are there once each.
    expect(await timeline(conversationId, 'reservation')).toHaveLength(goods.length);
  });
});
