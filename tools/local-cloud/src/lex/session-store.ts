import type { LexMessage } from './messages';
import type { SlotValue } from './slot-types';

export type IntentStateName =
  | 'InProgress'
  | 'ReadyForFulfillment'
  | 'Waiting'
  | 'FulfillmentInProgress'
  | 'Fulfilled'
  | 'Failed';
export type ConfirmationStateName = 'None' | 'Confirmed' | 'Denied';
export type DialogActionType =
  'Close' | 'ConfirmIntent' | 'Delegate' | 'ElicitIntent' | 'ElicitSlot' | 'None';

export type Slot =
  | { shape: 'Scalar'; value: SlotValue }
  | { shape: 'List'; value?: SlotValue; values: { shape: 'Scalar'; value: SlotValue }[] };

export interface SessionIntent {
  name: string;
  slots: Record<string, Slot | null>;
  state: IntentStateName;
  confirmationState: ConfirmationStateName;
}

export interface DialogAction {
  type: DialogActionType;
  slotToElicit?: string;
}

export interface Interpretation {
  intent: SessionIntent;
  /** Absent for the fallback intent, as in Lex. */
  nluConfidence?: number;
}

/** One conversation's state between turns, as Lex keeps it for the idle TTL. */
export interface Session {
  sessionId: string;
  sessionAttributes: Record<string, string>;
  intent?: SessionIntent;
  dialogAction?: DialogAction;
  /** How many times the pending question (slot or confirmation) was re-asked. */
  attempt: number;
  originatingRequestId?: string;
  lastActivity: number;
  /** The last turn's answer, for GetSession. */
  messages: LexMessage[];
  interpretations: Interpretation[];
}

/**
 * Sessions keyed by bot, alias, locale and session id. A session idle for longer than the bot's
 * TTL is gone — the next request starts a new one, as Lex does — and one request at a time may
 * work on a session (Lex answers a second with ConflictException).
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly busy = new Set<string>();

  constructor(private readonly now: () => Date) {}

  get(key: string, ttlSeconds: number): Session | undefined {
    const session = this.sessions.get(key);
    if (!session) return undefined;
    if (this.now().getTime() - session.lastActivity > ttlSeconds * 1000) {
      this.sessions.delete(key);
      return undefined;
    }
    return session;
  }

  save(key: string, session: Session): void {
    this.sessions.set(key, { ...session, lastActivity: this.now().getTime() });
  }

  delete(key: string): boolean {
    return this.sessions.delete(key);
  }

  /** Runs `work` holding the session's lock; `undefined` when another request holds it. */
  async exclusive<T>(key: string, work: () => Promise<T>): Promise<{ result: T } | undefined> {
    if (this.busy.has(key)) return undefined;
    this.busy.add(key);
    try {
      return { result: await work() };
    } finally {
      this.busy.delete(key);
    }
  }
}

export function newSession(sessionId: string, now: Date): Session {
  return {
    sessionId,
    sessionAttributes: {},
    attempt: 0,
    lastActivity: now.getTime(),
    messages: [],
    interpretations: [],
  };
}
