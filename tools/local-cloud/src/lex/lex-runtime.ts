import { randomUUID } from 'node:crypto';
import type {
  Authorize,
  Caller,
  EdgeRequest,
  EdgeResponse,
  EdgeService,
  LocalLambda,
  LocalResource,
} from '../edge/contracts';
import { readBots, type BotDefinition } from './bot-definition';
import { rememberDecisions } from './decision-cache';
import {
  ConfirmationStateSchema,
  HookMessageSchema,
  HookSlotSchema,
  IntentStateSchema,
} from './code-hook-response';
import { LocaleDialog, type CodeHookEvent, type TurnResult } from './dialog-manager';
import { decodeHeader, encodeHeader } from './header-codec';
import { IntentClassifier } from './intent-classifier';
import { LexError } from './lex-error';
import { spokenText, type LexMessage } from './messages';
import { requestTimeZone } from './request-attributes';
import {
  newSession,
  SessionStore,
  type Interpretation,
  type Session,
  type SessionIntent,
} from './session-store';
import { z } from 'zod';

/** Turns text into speech for audio replies (the Polly module's `synthesizeSpeech`). */
export type Synthesize = (request: {
  text: string;
  voiceId: string;
  outputFormat: 'mp3' | 'ogg_vorbis' | 'pcm';
}) => Promise<Buffer>;

export interface LexRuntimeDeps {
  resources: readonly LocalResource[];
  region: string;
  accountId: string;
  authorize: Authorize;
  /** Runs the code hooks the aliases name. */
  lambda: LocalLambda;
  /** For audio replies of RecognizeUtterance and PutSession. */
  synthesize?: Synthesize;
  /** The clock of sessions' idle TTL and of relative dates ("tomorrow"). */
  now?: () => Date;
  log?: (line: string) => void;
  /** Lex gives up on a code hook after 30 s. */
  codeHookTimeoutMs?: number;
}

export interface LexRuntime {
  service: EdgeService;
  bots: readonly BotDefinition[];
  /** How long training every locale's classifier took at start, in milliseconds. */
  trainingMs: number;
  stop(): Promise<void>;
}

const SESSION_ID = /^[0-9a-zA-Z._:-]{2,100}$/;
const ROUTE =
  /^\/bots\/([^/]+)\/botAliases\/([^/]+)\/botLocales\/([^/]+)\/sessions\/([^/]+)(\/text|\/utterance|\/conversation)?$/;

const RecognizeTextBody = z.object({
  text: z.string(),
  sessionState: z.unknown().optional(),
  requestAttributes: z.record(z.string(), z.string()).optional(),
});

const SessionStateInput = z.object({
  sessionAttributes: z.record(z.string(), z.string()).optional(),
  dialogAction: z
    .object({
      type: z.enum(['Close', 'ConfirmIntent', 'Delegate', 'ElicitIntent', 'ElicitSlot', 'None']),
      slotToElicit: z.string().optional(),
    })
    .optional(),
  intent: z
    .object({
      name: z.string().min(1),
      slots: z.record(z.string(), HookSlotSchema.nullable()).optional(),
      state: IntentStateSchema.optional(),
      confirmationState: ConfirmationStateSchema.optional(),
    })
    .optional(),
  activeContexts: z.array(z.unknown()).optional(),
  originatingRequestId: z.string().optional(),
});

const PutSessionBody = z.object({
  sessionState: SessionStateInput,
  messages: z.array(HookMessageSchema).max(10).optional(),
  requestAttributes: z.record(z.string(), z.string()).optional(),
});

/**
 * The Lex V2 runtime API (rest-json, signing name `lex`) for every bot the resources declare:
 * RecognizeText, RecognizeUtterance with text input, GetSession, PutSession and DeleteSession.
 * Each alias' locales are trained once at start; code hooks run through `lambda`.
 */
export async function createLexRuntime(deps: LexRuntimeDeps): Promise<LexRuntime> {
  const now = deps.now ?? (() => new Date());
  const log = deps.log ?? (() => undefined);
  const aliasArn = (botId: string, aliasId: string) =>
    `arn:aws:lex:${deps.region}:${deps.accountId}:bot-alias/${botId}/${aliasId}`;
  const { bots, aliases } = readBots(deps.resources, aliasArn);

  const started = performance.now();
  // One classifier per bot locale, shared by its aliases (they run the same model here).
  const classifiers = new Map<string, IntentClassifier>();
  for (const bot of bots) {
    for (const locale of bot.locales) {
      classifiers.set(`${bot.id}/${locale.localeId}`, await IntentClassifier.train(locale));
    }
  }
  const trainingMs = performance.now() - started;

  const invoke = codeHookInvoker(deps.lambda, deps.codeHookTimeoutMs ?? 30_000);
  const dialogs = new Map<string, LocaleDialog>();
  for (const alias of aliases) {
    const bot = bots.find((b) => b.id === alias.botId);
    if (!bot) throw new Error(`Bot alias ${alias.aliasId} names an unknown bot ${alias.botId}`);
    for (const locale of bot.locales) {
      dialogs.set(
        `${bot.id}/${alias.aliasId}/${locale.localeId}`,
        await LocaleDialog.create(
          bot,
          alias,
          locale,
          invoke,
          classifiers.get(`${bot.id}/${locale.localeId}`),
        ),
      );
    }
  }
  log(
    `lex: ${bots.length} bot(s), ${aliases.length} alias(es) trained in ${trainingMs.toFixed(0)} ms`,
  );

  const sessions = new SessionStore(now);
  const authorize = rememberDecisions(deps.authorize);

  const service: EdgeService = {
    signingNames: ['lex'],
    async handle(request) {
      try {
        return await route(request);
      } catch (error) {
        if (error instanceof LexError) return error.toResponse();
        log(`lex: internal error ${(error as Error).stack ?? String(error)}`);
        return new LexError('InternalServerException', (error as Error).message).toResponse();
      }
    },
  };

  async function route(request: EdgeRequest): Promise<EdgeResponse> {
    const match = ROUTE.exec(request.path);
    if (!match) {
      throw new LexError(
        'ResourceNotFoundException',
        `No Lex runtime operation at ${request.path}`,
      );
    }
    const [, botId, aliasId, localeId, sessionId, operation] = match.map((part) =>
      part === undefined ? undefined : decodeURIComponent(part),
    );
    const method = request.method.toUpperCase();
    const action =
      operation === '/text' && method === 'POST'
        ? 'RecognizeText'
        : operation === '/utterance' && method === 'POST'
          ? 'RecognizeUtterance'
          : operation === undefined && method === 'GET'
            ? 'GetSession'
            : operation === undefined && method === 'POST'
              ? 'PutSession'
              : operation === undefined && method === 'DELETE'
                ? 'DeleteSession'
                : undefined;
    if (!action) {
      throw new LexError(
        'ValidationException',
        `${method} ${operation ?? ''} is not an operation the local Lex runtime answers (StartConversation streams over HTTP/2, which it does not emulate)`,
      );
    }
    if (!sessionId || !SESSION_ID.test(sessionId)) {
      throw new LexError(
        'ValidationException',
        `1 validation error detected: Value '${sessionId}' at 'sessionId' failed to satisfy constraint: Member must satisfy regular expression pattern: [0-9a-zA-Z._:-]+ and have length between 2 and 100`,
      );
    }
    const bot = bots.find((b) => b.id === botId);
    if (!bot) throw new LexError('ResourceNotFoundException', `Bot ${botId} was not found`);
    const alias = aliases.find((a) => a.botId === botId && a.aliasId === aliasId);
    if (!alias) {
      throw new LexError(
        'ResourceNotFoundException',
        `Bot alias ${aliasId} of bot ${botId} was not found`,
      );
    }
    const dialog = dialogs.get(`${botId}/${aliasId}/${localeId}`);
    if (!dialog || alias.locales[localeId ?? '']?.enabled === false) {
      throw new LexError(
        'ResourceNotFoundException',
        `Locale ${localeId} is not available on bot alias ${aliasId}`,
      );
    }
    await authorizeCaller(request.caller, `lex:${action}`, alias.arn);

    const key = `${botId}/${aliasId}/${localeId}/${sessionId}`;
    const ttl = bot.idleSessionTtlInSeconds;
    switch (action) {
      case 'GetSession': {
        const session = sessions.get(key, ttl);
        if (!session)
          throw new LexError('ResourceNotFoundException', `Session ${sessionId} was not found`);
        return json({
          sessionId,
          messages: session.messages,
          interpretations: responseInterpretations(session.interpretations),
          sessionState: responseSessionState(session),
        });
      }
      case 'DeleteSession': {
        const locked = await sessions.exclusive(key, async () => sessions.delete(key));
        if (!locked) throw conflict(sessionId);
        if (!locked.result) {
          throw new LexError('ResourceNotFoundException', `Session ${sessionId} was not found`);
        }
        return json({ botId, botAliasId: aliasId, localeId, sessionId });
      }
      case 'PutSession': {
        const body = PutSessionBody.safeParse(parseJson(request.body));
        if (!body.success) throw validation(body.error);
        const locked = await sessions.exclusive(key, async () => {
          const session = applySessionState(
            dialog,
            sessions.get(key, ttl) ?? newSession(sessionId, now()),
            body.data.sessionState,
          );
          const messages = (body.data.messages ?? []) as LexMessage[];
          sessions.save(key, { ...session, messages });
          return { session, messages };
        });
        if (!locked) throw conflict(sessionId);
        const { session, messages } = locked.result;
        // PutSession's header is `ResponseContentType` (RecognizeUtterance's has hyphens), as
        // the service model, and so the SDK, spell it.
        const responseType =
          headerValue(request, 'responsecontenttype') ?? 'text/plain; charset=utf-8';
        const audio = await speech(dialog, messages, responseType);
        return {
          status: 200,
          headers: {
            'content-type': audio ? responseType : 'text/plain; charset=utf-8',
            'x-amz-lex-session-id': sessionId,
            'x-amz-lex-session-state': encodeHeader(responseSessionState(session)),
            ...(messages.length > 0 ? { 'x-amz-lex-messages': encodeHeader(messages) } : {}),
            ...(body.data.requestAttributes
              ? { 'x-amz-lex-request-attributes': encodeHeader(body.data.requestAttributes) }
              : {}),
          },
          body: audio ?? Buffer.alloc(0),
        };
      }
      case 'RecognizeText': {
        const body = RecognizeTextBody.safeParse(parseJson(request.body));
        if (!body.success) throw validation(body.error);
        const result = await recognize(dialog, key, ttl, sessionId, {
          text: body.data.text,
          sessionState: body.data.sessionState,
          requestAttributes: body.data.requestAttributes,
          responseContentType: 'text/plain; charset=utf-8',
        });
        return json({
          ...(result.messages.length > 0 ? { messages: result.messages } : {}),
          sessionState: responseSessionState(result.session),
          interpretations: responseInterpretations(result.interpretations),
          ...(body.data.requestAttributes
            ? { requestAttributes: body.data.requestAttributes }
            : {}),
          sessionId,
        });
      }
      case 'RecognizeUtterance': {
        const contentType = headerValue(request, 'content-type') ?? '';
        if (!contentType.toLowerCase().startsWith('text/plain')) {
          throw new LexError(
            'ValidationException',
            `The local Lex runtime understands text input only (Content-Type text/plain; charset=utf-8), not ${contentType || 'no Content-Type'}`,
          );
        }
        const sessionState = decodeOrReject(request, 'x-amz-lex-session-state');
        const requestAttributes = decodeOrReject(request, 'x-amz-lex-request-attributes');
        const attributes = z.record(z.string(), z.string()).optional().safeParse(requestAttributes);
        if (!attributes.success) throw validation(attributes.error);
        const responseType =
          headerValue(request, 'response-content-type') ?? 'text/plain; charset=utf-8';
        const result = await recognize(dialog, key, ttl, sessionId, {
          text: request.body.toString('utf8'),
          sessionState,
          requestAttributes: attributes.data,
          responseContentType: responseType,
        });
        const audio = await speech(dialog, result.messages, responseType);
        return {
          status: 200,
          headers: {
            'content-type': audio ? responseType : 'text/plain; charset=utf-8',
            'x-amz-lex-input-mode': 'Text',
            'x-amz-lex-session-id': sessionId,
            'x-amz-lex-input-transcript': encodeHeader(request.body.toString('utf8')),
            'x-amz-lex-session-state': encodeHeader(responseSessionState(result.session)),
            'x-amz-lex-interpretations': encodeHeader(
              responseInterpretations(result.interpretations),
            ),
            ...(result.messages.length > 0
              ? { 'x-amz-lex-messages': encodeHeader(result.messages) }
              : {}),
            ...(attributes.data
              ? { 'x-amz-lex-request-attributes': encodeHeader(attributes.data) }
              : {}),
          },
          body: audio ?? Buffer.alloc(0),
        };
      }
    }
  }

  async function recognize(
    dialog: LocaleDialog,
    key: string,
    ttl: number,
    sessionId: string,
    input: {
      text: string;
      sessionState: unknown;
      requestAttributes?: Record<string, string>;
      responseContentType: string;
    },
  ): Promise<TurnResult> {
    if (input.text.length < 1 || input.text.length > 1024) {
      throw new LexError(
        'ValidationException',
        `1 validation error detected: Value at 'text' failed to satisfy constraint: Member must have length between 1 and 1024`,
      );
    }
    const timeZone = requestTimeZone(input.requestAttributes ?? {});
    const state =
      input.sessionState === undefined
        ? undefined
        : SessionStateInput.safeParse(input.sessionState);
    if (state && !state.success) throw validation(state.error);
    const locked = await sessions.exclusive(key, async () => {
      const at = now();
      let session = sessions.get(key, ttl) ?? newSession(sessionId, at);
      if (state?.data) session = applySessionState(dialog, session, state.data);
      const result = await dialog.turn(session, {
        text: input.text,
        requestAttributes: input.requestAttributes ?? {},
        requestId: randomUUID(),
        now: at,
        timeZone,
        responseContentType: input.responseContentType,
      });
      sessions.save(key, result.session);
      return result;
    });
    if (!locked) throw conflict(sessionId);
    return locked.result;
  }

  async function speech(
    dialog: LocaleDialog,
    messages: readonly LexMessage[],
    responseType: string,
  ): Promise<Buffer | undefined> {
    const type = responseType.toLowerCase();
    const outputFormat = type.startsWith('audio/mpeg')
      ? 'mp3'
      : type.startsWith('audio/ogg')
        ? 'ogg_vorbis'
        : type.startsWith('audio/pcm')
          ? 'pcm'
          : undefined;
    if (!outputFormat) {
      if (type.startsWith('text/plain')) return undefined;
      throw new LexError(
        'ValidationException',
        `Unsupported Response-Content-Type ${responseType}`,
      );
    }
    if (!deps.synthesize) {
      throw new LexError(
        'BadGatewayException',
        'No speech synthesizer is wired to the local Lex runtime',
      );
    }
    const text = spokenText(messages);
    if (!text) return Buffer.alloc(0);
    try {
      return await deps.synthesize({
        text,
        voiceId: dialog.locale.voice?.voiceId ?? 'Joanna',
        outputFormat,
      });
    } catch (error) {
      throw new LexError('BadGatewayException', `Polly failed: ${(error as Error).message}`);
    }
  }

  async function authorizeCaller(caller: Caller, action: string, resource: string): Promise<void> {
    if (caller.kind === 'admin') return;
    if (caller.kind === 'anonymous') {
      throw new LexError('AccessDeniedException', `${action} needs a signed request`);
    }
    if (!(await authorize(caller, action, resource))) {
      throw new LexError(
        'AccessDeniedException',
        `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${resource}`,
      );
    }
  }

  return {
    service,
    bots,
    trainingMs,
    async stop() {
      dialogs.clear();
    },
  };
}

/** A code hook call through the local Lambda runtime, with Lex's failure semantics. */
function codeHookInvoker(lambda: LocalLambda, timeoutMs: number) {
  return async (lambdaArn: string, event: CodeHookEvent): Promise<unknown> => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            new LexError(
              'DependencyFailedException',
              `Invalid Lambda Response: Lambda ${lambdaArn} did not answer within ${timeoutMs} ms`,
            ),
          ),
        timeoutMs,
      );
    });
    try {
      const result = await Promise.race([
        lambda.invoke(lambdaArn, event).catch((error: unknown) => {
          throw new LexError(
            'BadGatewayException',
            `Lambda ${lambdaArn} could not be invoked: ${(error as Error).message}`,
          );
        }),
        timeout,
      ]);
      if (result.functionError) {
        throw new LexError(
          'DependencyFailedException',
          `Invalid Lambda Response: Received error response from Lambda: ${result.functionError}`,
        );
      }
      return result.payload;
    } finally {
      clearTimeout(timer);
    }
  };
}

function applySessionState(
  dialog: LocaleDialog,
  session: Session,
  state: z.output<typeof SessionStateInput>,
): Session {
  let intent: SessionIntent | undefined = session.intent;
  if (state.intent) {
    const definition = dialog.intentDefinition(state.intent.name);
    if (!definition) {
      throw new LexError('ValidationException', `Intent ${state.intent.name} is not in the bot`);
    }
    const base = dialog.emptyIntent(state.intent.name);
    const slots = { ...base.slots };
    for (const [name, slot] of Object.entries(state.intent.slots ?? {})) {
      if (!(name in slots)) {
        throw new LexError(
          'ValidationException',
          `Slot ${name} is not a slot of ${state.intent.name}`,
        );
      }
      slots[name] = slot
        ? slot.shape === 'List'
          ? {
              shape: 'List',
              values: slot.values.map((v) => ({ shape: 'Scalar', value: full(v.value) })),
            }
          : { shape: 'Scalar', value: full(slot.value) }
        : null;
    }
    intent = {
      name: state.intent.name,
      slots,
      state: state.intent.state ?? 'InProgress',
      confirmationState: state.intent.confirmationState ?? 'None',
    };
  }
  return {
    ...session,
    sessionAttributes: state.sessionAttributes ?? session.sessionAttributes,
    intent,
    dialogAction: state.dialogAction ?? session.dialogAction,
    attempt: state.dialogAction ? 0 : session.attempt,
  };
}

function full(value: {
  originalValue?: string;
  interpretedValue: string;
  resolvedValues?: string[];
}) {
  return {
    originalValue: value.originalValue ?? value.interpretedValue,
    interpretedValue: value.interpretedValue,
    resolvedValues: value.resolvedValues ?? [value.interpretedValue],
  };
}

/** The session state as the runtime API returns it. */
function responseSessionState(session: Session) {
  return {
    ...(session.dialogAction ? { dialogAction: session.dialogAction } : {}),
    ...(session.intent ? { intent: session.intent } : {}),
    sessionAttributes: session.sessionAttributes,
    activeContexts: [],
    ...(session.originatingRequestId ? { originatingRequestId: session.originatingRequestId } : {}),
  };
}

/**
 * Interpretations as the runtime API spells them (not as the code hook gets them): confidence
 * is `{ score }`, and only the first intent carries its state.
 */
function responseInterpretations(interpretations: readonly Interpretation[]) {
  return interpretations.map((interpretation, index) => ({
    intent:
      index === 0
        ? interpretation.intent
        : { name: interpretation.intent.name, slots: interpretation.intent.slots },
    ...(interpretation.nluConfidence === undefined
      ? {}
      : { nluConfidence: { score: interpretation.nluConfidence } }),
    interpretationSource: 'Lex',
  }));
}

function json(body: unknown): EdgeResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}

function parseJson(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new LexError('ValidationException', 'The request body is not JSON');
  }
}

function headerValue(request: EdgeRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function decodeOrReject(request: EdgeRequest, name: string): unknown {
  try {
    return decodeHeader(request.headers[name], name);
  } catch (error) {
    throw new LexError('ValidationException', (error as Error).message);
  }
}

function validation(error: z.ZodError): LexError {
  const issues = error.issues.map(
    (issue) => `Value at '${issue.path.join('.')}' failed to satisfy constraint: ${issue.message}`,
  );
  return new LexError(
    'ValidationException',
    `${issues.length} validation error${issues.length === 1 ? '' : 's'} detected: ${issues.join('; ')}`,
  );
}

function conflict(sessionId: string): LexError {
  return new LexError(
    'ConflictException',
    `Another request is in progress on session ${sessionId}; wait for it to finish`,
  );
}
