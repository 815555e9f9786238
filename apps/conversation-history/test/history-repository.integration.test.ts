import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { randomUUID } from 'node:crypto';
import { keys } from '../src/history-table';
import { entry, timeline } from './support/entries';
import { seedEntries, useHistoryTable } from './support/history-table';

const table = useHistoryTable();

const OWNER = 'us-east-1:owner-1';

async function newConversation(ownerId = OWNER) {
  const conversationId = randomUUID();
  await table.repository.createConversation({ conversationId, ownerId });
  return conversationId;
}

async function allEntries(conversationId: string, kind?: 'turn' | 'reservation' | 'image') {
  const seen = [];
  let startKey;
  let pages = 0;
  do {
    const page = await table.repository.listEntries(conversationId, {
      limit: 50,
      order: 'asc',
      ...(kind ? { kind } : {}),
      ...(startKey ? { startKey } : {}),
    });
    seen.push(...page.items);
    startKey = page.nextKey;
    pages++;
  } while (startKey);
  return { seen, pages };
}

describe('history repository on DynamoDB Local', () => {
  it('pages through 1 000 entries in time order, each exactly once', async () => {
    const conversationId = await newConversation();
    const entries = timeline(conversationId, 1000);
    await seedEntries(table, [...entries].reverse());

    const { seen, pages } = await allEntries(conversationId);

    expect(pages).toBe(21); // 20 full pages, then DynamoDB's empty confirmation page
    expect(seen.map((e) => e.eventId)).toEqual(entries.map((e) => e.eventId));
    expect(seen[999]).toEqual(entries[999]);
  }, 30_000);

  it('reads only one kind of entry, in time order, through LSI1', async () => {
    const conversationId = await newConversation();
    const entries = timeline(conversationId, 1000);
    await seedEntries(table, entries);

    const { seen } = await allEntries(conversationId, 'image');

    const images = entries.filter((e) => e.kind === 'image');
    expect(images).toHaveLength(250);
    expect(seen.map((e) => e.eventId)).toEqual(images.map((e) => e.eventId));
  }, 30_000);

  it('lists newest first when asked for descending order', async () => {
    const conversationId = await newConversation();
    const entries = timeline(conversationId, 5);
    await seedEntries(table, entries);

    const page = await table.repository.listEntries(conversationId, { limit: 3, order: 'desc' });

    expect(page.items.map((e) => e.at)).toEqual([entries[4]!.at, entries[3]!.at, entries[2]!.at]);
  });

  it('writes a redelivered event once and counts it once', async () => {
    const conversationId = await newConversation();
    const first = entry(conversationId, 'turn', 1);

    const outcomes = [
      await table.repository.recordEntry(first),
      await table.repository.recordEntry({ ...first }),
    ];

    expect(outcomes).toEqual(['recorded', 'duplicate']);
    const conversation = await table.repository.getConversation(conversationId);
    expect(conversation?.counts).toEqual({ turn: 1, reservation: 0, image: 0, total: 1 });
    expect((await allEntries(conversationId)).seen).toEqual([first]);
  });

  it('keeps META counts exact with concurrent writers and redeliveries on one conversation', async () => {
    const conversationId = await newConversation();
    const entries = timeline(conversationId, 40);
    const deliveries = [...entries, ...entries.slice(0, 10)]; // 10 redelivered

    const outcomes = await Promise.all(deliveries.map((e) => table.repository.recordEntry(e)));

    expect(outcomes.filter((o) => o === 'recorded')).toHaveLength(40);
    const conversation = await table.repository.getConversation(conversationId);
    expect(conversation?.counts).toEqual({ turn: 20, reservation: 10, image: 10, total: 40 });
    expect(conversation?.lastActivityAt).toBe(entries[39]!.at);
  }, 30_000);

  it('never moves last activity back for an event that arrives late', async () => {
    const conversationId = await newConversation();
    const late = entry(conversationId, 'turn', 1);
    const recent = entry(conversationId, 'turn', 60);

    await table.repository.recordEntry(recent);
    await table.repository.recordEntry(late);

    expect((await table.repository.getConversation(conversationId))?.lastActivityAt).toBe(
      recent.at,
    );
  });

  it('writes nothing when the transaction is cancelled half-way', async () => {
    const conversationId = randomUUID();
    // A META whose counter is not a number makes the counting half of the transaction fail.
    await table.documentClient.send(
      new PutCommand({
        TableName: table.tableName,
        Item: { PK: keys.conversation(conversationId), SK: 'META', turnCount: 'corrupt' },
      }),
    );
    const turn = entry(conversationId, 'turn', 1);

    await expect(table.repository.recordEntry(turn)).rejects.toThrow();

    const { seen } = await allEntries(conversationId);
    expect(seen).toEqual([]);
  });

  it('keeps events of a conversation nobody created, owned by no one', async () => {
    const conversationId = randomUUID();

    await table.repository.recordEntry(entry(conversationId, 'image', 1));

    const conversation = await table.repository.getConversation(conversationId);
    expect(conversation?.ownerId).toBeUndefined();
    expect(conversation?.counts.image).toBe(1);
    const meta = await table.documentClient.send(
      new GetCommand({
        TableName: table.tableName,
        Key: { PK: keys.conversation(conversationId), SK: 'META' },
      }),
    );
    expect(meta.Item?.GSI1PK).toBeUndefined();
  });

  it("lists a person's conversations by last activity, newest first, page by page", async () => {
    const owner = `us-east-1:${randomUUID()}`;
    const ids = [
      await newConversation(owner),
      await newConversation(owner),
      await newConversation(owner),
    ];
    await table.repository.recordEntry(entry(ids[0]!, 'turn', 3000));
    await table.repository.recordEntry(entry(ids[2]!, 'turn', 2000));
    await newConversation(); // someone else's

    const first = await table.repository.listConversations(owner, { limit: 2 });
    const second = await table.repository.listConversations(owner, {
      limit: 2,
      ...(first.nextKey ? { startKey: first.nextKey } : {}),
    });

    expect([...first.items, ...second.items].map((c) => c.conversationId)).toEqual([
      ids[0],
      ids[2],
      ids[1], // only created: its last activity is its start, before any event
    ]);
  });

  it("stores no image uploaded by someone else into a person's conversation", async () => {
    const conversationId = await newConversation();
    const intruder = `us-east-1:${randomUUID()}`;

    const outcome = await table.repository.recordEntry(
      entry(conversationId, 'image', 1, randomUUID(), intruder),
    );

    expect(outcome).toBe('foreign');
    expect((await allEntries(conversationId)).seen).toEqual([]);
    const conversation = await table.repository.getConversation(conversationId);
    expect(conversation?.counts).toEqual({ turn: 0, reservation: 0, image: 0, total: 0 });
    const dedup = await table.documentClient.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :dedup)',
        ExpressionAttributeValues: { ':pk': keys.conversation(conversationId), ':dedup': 'DEDUP#' },
      }),
    );
    expect(dedup.Count).toBe(0);
  });

  it("stores the owner's own image, not one whose key names no uploader of this conversation", async () => {
    const conversationId = await newConversation();
    const own = entry(conversationId, 'image', 1);
    const unnamed = entry(conversationId, 'image', 2);
    if (unnamed.kind === 'image') delete unnamed.image.uploaderId;

    const outcomes = [
      await table.repository.recordEntry(own),
      await table.repository.recordEntry(unnamed),
    ];

    expect(outcomes).toEqual(['recorded', 'foreign']);
    expect((await allEntries(conversationId)).seen).toEqual([own]);
  });

  it('records one entry for two Image Flipped events of the same upload version', async () => {
    const conversationId = await newConversation();
    const first = entry(conversationId, 'image', 1);
    // A second image-flip run: a new event id and time, the same source object version.
    const again = {
      ...structuredClone(first),
      eventId: randomUUID(),
      at: '2026-11-24T10:00:05.000Z',
    };
    const otherVersion = structuredClone(first);
    otherVersion.eventId = randomUUID();
    otherVersion.at = '2026-11-24T10:00:09.000Z';
    if (otherVersion.kind === 'image') otherVersion.image.sourceVersionId = 'v2';

    const outcomes = [
      await table.repository.recordEntry(first),
      await table.repository.recordEntry(again),
      await table.repository.recordEntry(otherVersion),
    ];

    expect(outcomes).toEqual(['recorded', 'duplicate', 'recorded']);
    expect((await allEntries(conversationId)).seen.map((e) => e.eventId)).toEqual([
      first.eventId,
      otherVersion.eventId,
    ]);
    expect((await table.repository.getConversation(conversationId))?.counts.image).toBe(2);
  });

  it('drops an event that arrives after its conversation was deleted', async () => {
    const conversationId = await newConversation();
    await table.repository.recordEntry(entry(conversationId, 'turn', 1));
    await table.repository.deleteConversation(conversationId);

    const outcomes = [
      await table.repository.recordEntry(entry(conversationId, 'turn', 2)),
      await table.repository.recordEntry(entry(conversationId, 'image', 3)),
    ];

    expect(outcomes).toEqual(['deleted', 'deleted']);
    expect((await allEntries(conversationId)).seen).toEqual([]);
    const conversation = await table.repository.getConversation(conversationId);
    expect(conversation?.deletedAt).toBe('2026-11-24T09:00:00.000Z');
    expect(conversation?.counts.total).toBe(1); // the tombstone's counts, never shown
    expect(
      (await table.repository.listConversations(OWNER, { limit: 100 })).items,
    ).not.toContainEqual(expect.objectContaining({ conversationId }));
  });

  it('deletes a conversation and every one of its entries', async () => {
    const conversationId = await newConversation();
    await seedEntries(table, timeline(conversationId, 260));
    await table.repository.recordEntry(entry(conversationId, 'image', 999));
    const other = await newConversation();
    await table.repository.recordEntry(entry(other, 'turn', 1));

    const deleted = await table.repository.deleteConversation(conversationId);

    const left = await table.documentClient.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.conversation(conversationId) },
      }),
    );
    expect(deleted).toBe(262); // 261 entries and the image's DEDUP item
    // Only the tombstone is left, and DynamoDB's TTL removes it 30 days on.
    expect(left.Items).toEqual([
      expect.objectContaining({
        SK: 'META',
        deletedAt: '2026-11-24T09:00:00.000Z',
        expiresAt: Date.parse('2026-11-24T09:00:00.000Z') / 1000 + 30 * 24 * 3600,
      }),
    ]);
    expect(left.Items?.[0]).not.toHaveProperty('GSI1PK');
    expect((await table.repository.getConversation(other))?.counts.total).toBe(1);
  }, 30_000);
});
