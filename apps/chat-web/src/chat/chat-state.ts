import type { ConversationSummary } from '../aws/history-types';
import type { BotReply } from './bot-reply';
import type { ChatItem } from './chat-item';
import type { Problem } from './problem';

/** What failed, so "Retry" repeats exactly that. */
export type RetryStep = 'send' | 'open' | 'list' | 'create' | 'delete';

export interface ChatState {
  conversations: ConversationSummary[];
  listStatus: 'loading' | 'ready' | 'failed';
  activeId?: string;
  items: ChatItem[];
  timelineStatus: 'empty' | 'loading' | 'ready' | 'missing';
  /** The bot is answering. */
  typing: boolean;
  problem?: Problem & { retry: RetryStep };
  /** The text of a turn that failed, kept for the retry. */
  unsent?: string;
  /**
   * The session attributes Lex returned last: sent back whole, since a set sent replaces the
   * stored one. Undefined until Lex has answered a turn of the open chat (after a reload, say):
   * the page then sends none, and Lex keeps what it stored (the hotel that pre-fills BookCar).
   */
  sessionAttributes?: Record<string, string>;
  lastTurnAt?: number;
  /** The newest reply's bot texts, for the screen reader announcement (announced once). */
  announcement?: { id: string; text: string };
}

export type ChatAction =
  | { type: 'listLoaded'; conversations: ConversationSummary[] }
  | { type: 'listFailed'; problem: Problem }
  | { type: 'opening'; conversationId: string }
  | { type: 'opened'; conversationId: string; items: ChatItem[] }
  | { type: 'missing'; conversationId: string }
  | { type: 'created'; conversation: ConversationSummary }
  | { type: 'removed'; conversationId: string }
  /** Back to the welcome screen; the next message starts a conversation. */
  | { type: 'closed' }
  | { type: 'userSent'; item: ChatItem }
  | { type: 'botReplied'; reply: BotReply; at: number }
  | { type: 'failed'; problem: Problem; retry: RetryStep; unsent?: string }
  | { type: 'dismissProblem' }
  | { type: 'cardsUsed'; id: string }
  | { type: 'itemAdded'; item: ChatItem }
  | { type: 'itemUpdated'; id: string; patch: Partial<ChatItem> };

export const initialChatState: ChatState = {
  conversations: [],
  listStatus: 'loading',
  items: [],
  timelineStatus: 'empty',
  typing: false,
};

/** Once the person moves on (types, taps), no earlier quick reply can be used any more. */
const retireCards = (items: ChatItem[]): ChatItem[] =>
  items.map((item) => (item.kind === 'cards' && !item.used ? { ...item, used: true } : item));

export function chatReducer(state: ChatState, action: ChatAction): ChatState {
  switch (action.type) {
    case 'listLoaded':
      return { ...state, conversations: action.conversations, listStatus: 'ready' };
    case 'listFailed':
      return { ...state, listStatus: 'failed', problem: { ...action.problem, retry: 'list' } };
    case 'opening':
      return {
        ...state,
        activeId: action.conversationId,
        items: [],
        timelineStatus: 'loading',
        typing: false,
        problem: undefined,
        unsent: undefined,
        sessionAttributes: undefined,
        lastTurnAt: undefined,
        announcement: undefined,
      };
    case 'opened': {
      if (state.activeId !== action.conversationId) return state;
      // What the person sent while the timeline was loading stays, after what it restored —
      // and answers the restored question, whose quick replies are then used.
      const restored = new Set(action.items.map((item) => item.id));
      const live = state.items.filter((item) => !restored.has(item.id));
      const answered = live.some((item) => item.kind === 'user');
      return {
        ...state,
        items: [...(answered ? retireCards(action.items) : action.items), ...live],
        timelineStatus: 'ready',
        // The restored chat's last turn starts its idle clock, so a reopened chat past Lex's
        // idle timeout says it timed out, as a chat left open in its tab does.
        lastTurnAt: state.lastTurnAt ?? lastTurnTime(action.items),
      };
    }
    case 'missing':
      if (state.activeId !== action.conversationId) return state;
      return { ...state, timelineStatus: 'missing', items: [] };
    case 'created':
      return {
        ...state,
        conversations: [
          action.conversation,
          ...state.conversations.filter(
            (c) => c.conversationId !== action.conversation.conversationId,
          ),
        ],
        activeId: action.conversation.conversationId,
        items: [],
        timelineStatus: 'ready',
        typing: false,
        problem: undefined,
        unsent: undefined,
        sessionAttributes: undefined,
        lastTurnAt: undefined,
        announcement: undefined,
      };
    case 'removed': {
      const conversations = state.conversations.filter(
        (c) => c.conversationId !== action.conversationId,
      );
      if (state.activeId !== action.conversationId) return { ...state, conversations };
      return {
        ...state,
        conversations,
        activeId: undefined,
        items: [],
        timelineStatus: 'empty',
        problem: undefined,
      };
    }
    case 'closed':
      return {
        ...state,
        activeId: undefined,
        items: [],
        timelineStatus: 'empty',
        typing: false,
        problem: undefined,
        unsent: undefined,
        sessionAttributes: undefined,
        lastTurnAt: undefined,
        announcement: undefined,
      };
    case 'userSent':
      return {
        ...state,
        items: [...retireCards(state.items), action.item],
        typing: true,
        problem: undefined,
        unsent: undefined,
      };
    case 'botReplied': {
      // The whole reply is announced once, every message of it in order, not just its last.
      const said = action.reply.items.flatMap((item) => (item.kind === 'bot' ? [item] : []));
      const newest = said[said.length - 1];
      return {
        ...state,
        items: [...state.items, ...action.reply.items],
        typing: false,
        sessionAttributes: action.reply.sessionAttributes ?? state.sessionAttributes,
        lastTurnAt: action.at,
        announcement: newest
          ? { id: newest.id, text: said.map((item) => item.text).join(' ') }
          : state.announcement,
        conversations: state.conversations.map((c) =>
          c.conversationId === state.activeId
            ? { ...c, lastActivityAt: new Date(action.at).toISOString() }
            : c,
        ),
      };
    }
    case 'failed':
      return {
        ...state,
        typing: false,
        problem: { ...action.problem, retry: action.retry },
        unsent: action.unsent,
      };
    case 'dismissProblem':
      return { ...state, problem: undefined };
    case 'cardsUsed':
      return {
        ...state,
        items: state.items.map((item) =>
          item.id === action.id && item.kind === 'cards' ? { ...item, used: true } : item,
        ),
      };
    case 'itemAdded':
      if (state.items.some((item) => item.id === action.item.id)) return state;
      return { ...state, items: [...state.items, action.item] };
    case 'itemUpdated':
      return {
        ...state,
        items: state.items.map((item) =>
          item.id === action.id ? ({ ...item, ...action.patch } as ChatItem) : item,
        ),
      };
  }
}

/** When the last person's or bot's message of restored items was said (ms), if any was. */
function lastTurnTime(items: readonly ChatItem[]): number | undefined {
  const times = items
    .filter((item) => item.kind === 'user' || item.kind === 'bot')
    .map((item) => Date.parse(item.at))
    .filter((time) => !Number.isNaN(time));
  return times.length > 0 ? Math.max(...times) : undefined;
}
