// A development fixture, not the product's backend: a scripted stand-in for Cognito, the Lex
// runtime, Polly, S3 and the history API on one port, so the page can be designed, looked at
// and driven in a browser before the local cloud runs every service. It speaks the real wire
// protocols (the page uses its real SDK clients against it) but its bot follows one fixed
// hotel dialogue. The browser tests run against the local cloud (`E2E_TARGET=local-cloud`).
import { readUploadFileName, UploadMetadata } from '@booktrip/events';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Conversation {
  conversationId: string;
  owner: string;
  title?: string;
  startedAt: string;
  lastActivityAt: string;
  entries: Record<string, unknown>[];
  token: string;
}

const json = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body === undefined ? undefined : JSON.stringify(body));
};

const readBody = (req: IncomingMessage) =>
  new Promise<Buffer>((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
  });

/** The identity a request's SigV4 credential belongs to (`AKID<identity>`). */
const callerOf = (req: IncomingMessage, identities: Map<string, string>): string | undefined => {
  const auth = req.headers.authorization ?? '';
  const url = new URL(req.url ?? '/', 'http://x');
  const credential =
    /Credential=([^/]+)\//.exec(String(auth))?.[1] ??
    url.searchParams.get('X-Amz-Credential')?.split('/')[0];
  return credential ? identities.get(credential) : undefined;
};

export interface ScriptedAws {
  endpoint: string;
  /** Adds a timeline entry as another service would (outcomes, images). */
  conversations: Map<string, Conversation>;
  /** Overrides the next bot reply text (to test what the page does with a hostile message). */
  nextBotText?: string;
  stop(): Promise<void>;
}

const HOTEL_STEPS = [
  { slot: 'Location', prompt: 'What city will you be staying in?' },
  { slot: 'CheckInDate', prompt: 'What day do you want to check in?' },
  { slot: 'Nights', prompt: 'How many nights will you be staying?' },
  { slot: 'RoomType', prompt: 'What type of room would you like, queen, king or deluxe?' },
] as const;

export async function startScriptedAws(): Promise<ScriptedAws> {
  const identities = new Map<string, string>(); // access key → identity id
  const conversations = new Map<string, Conversation>();
  const objects = new Map<string, { body: Buffer; type: string }>();
  const sessions = new Map<
    string,
    {
      step: number;
      slots: Record<string, string>;
      confirming: boolean;
      sessionAttributes: Record<string, string>;
    }
  >();
  let endpoint = '';
  const state: ScriptedAws = { endpoint, conversations, stop: async () => undefined };

  const timeline = (c: Conversation, entry: Record<string, unknown>) => {
    const at = new Date().toISOString();
    c.entries.push({
      eventId: randomUUID(),
      conversationId: c.conversationId,
      at,
      correlationId: randomUUID(),
      ...entry,
    });
    c.lastActivityAt = at;
  };

  const recognize = (
    c: Conversation,
    text: string,
    attributes: Record<string, string>,
    sessionAttributes: Record<string, string> | undefined,
  ) => {
    const session = sessions.get(c.conversationId) ?? {
      step: -1,
      slots: {},
      confirming: false,
      sessionAttributes: {},
    };
    sessions.set(c.conversationId, session);
    // As Lex: a set sent replaces the stored one; none sent keeps it.
    if (sessionAttributes) session.sessionAttributes = sessionAttributes;
    const messages: Record<string, unknown>[] = [];
    let dialogAction = 'ElicitSlot';
    let intentState = 'InProgress';
    // As the real code hook: the token travels as a request attribute on every turn.
    if (attributes['x-booktrip-conversation-token'] !== c.token) {
      messages.push({ contentType: 'PlainText', content: 'This chat must be started again.' });
      dialogAction = 'Close';
      intentState = 'Failed';
    } else if (state.nextBotText) {
      messages.push({ contentType: 'PlainText', content: state.nextBotText });
      state.nextBotText = undefined;
      dialogAction = 'ElicitIntent';
    } else if (session.confirming) {
      session.confirming = false;
      if (/^y/i.test(text)) {
        messages.push({
          contentType: 'PlainText',
          content: 'Thanks, I have placed your reservation.',
        });
        dialogAction = 'Close';
        intentState = 'Fulfilled';
        setTimeout(() => {
          timeline(c, {
            kind: 'reservation',
            reservation: {
              status: 'confirmed',
              reservationId: randomUUID(),
              details: {
                kind: 'hotel',
                location: session.slots.Location ?? '',
                checkInDate: '2026-12-24',
                nights: Number(session.slots.Nights ?? 1),
                roomType: session.slots.RoomType ?? 'queen',
              },
              price: { amountCents: 62_700, currency: 'USD' },
            },
          });
        }, 1500);
      } else {
        messages.push({
          contentType: 'PlainText',
          content: 'Okay, I have cancelled your reservation in progress.',
        });
        dialogAction = 'Close';
        intentState = 'Failed';
      }
      session.step = -1;
    } else {
      if (session.step === -1) {
        if (!/hotel|room|stay/i.test(text)) {
          messages.push({
            contentType: 'PlainText',
            content: 'Hi! I can book a **hotel** or a **rental car**. What would you like?',
          });
          dialogAction = 'ElicitIntent';
        } else session.step = 0;
      } else {
        const step = HOTEL_STEPS[session.step];
        if (step) session.slots[step.slot] = text;
        session.step += 1;
      }
      if (session.step >= 0) {
        const step = HOTEL_STEPS[session.step];
        if (step) {
          messages.push({ contentType: 'PlainText', content: step.prompt });
          if (step.slot === 'RoomType') {
            messages.push({
              contentType: 'ImageResponseCard',
              imageResponseCard: {
                title: 'Room type',
                subtitle: 'Pick one',
                buttons: [
                  { text: 'Queen', value: 'queen' },
                  { text: 'King', value: 'king' },
                  { text: 'Deluxe', value: 'deluxe' },
                ],
              },
            });
          }
        } else {
          session.confirming = true;
          dialogAction = 'ConfirmIntent';
          messages.push({
            contentType: 'PlainText',
            content: `Okay, I have you down for a ${session.slots.Nights} night stay in ${session.slots.Location} starting ${session.slots.CheckInDate}, a ${session.slots.RoomType} room, for $627.00. Shall I book the reservation?`,
          });
          messages.push({
            contentType: 'ImageResponseCard',
            imageResponseCard: {
              title: 'Book it?',
              buttons: [
                { text: 'Yes', value: 'yes' },
                { text: 'No', value: 'no' },
              ],
            },
          });
        }
      }
    }
    // As the code hook records a turn: its texts, and its cards (title, subtitle, buttons).
    const cards = messages.flatMap((m) => {
      if (m.contentType !== 'ImageResponseCard') return [];
      const { title, subtitle, buttons } = m.imageResponseCard as Record<string, unknown>;
      return [{ title, ...(subtitle ? { subtitle } : {}), buttons }];
    });
    timeline(c, {
      kind: 'turn',
      turn: {
        userText: text,
        botMessages: messages
          .filter((m) => m.contentType === 'PlainText')
          .map((m) => String(m.content)),
        ...(cards.length ? { cards } : {}),
        intentName: 'BookHotel',
        intentState,
        dialogAction,
        inputMode: 'Text',
      },
    });
    return {
      messages,
      sessionId: c.conversationId,
      sessionState: {
        dialogAction: { type: dialogAction },
        intent: { name: 'BookHotel', state: intentState },
        sessionAttributes: session.sessionAttributes,
      },
    };
  };

  const server = createServer((req, res) => {
    void (async () => {
      const cors = {
        'access-control-allow-origin': '*',
        'access-control-allow-headers': '*',
        'access-control-allow-methods': 'GET,POST,PUT,DELETE,OPTIONS',
        'access-control-expose-headers': '*',
      };
      for (const [k, v] of Object.entries(cors)) res.setHeader(k, v);
      if (req.method === 'OPTIONS') return json(res, 204, undefined);
      const url = new URL(req.url ?? '/', 'http://x');
      const body = await readBody(req);
      const target = String(req.headers['x-amz-target'] ?? '');
      if (target === 'AWSCognitoIdentityService.GetId')
        return json(res, 200, { IdentityId: `us-east-1:${randomUUID()}` });
      if (target === 'AWSCognitoIdentityService.GetCredentialsForIdentity') {
        const { IdentityId } = JSON.parse(body.toString()) as { IdentityId: string };
        const key = `AKID${randomUUID().replace(/-/g, '').slice(0, 16).toUpperCase()}`;
        identities.set(key, IdentityId);
        return json(res, 200, {
          IdentityId,
          Credentials: {
            AccessKeyId: key,
            SecretKey: 'secret',
            SessionToken: 'token',
            Expiration: Date.now() / 1000 + 3600,
          },
        });
      }
      const caller = callerOf(req, identities);
      const lex =
        /^\/bots\/[^/]+\/botAliases\/[^/]+\/botLocales\/[^/]+\/sessions\/([^/]+)\/text$/.exec(
          url.pathname,
        );
      if (lex) {
        const c = conversations.get(decodeURIComponent(lex[1] ?? ''));
        if (!c || c.owner !== caller)
          return json(
            res,
            403,
            { message: 'denied' },
            { 'x-amzn-errortype': 'AccessDeniedException' },
          );
        const input = JSON.parse(body.toString()) as {
          text: string;
          requestAttributes?: Record<string, string>;
          sessionState?: { sessionAttributes?: Record<string, string> };
        };
        await new Promise((r) => setTimeout(r, 400));
        return json(
          res,
          200,
          recognize(
            c,
            input.text,
            input.requestAttributes ?? {},
            input.sessionState?.sessionAttributes,
          ),
        );
      }
      if (url.pathname === '/v1/speech')
        return json(
          res,
          503,
          { message: 'no voice in the fixture' },
          { 'x-amzn-errortype': 'ServiceFailureException' },
        );
      const history = /^\/history\/v1\/conversations(?:\/([^/]+))?(\/messages)?$/.exec(
        url.pathname,
      );
      if (history) {
        if (!caller)
          return json(res, 403, {
            message: 'Missing Authentication Token',
            code: 'UNAUTHENTICATED',
          });
        const [, id, messages] = history;
        if (!id && req.method === 'POST') {
          const now = new Date().toISOString();
          const c: Conversation = {
            conversationId: randomUUID(),
            owner: caller,
            title: (JSON.parse(body.toString() || '{}') as { title?: string }).title,
            startedAt: now,
            lastActivityAt: now,
            entries: [],
            token: randomUUID(),
          };
          conversations.set(c.conversationId, c);
          return json(res, 201, { conversationId: c.conversationId, conversationToken: c.token });
        }
        const summary = (c: Conversation) => ({
          conversationId: c.conversationId,
          title: c.title,
          startedAt: c.startedAt,
          lastActivityAt: c.lastActivityAt,
          counts: { turn: 0, reservation: 0, image: 0, total: c.entries.length },
        });
        if (!id)
          return json(res, 200, {
            items: [...conversations.values()].filter((c) => c.owner === caller).map(summary),
          });
        const c = conversations.get(id);
        if (!c || c.owner !== caller)
          return json(res, 404, { message: 'Conversation not found', code: 'NOT_FOUND' });
        if (req.method === 'DELETE') {
          conversations.delete(id);
          return json(res, 204, undefined);
        }
        if (messages) {
          const kind = url.searchParams.get('kind');
          return json(res, 200, { items: c.entries.filter((e) => !kind || e.kind === kind) });
        }
        return json(res, 200, summary(c));
      }
      // S3, path style: PUT by presigned URL, GET of what was stored.
      const s3 = /^\/([^/]+)\/(.+)$/.exec(url.pathname);
      if (s3 && req.method === 'PUT') {
        const key = decodeURIComponent(s3[2] ?? '');
        objects.set(key, {
          body,
          type: String(req.headers['content-type'] ?? 'application/octet-stream'),
        });
        const conversationId = key.split('/')[2] ?? '';
        const c = conversations.get(conversationId);
        // The page's file name, as S3 keeps it from the presigned URL's x-amz-meta-* query and
        // the image workflow reads it back.
        const sent = url.searchParams.get(`x-amz-meta-${UploadMetadata.fileName}`);
        const { fileName } = readUploadFileName(
          sent === null ? undefined : { [UploadMetadata.fileName]: sent },
        );
        const named = fileName ? { fileName } : {};
        if (c) {
          setTimeout(() => {
            const rejected = body.length < 100;
            timeline(c, {
              kind: 'image',
              ...(rejected ? {} : { imageUrl: `${endpoint}/output/${encodeURIComponent(key)}` }),
              image: rejected
                ? {
                    status: 'rejected',
                    sourceKey: key,
                    reason: 'TOO_SMALL',
                    message: 'That picture is too small to flip.',
                    ...named,
                  }
                : {
                    status: 'flipped',
                    sourceKey: key,
                    output: { bucket: 'output', key: `flipped/${key}` },
                    ...named,
                  },
            });
          }, 1200);
        }
        res.writeHead(200, { etag: '"fixture"' });
        return res.end();
      }
      if (s3 && req.method === 'GET' && s3[1] === 'output') {
        const object = objects.get(decodeURIComponent(s3[2] ?? ''));
        if (!object) return json(res, 404, { message: 'NoSuchKey' });
        res.writeHead(200, { 'content-type': object.type });
        return res.end(object.body);
      }
      return json(res, 404, { message: `fixture has no route ${req.method} ${url.pathname}` });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.endpoint = endpoint;
  state.stop = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
