// Scenarios 3 and 4 of issue 20: a reservation through the booking workflow into the history,
// replayed; and a batch the history consumer half rejects. Endpoint, credentials, SSM only.
import { DynamoDBClient, ListTablesCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { ReservationConfirmed, ReservationRequested, type DataOf } from '@booktrip/events';
import { randomUUID } from 'node:crypto';
import { cloudUnderTest, type CloudUnderTest, type Guest } from './support/cloud-under-test';
import { eventually, signedFetch } from './support/signed-fetch';

jest.setTimeout(120_000);

const reservation = (reservationId: string): DataOf<typeof ReservationRequested> => ({
  reservationId,
  reservation: {
    kind: 'car',
    pickUpCity: 'Seattle',
    pickUpDate: '2026-12-01',
    returnDate: '2026-12-04',
    driverAge: 34,
    carType: 'midsize',
  },
  price: { amountCents: 17_400, currency: 'USD' },
});

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
  afterAll(() => cloud?.stop());

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
    const request = ReservationRequested.build(reservation(reservationId), {
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
    // The replay ends without booking again (its conditional write fails and is caught).
    expect(executions.map((execution) => execution.status)).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(await reservationRows(reservationId)).toHaveLength(1);
    // Give the second run's events time to arrive, then: still one confirmation.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(await timeline(conversationId, 'reservation')).toHaveLength(1);
  });

  it('stores the good events of a batch the history consumer partly rejects', async () => {
    const conversationId = await newConversation();
    const good = ReservationConfirmed.build(reservation(randomUUID()), {
      correlationId: randomUUID(),
      conversationId,
    });
    // Right source and detail type, so the rule routes it, but its data breaks the contract.
    const bad = {
      source: good.source,
      detailType: good.detailType,
      detail: { ...good.detail, data: { reservationId: 'not-a-uuid' } },
    };
    await put(bad, good);
    const stored = await eventually(
      async () => {
        const entries = await timeline(conversationId, 'reservation');
        return entries.length > 0 ? entries : undefined;
      },
      30_000,
      'the good event in the timeline',
    );
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).toContain(good.detail.data.reservationId);
  });
});
