/**
 * What went wrong, as a person needs to hear it: each kind has its own words and its own way
 * to carry on (retry the same thing, or start a new chat).
 */
export type ProblemKind =
  'offline' | 'throttled' | 'unavailable' | 'expired' | 'denied' | 'invalid';

export interface Problem {
  kind: ProblemKind;
  title: string;
  detail: string;
  /** The label of the way out: retry the failed step or start over. */
  action: 'Retry' | 'Start a new chat';
}

const PROBLEMS: Record<ProblemKind, Omit<Problem, 'kind'>> = {
  offline: {
    title: 'You are offline',
    detail: 'Check your connection; your message is kept and can be sent again.',
    action: 'Retry',
  },
  throttled: {
    title: 'Too many requests right now',
    detail: 'BookTrip is busy. Wait a few seconds, then try again.',
    action: 'Retry',
  },
  unavailable: {
    title: 'BookTrip is unavailable',
    detail: 'The service did not answer. Try again in a moment.',
    action: 'Retry',
  },
  expired: {
    title: 'This chat timed out',
    detail: 'Continue in a new one: your earlier chats stay in the list.',
    action: 'Start a new chat',
  },
  denied: {
    title: 'Not allowed',
    detail: 'This chat is not yours, or your guest access has changed. Start a new chat.',
    action: 'Start a new chat',
  },
  invalid: {
    title: 'That could not be sent',
    detail: 'The message was refused. Rephrase it and try again.',
    action: 'Retry',
  },
};

export const problem = (kind: ProblemKind, detail?: string): Problem => ({
  kind,
  ...PROBLEMS[kind],
  ...(detail ? { detail } : {}),
});

const THROTTLED = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'Throttling',
  'SlowDown',
  'LimitExceededException',
]);
const EXPIRED = new Set(['ExpiredTokenException', 'ExpiredToken', 'NotAuthorizedException']);
const DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'Forbidden']);
const INVALID = new Set(['ValidationException', 'BadRequestException', 'BAD_REQUEST']);

/** Reads an SDK v3 error, a fetch failure or an HTTP status into a problem. */
export function classifyError(error: unknown, online: boolean = navigator.onLine): Problem {
  if (!online) return problem('offline');
  const e = (error ?? {}) as {
    name?: string;
    code?: string;
    status?: number;
    $metadata?: { httpStatusCode?: number };
  };
  const name = e.name ?? e.code ?? '';
  const status = e.status ?? e.$metadata?.httpStatusCode;
  if (THROTTLED.has(name) || status === 429) return problem('throttled');
  if (EXPIRED.has(name)) return problem('expired');
  if (DENIED.has(name) || status === 403) return problem('denied');
  if (INVALID.has(name) || status === 400) return problem('invalid');
  // A TypeError from fetch is the browser saying the network failed.
  if (error instanceof TypeError) return problem('unavailable');
  return problem('unavailable');
}

/** Lex starts a new session silently after the bot's idle timeout: the page tells the person. */
export function hasTimedOut(
  lastTurnAt: number | undefined,
  now: number,
  ttlSeconds: number,
): boolean {
  return lastTurnAt !== undefined && now - lastTurnAt > ttlSeconds * 1000;
}
