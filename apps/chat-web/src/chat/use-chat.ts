import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { conversationTokens } from '../aws/conversation-tokens';
import type { AwsSession } from '../aws/aws-session';
import { HistoryApiError, wholeTimeline } from '../aws/history-api';
import { browserTimeZone, turnAttributes } from '../aws/turn-attributes';
import type { ConversationSummary } from '../aws/history-types';
import type { AppConfig } from '../config/app-config';
import { backoffDelays, pollWithBackoff } from './backoff';
import { botReply, type BotReply } from './bot-reply';
import { chatReducer, initialChatState } from './chat-state';
import { entryToItems, timelineToItems } from './timeline';
import { classifyError, hasTimedOut, problem } from './problem';
import { checkUpload, uploadKey } from './upload-checks';

const HASH = /^#\/c\/([0-9a-fA-F-]{36})$/;
export const conversationFromHash = (hash: string): string | undefined => HASH.exec(hash)?.[1];
const setHash = (id: string | undefined) => {
  const next = id ? `#/c/${id}` : '#/';
  if (window.location.hash !== next) window.history.replaceState(null, '', next);
};

const newId = () => crypto.randomUUID();
const isNotFound = (e: unknown) => e instanceof HistoryApiError && e.status === 404;

/** A conversation's title: its first words, within the API's 100 characters. */
export const titleFrom = (text: string): string => {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= 60 ? oneLine : `${oneLine.slice(0, 59).trimEnd()}…`;
};

/** The intents whose end means a reservation event is coming. */
const bookingEnded = (reply: BotReply) =>
  reply.intentState === 'Fulfilled' || reply.intentState === 'ReadyForFulfillment';

/**
 * Everything the chat does, for the components to call: the conversation list, opening a
 * chat from the history API, turns through Lex with the conversation token, uploads, and
 * polling the timeline (with back-off) for what other services add to it.
 */
export function useChat(
  session: AwsSession,
  config: AppConfig,
  onBotReply?: (reply: BotReply) => void,
) {
  const [state, dispatch] = useReducer(chatReducer, initialChatState);
  const stateRef = useRef(state);
  stateRef.current = state;
  const tokens = useMemo(() => conversationTokens(), []);
  const polls = useRef(new AbortController());

  const restartPolls = () => {
    polls.current.abort();
    polls.current = new AbortController();
  };

  const loadList = useCallback(async () => {
    try {
      const page = await session.history.list();
      dispatch({ type: 'listLoaded', conversations: page.items });
    } catch (e) {
      dispatch({ type: 'listFailed', problem: classifyError(e) });
    }
  }, [session]);

  const open = useCallback(
    async (conversationId: string) => {
      restartPolls();
      dispatch({ type: 'opening', conversationId });
      setHash(conversationId);
      try {
        const entries = await wholeTimeline(session.history, conversationId);
        dispatch({ type: 'opened', conversationId, items: timelineToItems(entries) });
      } catch (e) {
        if (isNotFound(e)) dispatch({ type: 'missing', conversationId });
        else dispatch({ type: 'failed', problem: classifyError(e), retry: 'open' });
      }
    },
    [session],
  );

  /** Creates the conversation, titled by the first message, when the person first writes. */
  const create = useCallback(
    async (title?: string, unsent?: string): Promise<string | undefined> => {
      restartPolls();
      try {
        const created = await session.history.create(title);
        if (created.conversationToken)
          tokens.set(created.conversationId, created.conversationToken);
        const now = new Date().toISOString();
        const conversation: ConversationSummary = {
          conversationId: created.conversationId,
          ...(title ? { title } : {}),
          startedAt: now,
          lastActivityAt: now,
          counts: { turn: 0, reservation: 0, image: 0, total: 0 },
        };
        dispatch({ type: 'created', conversation });
        setHash(created.conversationId);
        return created.conversationId;
      } catch (e) {
        dispatch({ type: 'failed', problem: classifyError(e), retry: 'create', unsent });
        return undefined;
      }
    },
    [session, tokens],
  );

  const remove = useCallback(
    async (conversationId: string) => {
      try {
        await session.history.remove(conversationId);
        tokens.remove(conversationId);
        if (stateRef.current.activeId === conversationId) {
          restartPolls();
          setHash(undefined);
        }
        dispatch({ type: 'removed', conversationId });
      } catch (e) {
        dispatch({ type: 'failed', problem: classifyError(e), retry: 'delete' });
      }
    },
    [session, tokens],
  );

  /** Polls one kind of entry until `accept` has taken something. */
  const watch = useCallback(
    (
      conversationId: string,
      kind: 'reservation' | 'image',
      accept: (entries: Awaited<ReturnType<typeof wholeTimeline>>) => boolean,
    ) => {
      const signal = polls.current.signal;
      void pollWithBackoff(
        async () => {
          const page = await session.history.messages(conversationId, { kind });
          return accept(page.items) ? true : undefined;
        },
        backoffDelays(),
        signal,
      );
    },
    [session],
  );

  const send = useCallback(
    async (text: string) => {
      const current = stateRef.current;
      if (hasTimedOut(current.lastTurnAt, Date.now(), config.idleSessionTtlSeconds)) {
        dispatch({ type: 'failed', problem: problem('expired'), retry: 'create', unsent: text });
        return;
      }
      const conversationId = current.activeId ?? (await create(titleFrom(text), text));
      if (!conversationId) return;
      const turnId = newId();
      dispatch({
        type: 'userSent',
        item: { kind: 'user', id: `${turnId}-u`, at: new Date().toISOString(), text },
      });
      const token = tokens.get(conversationId);
      const stored = stateRef.current.sessionAttributes;
      try {
        const response = await session.recognizeText({
          sessionId: conversationId,
          text,
          ...(stored ? { sessionAttributes: stored } : {}),
          requestAttributes: turnAttributes(token, browserTimeZone()),
        });
        const reply = botReply(response, new Date().toISOString(), turnId);
        dispatch({ type: 'botReplied', reply, at: Date.now() });
        onBotReply?.(reply);
        if (bookingEnded(reply)) {
          const known = new Set(stateRef.current.items.map((item) => item.id));
          watch(conversationId, 'reservation', (entries) => {
            const fresh = entries.filter((entry) => !known.has(entry.eventId));
            fresh.flatMap(entryToItems).forEach((item) => dispatch({ type: 'itemAdded', item }));
            return fresh.length > 0;
          });
        }
      } catch (e) {
        dispatch({ type: 'failed', problem: classifyError(e), retry: 'send', unsent: text });
      }
    },
    [config.idleSessionTtlSeconds, create, onBotReply, session, tokens, watch],
  );

  const upload = useCallback(
    async (file: File): Promise<string | undefined> => {
      const check = checkUpload(file);
      if (!check.ok) return check.reason;
      const conversationId =
        stateRef.current.activeId ?? (await create(titleFrom(`Picture: ${file.name}`)));
      if (!conversationId) return undefined;
      const id = newId();
      const preview = URL.createObjectURL(file);
      dispatch({
        type: 'itemAdded',
        item: {
          kind: 'image',
          id,
          at: new Date().toISOString(),
          status: 'uploading',
          fileName: file.name,
          url: preview,
          progress: 0,
        },
      });
      try {
        const key = uploadKey(await session.identityId(), conversationId, id, check.extension);
        await session.upload(key, file, (progress) =>
          dispatch({ type: 'itemUpdated', id, patch: { progress } }),
        );
        dispatch({
          type: 'itemUpdated',
          id,
          patch: { status: 'processing', progress: 1, sourceKey: key },
        });
        watch(conversationId, 'image', (entries) => {
          const entry = entries.find((e) => e.kind === 'image' && e.image.sourceKey === key);
          if (!entry) return false;
          const [done] = entryToItems(entry);
          if (done?.kind === 'image') {
            dispatch({
              type: 'itemUpdated',
              id,
              patch: { status: done.status, url: done.url ?? preview, message: done.message },
            });
          }
          return true;
        });
      } catch (e) {
        dispatch({
          type: 'itemUpdated',
          id,
          patch: { status: 'failed', message: classifyError(e).title },
        });
      }
      return undefined;
    },
    [create, session, watch],
  );

  const retry = useCallback(async () => {
    const current = stateRef.current;
    const p = current.problem;
    if (!p) return;
    dispatch({ type: 'dismissProblem' });
    if (p.action === 'Start a new chat') {
      newChat();
      return;
    }
    switch (p.retry) {
      case 'send':
        if (current.unsent) await send(current.unsent);
        return;
      case 'open':
        if (current.activeId) await open(current.activeId);
        return;
      case 'list':
        await loadList();
        return;
      case 'create':
        if (current.unsent) await send(current.unsent);
        return;
      case 'delete':
        await loadList();
        return;
    }
  }, [loadList, newChat, open, send]);

  /** "New chat": the welcome screen; nothing is created until the person writes. */
  function newChat(): void {
    restartPolls();
    setHash(undefined);
    dispatch({ type: 'closed' });
  }

  useEffect(() => {
    void loadList();
    const fromHash = conversationFromHash(window.location.hash);
    if (fromHash) void open(fromHash);
    return () => polls.current.abort();
  }, [loadList, open]);

  return {
    state,
    open,
    newChat,
    remove,
    send,
    upload,
    retry,
    markCardsUsed: (id: string) => dispatch({ type: 'cardsUsed', id }),
    dismissProblem: () => dispatch({ type: 'dismissProblem' }),
  };
}
