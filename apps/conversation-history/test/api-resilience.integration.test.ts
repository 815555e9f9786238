import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { metrics } from '@booktrip/lambda-kit';
import { isPrintable } from '@booktrip/events';
import type { ApiRequest } from '../src/api/http';
import { UNREADABLE_ITEM_METRIC } from '../src/api/readable-items';
import { createConversation } from '../src/handlers/create-conversation';
import { listConversations } from '../src/handlers/list-conversations';
import { listMessages } from '../src/handlers/list-messages';
import { toEntryItem } from '../src/history-items';
import { keys } from '../src/history-table';
import { ALICE, call, cursors, signImageUrl, tokenKey } from './support/api';
import { entry } from './support/entries';
import { useHistoryTable } from './support/history-table';

const table = useHistoryTable();
const MESSAGES = '/v1/conversations/{id}/messages';

const create = (request: ApiRequest) =>
  createConversation(request, { repository: table.repository, tokenKey });
const list = (request: ApiRequest) =>
  listConversations(request, { repository: table.repository, cursors });
const messages = (request: ApiRequest) =>
  listMessages(request, { repository: table.repository, cursors, signImageUrl });

async function aliceStarts(): Promise<string> {
  const answer = await call(create, { method: 'POST', identityId: ALICE });
  return answer.body.conversationId as string;
}

afterEach(() => jest.restoreAllMocks());

describe('a stored entry the API cannot serve', () => {
  /** What an older consumer wrote for `9999-12-31T23:59:59.999-23:59`: a six-digit year. */
  const BROKEN_AT = '+010000-01-01T23:58:59.999Z';

  async function timelineWithOneBrokenEntry(id: string) {
    const good = [entry(id, 'turn', 1), entry(id, 'turn', 3), entry(id, 'reservation', 4)];
    for (const item of good) await table.repository.recordEntry(item);
    const broken = { ...entry(id, 'turn', 2), at: BROKEN_AT };
    await table.documentClient.send(
      new PutCommand({ TableName: table.tableName, Item: toEntryItem(broken) }),
    );
    return { good, broken };
  }

  it('is skipped, logged and counted; the rest of the page is served', async () => {
    const id = await aliceStarts();
    const { good, broken } = await timelineWithOneBrokenEntry(id);
    const addMetric = jest.spyOn(metrics, 'addMetric');

    const answer = await call(messages, {
      resource: MESSAGES,
      pathParameters: { id },
      identityId: ALICE,
    });

    expect(answer.status).toBe(200);
    const items = answer.body.items as { eventId: string }[];
    expect(items.map((item) => item.eventId)).toEqual(good.map((item) => item.eventId));
    expect(items.map((item) => item.eventId)).not.toContain(broken.eventId);
    expect(addMetric).toHaveBeenCalledWith(UNREADABLE_ITEM_METRIC, 'Count', 1);
    expect(addMetric.mock.calls.filter(([name]) => name === UNREADABLE_ITEM_METRIC)).toHaveLength(
      1,
    );
  });

  it('is skipped in a listing of one kind too, and in every order', async () => {
    const id = await aliceStarts();
    const { broken } = await timelineWithOneBrokenEntry(id);

    const queries: Record<string, string>[] = [
      { kind: 'turn' },
      { order: 'desc' },
      { kind: 'turn', order: 'desc' },
    ];
    for (const query of queries) {
      const answer = await call(messages, {
        resource: MESSAGES,
        pathParameters: { id },
        query,
        identityId: ALICE,
      });

      expect(answer.status).toBe(200);
      const items = answer.body.items as { eventId: string }[];
      expect(items.length).toBeGreaterThan(0);
      expect(items.map((item) => item.eventId)).not.toContain(broken.eventId);
    }
  });

  it('does not stop the pages after it: the cursor still continues the listing', async () => {
    const id = await aliceStarts();
    const { good } = await timelineWithOneBrokenEntry(id);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const answer = await call(messages, {
        resource: MESSAGES,
        pathParameters: { id },
        query: { limit: '1', ...(cursor ? { cursor } : {}) },
        identityId: ALICE,
      });
      expect(answer.status).toBe(200);
      seen.push(...(answer.body.items as { eventId: string }[]).map((item) => item.eventId));
      cursor = answer.body.nextCursor as string | undefined;
    } while (cursor);

    expect(seen).toEqual(good.map((item) => item.eventId));
  });

  it('does not fail the list of conversations when one summary is unreadable', async () => {
    const identityId = `us-east-1:${crypto.randomUUID()}`;
    const fine = (await call(create, { method: 'POST', identityId })).body.conversationId as string;
    const odd = (await call(create, { method: 'POST', identityId })).body.conversationId as string;
    await table.documentClient.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: { PK: keys.conversation(odd), SK: 'META' },
        UpdateExpression: 'SET lastActivityAt = :at',
        ExpressionAttributeValues: { ':at': BROKEN_AT },
      }),
    );
    const addMetric = jest.spyOn(metrics, 'addMetric');

    const answer = await call(list, { identityId });

    expect(answer.status).toBe(200);
    expect(
      (answer.body.items as { conversationId: string }[]).map((c) => c.conversationId),
    ).toEqual([fine]);
    expect(addMetric).toHaveBeenCalledWith(UNREADABLE_ITEM_METRIC, 'Count', 1);
  });
});

describe('error texts', () => {
  const ask = async (query: Record<string, string>) => {
    const id = await aliceStarts();
    return call(messages, { resource: MESSAGES, pathParameters: { id }, query, identityId: ALICE });
  };

  it('name an unknown query parameter once, quoting a short escaped excerpt of it', async () => {
    const name = `\u001b[2J${'p'.repeat(10_000)}`;

    const answer = await ask({ [name]: '1' });

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      message: `Unknown query parameter "\\x1B[2J${'p'.repeat(32)}…"`,
      code: 'BAD_REQUEST',
    });
  });

  it('name a bad query parameter once, then say what is wrong with it', async () => {
    const answer = await ask({ limit: 'ten' });

    expect(answer.body.message).toBe('Invalid query parameter "limit": must be a whole number');
  });

  it('name a bad path parameter without echoing its value', async () => {
    const id = `${'9'.repeat(5_000)}\u0007`;

    const answer = await call(messages, {
      resource: MESSAGES,
      pathParameters: { id },
      identityId: ALICE,
    });

    expect(answer.status).toBe(400);
    expect(answer.body.message).toBe('Invalid path parameter "id": Invalid UUID');
  });

  it.each([
    ['an unknown field', { ['\u009b31m'.repeat(3_000)]: 'x' }, /^Unknown body field "\\x9B31m/],
    [
      'two unknown fields',
      { owner: 'x', admin: true },
      /^Unknown body field "owner" \(and 1 more\)$/,
    ],
    ['a body that is not an object', ['title'], /^Invalid body: /],
    ['a title of the wrong type', { title: 42 }, /^Invalid body field "title": /],
  ])('in a POST body with %s say it once, briefly and printably', async (_case, body, expected) => {
    const answer = await call(create, { method: 'POST', identityId: ALICE, body });

    expect(answer.status).toBe(400);
    const message = answer.body.message ?? '';
    expect(message).toMatch(expected);
    expect(message.length).toBeLessThanOrEqual(120);
    expect(isPrintable(message)).toBe(true);
    expect(message).not.toMatch(/body body|query query/);
  });
});
