import { metrics } from '@booktrip/lambda-kit';
import { lambdaContext, rawEventBridgeEvent, sqsEvent, sqsRecord } from '@booktrip/test-kit';
import { randomUUID } from 'node:crypto';
import { createHistoryRepository } from '../src/history-repository';
import { historyDefinition } from '../src/definition';
import { recordEvents } from '../src/handlers/record-events';
import { UPLOADER, events } from './support/events';
import { useHistoryTable } from './support/history-table';

const {
  deletedConversation: DELETED_CONVERSATION_METRIC,
  foreignImage: FOREIGN_IMAGE_METRIC,
  invalidEvent: INVALID_EVENT_METRIC,
  unroutableEvent: UNROUTABLE_EVENT_METRIC,
} = historyDefinition.metrics;

const table = useHistoryTable();

afterEach(() => jest.restoreAllMocks());

const deps = () => ({ repository: table.repository });

describe('recording events from the queue', () => {
  it('turns each consumed event into one entry of its conversation', async () => {
    const id = randomUUID();
    const batch = sqsEvent([
      events.turn(id),
      events.confirmed(id),
      events.failed(id),
      events.flipped(id),
      events.rejected(id),
    ]);

    const response = await recordEvents(batch, lambdaContext(), deps());

    expect(response.batchItemFailures).toEqual([]);
    const conversation = await table.repository.getConversation(id);
    expect(conversation?.counts).toEqual({ turn: 1, reservation: 2, image: 2, total: 5 });
    const page = await table.repository.listEntries(id, { limit: 10, order: 'asc' });
    expect(page.items.map((e) => e.kind).sort()).toEqual([
      'image',
      'image',
      'reservation',
      'reservation',
      'turn',
    ]);
  });

  it('writes nothing new when SQS or EventBridge delivers the same event again', async () => {
    const id = randomUUID();
    const turn = events.turn(id);
    await recordEvents(sqsEvent([turn]), lambdaContext(), deps());

    const response = await recordEvents(sqsEvent([turn, turn]), lambdaContext(), deps());

    expect(response.batchItemFailures).toEqual([]);
    expect((await table.repository.getConversation(id))?.counts.total).toBe(1);
    const page = await table.repository.listEntries(id, { limit: 10, order: 'asc' });
    expect(page.items).toHaveLength(1);
  });

  it('reports an event that fails its contract as failed (→ DLQ), logs and counts it, and records the rest', async () => {
    const id = randomUUID();
    const broken = events.confirmed(id);
    (broken.detail.data as { reservationId: string }).reservationId = 'not-a-uuid';
    const brokenRecord = sqsRecord(broken);
    const addMetric = jest.spyOn(metrics, 'addMetric');

    const response = await recordEvents(
      sqsEvent([events.turn(id), brokenRecord, events.flipped(id)]),
      lambdaContext(),
      deps(),
    );

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: brokenRecord.messageId }]);
    expect(addMetric).toHaveBeenCalledWith(INVALID_EVENT_METRIC, 'Count', 1);
    expect((await table.repository.getConversation(id))?.counts).toMatchObject({
      total: 2,
      reservation: 0,
    });
  });

  it.each([
    ['a body that is not JSON', 'oops{'],
    [
      'an event of a type nobody consumes here',
      rawEventBridgeEvent('booktrip.other', 'Thing Happened', {}),
    ],
  ])('reports %s as failed instead of dropping it', async (_, body) => {
    const record = sqsRecord(body);

    const response = await recordEvents(sqsEvent([record]), lambdaContext(), deps());

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: record.messageId }]);
  });

  it('reports every message as failed when the table cannot be written, so SQS retries them', async () => {
    const broken = createHistoryRepository({
      client: table.documentClient,
      tableName: 'missing-table',
    });
    const batch = sqsEvent([events.turn(randomUUID()), events.failed(randomUUID())]);

    const response = await recordEvents(batch, lambdaContext(), { repository: broken });

    // Records are processed in parallel: failures come in completion order.
    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(
      batch.Records.map((r) => r.messageId).sort(),
    );
  });

  it.each([
    ['an upload rejected for its malformed key', () => events.rejected(randomUUID())],
    ['a reservation failed for a malformed request', () => events.failed(randomUUID())],
  ])(
    'acknowledges %s that names no conversation, logs and counts it instead of retrying it',
    async (_, make) => {
      const raw = make();
      delete (raw.detail.metadata as { conversationId?: string }).conversationId;
      const record = sqsRecord(raw);
      const addMetric = jest.spyOn(metrics, 'addMetric');

      const response = await recordEvents(sqsEvent([record]), lambdaContext(), deps());

      expect(response.batchItemFailures).toEqual([]);
      expect(addMetric).toHaveBeenCalledWith(UNROUTABLE_EVENT_METRIC, 'Count', 1);
      expect(addMetric).not.toHaveBeenCalledWith(INVALID_EVENT_METRIC, 'Count', 1);
    },
  );

  it("acknowledges an image uploaded into someone else's conversation, counts it and stores nothing", async () => {
    const id = randomUUID();
    await table.repository.createConversation({ conversationId: id, ownerId: UPLOADER });
    const intruder = 'us-east-1:99999999-eeee-4eee-8eee-999999999999';
    const addMetric = jest.spyOn(metrics, 'addMetric');

    const response = await recordEvents(
      sqsEvent([events.flipped(id, {}, intruder), events.rejected(id, {}, intruder)]),
      lambdaContext(),
      deps(),
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(addMetric).toHaveBeenCalledWith(FOREIGN_IMAGE_METRIC, 'Count', 1);
    expect(addMetric.mock.calls.filter(([name]) => name === FOREIGN_IMAGE_METRIC)).toHaveLength(2);
    expect((await table.repository.getConversation(id))?.counts.total).toBe(0);
    const page = await table.repository.listEntries(id, { limit: 10, order: 'asc' });
    expect(page.items).toEqual([]);
  });

  it("records an image the conversation's owner uploaded", async () => {
    const id = randomUUID();
    await table.repository.createConversation({ conversationId: id, ownerId: UPLOADER });

    await recordEvents(sqsEvent([events.flipped(id)]), lambdaContext(), deps());

    expect((await table.repository.getConversation(id))?.counts.image).toBe(1);
  });

  it('records one entry when image-flip publishes Image Flipped twice for one upload version', async () => {
    const id = randomUUID();
    await table.repository.createConversation({ conversationId: id, ownerId: UPLOADER });
    const first = events.flipped(id, { id: randomUUID() });
    const second = events.flipped(id, { id: randomUUID() });

    const response = await recordEvents(sqsEvent([first, second]), lambdaContext(), deps());

    expect(response.batchItemFailures).toEqual([]);
    expect((await table.repository.getConversation(id))?.counts).toMatchObject({
      image: 1,
      total: 1,
    });
    const page = await table.repository.listEntries(id, { limit: 10, order: 'asc' });
    expect(page.items).toHaveLength(1);
  });

  it('acknowledges and counts an event for a deleted conversation, which stays deleted', async () => {
    const id = randomUUID();
    await table.repository.createConversation({ conversationId: id, ownerId: UPLOADER });
    await table.repository.deleteConversation(id);
    const addMetric = jest.spyOn(metrics, 'addMetric');

    const response = await recordEvents(
      sqsEvent([events.turn(id), events.confirmed(id)]),
      lambdaContext(),
      deps(),
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(addMetric).toHaveBeenCalledWith(DELETED_CONVERSATION_METRIC, 'Count', 1);
    const page = await table.repository.listEntries(id, { limit: 10, order: 'asc' });
    expect(page.items).toEqual([]);
    expect((await table.repository.getConversation(id))?.deletedAt).toBeDefined();
  });
});
