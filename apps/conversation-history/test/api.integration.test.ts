import { randomUUID } from 'node:crypto';
import type { ApiRequest } from '../src/api/http';
import { createConversation } from '../src/handlers/create-conversation';
import { deleteConversation } from '../src/handlers/delete-conversation';
import { getConversation } from '../src/handlers/get-conversation';
import { listConversations } from '../src/handlers/list-conversations';
import { listMessages } from '../src/handlers/list-messages';
import { entry, timeline } from './support/entries';
import { conversationToken, isConversationToken } from '@booktrip/events';
import {
  ALICE,
  BOB,
  call,
  cursors,
  signImageUrl,
  tamper,
  TOKEN_KEY,
  tokenKey,
} from './support/api';
import { seedEntries, useHistoryTable } from './support/history-table';

const table = useHistoryTable();

const routes = {
  create: (request: ApiRequest) =>
    createConversation(request, { repository: table.repository, tokenKey }),
  list: (request: ApiRequest) =>
    listConversations(request, { repository: table.repository, cursors }),
  get: (request: ApiRequest) => getConversation(request, { repository: table.repository }),
  messages: (request: ApiRequest) =>
    listMessages(request, { repository: table.repository, cursors, signImageUrl }),
  remove: (request: ApiRequest) => deleteConversation(request, { repository: table.repository }),
};

const ONE = '/v1/conversations/{id}';
const MESSAGES = '/v1/conversations/{id}/messages';

async function aliceStarts(title?: string): Promise<string> {
  const answer = await call(routes.create, {
    method: 'POST',
    identityId: ALICE,
    ...(title ? { body: { title } } : {}),
  });
  return answer.body.conversationId as string;
}

const messages = (id: string, query: Record<string, string> = {}, identityId = ALICE) =>
  call(routes.messages, { resource: MESSAGES, pathParameters: { id }, query, identityId });

describe('POST /v1/conversations', () => {
  it("creates a conversation owned by the caller's identity under a random UUID", async () => {
    const answer = await call(routes.create, {
      method: 'POST',
      identityId: ALICE,
      body: { title: 'Chicago' },
    });

    expect(answer.status).toBe(201);
    const id = answer.body.conversationId as string;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const conversation = await table.repository.getConversation(id);
    expect(conversation).toMatchObject({ ownerId: ALICE, title: 'Chicago' });
  });

  it('gives the owner the conversation token the chat page sends with every turn', async () => {
    const first = await call(routes.create, { method: 'POST', identityId: ALICE });
    const second = await call(routes.create, { method: 'POST', identityId: ALICE });

    const { conversationId, conversationToken: token } = first.body as Record<string, string>;
    expect(token).toBe(await conversationToken(TOKEN_KEY, conversationId ?? ''));
    expect(await isConversationToken(TOKEN_KEY, conversationId ?? '', token)).toBe(true);
    // One token per conversation: the second one does not open the first.
    expect(second.body.conversationToken).not.toBe(token);
    expect(
      await isConversationToken(TOKEN_KEY, conversationId ?? '', second.body.conversationToken),
    ).toBe(false);
  });

  it('never shows the token again: reading the conversation does not return it', async () => {
    const created = await call(routes.create, { method: 'POST', identityId: ALICE });
    const id = created.body.conversationId as string;

    const read = await call(routes.get, {
      resource: ONE,
      pathParameters: { id },
      identityId: ALICE,
    });
    const listed = await call(routes.list, { identityId: ALICE });

    expect(JSON.stringify(read.body)).not.toContain(created.body.conversationToken as string);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.conversationToken as string);
  });

  it('accepts a request without a body', async () => {
    const answer = await call(routes.create, { method: 'POST', identityId: ALICE });

    expect(answer.status).toBe(201);
  });

  it.each([
    ['a body that is not JSON', '{"title": '],
    ['an unknown field', { owner: BOB }],
    ['a title longer than 100 characters', { title: 'x'.repeat(101) }],
  ])('answers 400 for %s', async (_, body) => {
    const answer = await call(routes.create, { method: 'POST', identityId: ALICE, body });

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ message: expect.any(String), code: 'BAD_REQUEST' });
  });
});

describe('GET /v1/conversations', () => {
  it("lists only the caller's conversations, newest activity first, across pages", async () => {
    const carol = `us-east-1:${randomUUID()}`;
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const answer = await call(routes.create, { method: 'POST', identityId: carol });
      ids.push(answer.body.conversationId as string);
    }
    await table.repository.recordEntry(entry(ids[1]!, 'turn', 100));
    await call(routes.create, { method: 'POST', identityId: BOB });

    const first = await call(routes.list, { identityId: carol, query: { limit: '2' } });
    const second = await call(routes.list, {
      identityId: carol,
      query: { limit: '2', cursor: first.body.nextCursor as string },
    });

    const listed = [first, second].flatMap((page) =>
      (page.body.items as { conversationId: string }[]).map((c) => c.conversationId),
    );
    expect(listed[0]).toBe(ids[1]); // the only one with activity after its start
    expect([...listed].sort()).toEqual([...ids].sort());
    expect(second.body.nextCursor).toBeUndefined();
  });

  it.each(['0', '101', 'abc', '1.5', '-3', ''])('answers 400 for limit=%p', async (limit) => {
    const answer = await call(routes.list, { identityId: ALICE, query: { limit } });

    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('BAD_REQUEST');
  });

  it("answers 400 for another person's cursor, so it cannot page through their list", async () => {
    await call(routes.create, { method: 'POST', identityId: BOB });
    await call(routes.create, { method: 'POST', identityId: BOB });
    const bobs = await call(routes.list, { identityId: BOB, query: { limit: '1' } });

    const answer = await call(routes.list, {
      identityId: ALICE,
      query: { cursor: bobs.body.nextCursor as string },
    });

    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('INVALID_CURSOR');
  });

  it('answers 403 to a caller without a Cognito identity', async () => {
    const answer = await call(routes.list, { identityId: null });

    expect(answer.status).toBe(403);
    expect(answer.body.code).toBe('UNAUTHENTICATED');
  });
});

describe('GET /v1/conversations/{id}', () => {
  it('shows the summary with the entry counts', async () => {
    const id = await aliceStarts('Trip');
    await table.repository.recordEntry(entry(id, 'turn', 1));
    await table.repository.recordEntry(entry(id, 'image', 2, randomUUID(), ALICE));

    const answer = await call(routes.get, {
      resource: ONE,
      pathParameters: { id },
      identityId: ALICE,
    });

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      conversationId: id,
      title: 'Trip',
      startedAt: '2026-11-24T09:00:00.000Z',
      lastActivityAt: entry(id, 'image', 2).at,
      counts: { turn: 1, reservation: 0, image: 1, total: 2 },
    });
    expect(answer.body).not.toHaveProperty('ownerId');
  });
});

describe('GET /v1/conversations/{id}/messages', () => {
  it('pages through the timeline with opaque cursors', async () => {
    const id = await aliceStarts();
    const entries = timeline(id, 120);
    await seedEntries(table, entries);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const answer = await messages(id, { limit: '50', ...(cursor ? { cursor } : {}) });
      expect(answer.status).toBe(200);
      seen.push(...(answer.body.items as { eventId: string }[]).map((e) => e.eventId));
      cursor = answer.body.nextCursor as string | undefined;
    } while (cursor);

    expect(seen).toEqual(entries.map((e) => e.eventId));
  });

  it('returns only the asked kind, newest first, with a presigned URL of each flipped image', async () => {
    const id = await aliceStarts();
    await seedEntries(table, timeline(id, 12, ALICE));

    const answer = await messages(id, { kind: 'image', order: 'desc', limit: '2' });

    const items = answer.body.items as { kind: string; at: string; imageUrl: string }[];
    expect(items.map((e) => e.kind)).toEqual(['image', 'image']);
    expect(items[0]!.at > items[1]!.at).toBe(true);
    const url = new URL(items[0]!.imageUrl);
    expect(url.hostname).toBe('booktrip-test-output.s3.us-east-1.amazonaws.com');
    expect(decodeURIComponent(url.pathname)).toBe(`/flipped/uploads/${ALICE}/${id}/11.png`);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('300');
  });

  it('signs no URL for an image stored in a bucket other than the output bucket', async () => {
    const id = await aliceStarts();
    const foreign = entry(id, 'image', 1, randomUUID(), ALICE);
    if (foreign.kind === 'image' && foreign.image.status === 'flipped') {
      foreign.image.output.bucket = 'someone-elses-bucket';
    }
    await table.repository.recordEntry(foreign);

    const answer = await messages(id);

    expect(answer.body.items).toEqual([
      expect.not.objectContaining({ imageUrl: expect.anything() }),
    ]);
  });

  it("signs no URL for an image that is not the caller's own upload to this conversation", async () => {
    const id = await aliceStarts();
    const other = await aliceStarts();
    // Stored before the consumer checked uploaders, or by any other path: never signed.
    const bobs = entry(id, 'image', 1, randomUUID(), BOB);
    const fromOtherConversation = entry(id, 'image', 2, randomUUID(), ALICE);
    if (
      fromOtherConversation.kind === 'image' &&
      fromOtherConversation.image.status === 'flipped'
    ) {
      fromOtherConversation.image.output.key = `flipped/uploads/${ALICE}/${other}/2.png`;
    }
    const own = entry(id, 'image', 3, randomUUID(), ALICE);
    await seedEntries(table, [bobs, fromOtherConversation, own]);

    const answer = await messages(id);

    const items = answer.body.items as { eventId: string; imageUrl?: string }[];
    expect(items.map((e) => [e.eventId, e.imageUrl !== undefined])).toEqual([
      [bobs.eventId, false],
      [fromOtherConversation.eventId, false],
      [own.eventId, true],
    ]);
  });

  it('answers 400 INVALID_CURSOR for a modified cursor', async () => {
    const id = await aliceStarts();
    await seedEntries(table, timeline(id, 3));
    const first = await messages(id, { limit: '1' });

    const answer = await messages(id, {
      limit: '1',
      cursor: tamper(first.body.nextCursor as string),
    });

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ message: expect.any(String), code: 'INVALID_CURSOR' });
  });

  it.each([
    ['another conversation of the same owner', 'conversation'],
    ['another kind', 'kind'],
    ['another order', 'order'],
  ])('answers 400 for a cursor minted for %s', async (_, what) => {
    const id = await aliceStarts();
    const other = await aliceStarts();
    await seedEntries(table, timeline(id, 8));
    const first = await messages(id, { limit: '1' });
    const cursor = first.body.nextCursor as string;

    const answer =
      what === 'conversation'
        ? await messages(other, { limit: '1', cursor })
        : what === 'kind'
          ? await messages(id, { limit: '1', cursor, kind: 'turn' })
          : await messages(id, { limit: '1', cursor, order: 'desc' });

    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('INVALID_CURSOR');
  });

  it.each([
    ['limit=0', { limit: '0' }],
    ['limit=101', { limit: '101' }],
    ['limit=ten', { limit: 'ten' }],
    ['kind=video', { kind: 'video' }],
    ['order=random', { order: 'random' }],
    ['a malformed cursor', { cursor: 'not a cursor' }],
    ['an unknown parameter', { page: '2' }],
  ])('answers 400 BAD_REQUEST for %s', async (_, query) => {
    const id = await aliceStarts();

    const answer = await messages(id, query);

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ message: expect.any(String), code: 'BAD_REQUEST' });
  });
});

describe('DELETE /v1/conversations/{id}', () => {
  it('deletes the conversation and its timeline', async () => {
    const id = await aliceStarts();
    await seedEntries(table, timeline(id, 30));

    const answer = await call(routes.remove, {
      method: 'DELETE',
      resource: ONE,
      pathParameters: { id },
      identityId: ALICE,
    });

    expect(answer.status).toBe(204);
    const page = await table.repository.listEntries(id, { limit: 100, order: 'asc' });
    expect(page.items).toEqual([]);
    const get = await call(routes.get, {
      resource: ONE,
      pathParameters: { id },
      identityId: ALICE,
    });
    expect(get.status).toBe(404);
    expect((await messages(id)).status).toBe(404);
    const list = await call(routes.list, { identityId: ALICE });
    expect(list.body.items).not.toContainEqual(expect.objectContaining({ conversationId: id }));
  });

  it('answers 204 again to a repeated delete, so a retry can finish an interrupted one', async () => {
    const id = await aliceStarts();
    const remove = (identityId: string) =>
      call(routes.remove, { method: 'DELETE', resource: ONE, pathParameters: { id }, identityId });
    await remove(ALICE);

    expect((await remove(ALICE)).status).toBe(204);
    expect((await remove(BOB)).status).toBe(404);
  });
});

describe('every route checks the owner', () => {
  const byId = [
    ['GET /v1/conversations/{id}', () => routes.get, 'GET', ONE],
    ['GET /v1/conversations/{id}/messages', () => routes.messages, 'GET', MESSAGES],
    ['DELETE /v1/conversations/{id}', () => routes.remove, 'DELETE', ONE],
  ] as const;

  it.each(byId)(
    "%s answers 404 for someone else's conversation and changes nothing",
    async (_, route, method, resource) => {
      const id = await aliceStarts();
      await table.repository.recordEntry(entry(id, 'turn', 1));

      const answer = await call(route(), {
        method,
        resource,
        pathParameters: { id },
        identityId: BOB,
      });

      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({ message: 'No such conversation', code: 'NOT_FOUND' });
      expect((await table.repository.getConversation(id))?.counts.total).toBe(1);
    },
  );

  it.each(byId)(
    '%s answers 404 for a conversation only events created (no owner)',
    async (_, route, method, resource) => {
      const id = randomUUID();
      await table.repository.recordEntry(entry(id, 'turn', 1));

      const answer = await call(route(), {
        method,
        resource,
        pathParameters: { id },
        identityId: ALICE,
      });

      expect(answer.status).toBe(404);
    },
  );

  it.each(byId)('%s answers 404 for an unknown id', async (_, route, method, resource) => {
    const answer = await call(route(), {
      method,
      resource,
      pathParameters: { id: randomUUID() },
      identityId: ALICE,
    });

    expect(answer.status).toBe(404);
  });

  it.each(byId)(
    '%s answers 400 for an id that is not a UUID',
    async (_, route, method, resource) => {
      const answer = await call(route(), {
        method,
        resource,
        pathParameters: { id: 'CONV#../../etc' },
        identityId: ALICE,
      });

      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('BAD_REQUEST');
    },
  );

  it.each([
    ...byId,
    ['GET /v1/conversations', () => routes.list, 'GET', '/v1/conversations'],
    ['POST /v1/conversations', () => routes.create, 'POST', '/v1/conversations'],
  ] as const)('%s answers 403 without a caller identity', async (_, route, method, resource) => {
    const answer = await call(route(), {
      method,
      resource,
      pathParameters: { id: randomUUID() },
      identityId: null,
    });

    expect(answer.status).toBe(403);
  });

  it("GET /v1/conversations never lists someone else's conversation", async () => {
    const id = await aliceStarts();

    const answer = await call(routes.list, { identityId: BOB, query: { limit: '100' } });

    const listed = (answer.body.items as { conversationId: string }[]).map((c) => c.conversationId);
    expect(listed).not.toContain(id);
  });
});
