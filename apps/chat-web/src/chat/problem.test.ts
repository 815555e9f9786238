import { describe, expect, it } from 'vitest';
import { classifyError, hasTimedOut } from './problem';

const sdkError = (name: string, status: number) =>
  Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

describe('classifyError', () => {
  it('is offline whatever the error when the browser is offline', () => {
    expect(classifyError(sdkError('ThrottlingException', 429), false).kind).toBe('offline');
  });

  it.each([
    ['ThrottlingException', 429, 'throttled', 'Retry'],
    ['InternalServerException', 500, 'unavailable', 'Retry'],
    ['DependencyFailedException', 424, 'unavailable', 'Retry'],
    ['ExpiredTokenException', 400, 'expired', 'Start a new chat'],
    ['AccessDeniedException', 403, 'denied', 'Start a new chat'],
    ['ValidationException', 400, 'invalid', 'Retry'],
  ])('%s (%i) is %s with the way out %s', (name, status, kind, action) => {
    const result = classifyError(sdkError(name, status), true);
    expect(result.kind).toBe(kind);
    expect(result.action).toBe(action);
  });

  it('treats a failed fetch as the service being unavailable', () => {
    expect(classifyError(new TypeError('Failed to fetch'), true).kind).toBe('unavailable');
  });

  it('reads a plain HTTP status', () => {
    expect(classifyError({ status: 429 }, true).kind).toBe('throttled');
  });
});

describe('hasTimedOut', () => {
  it('is false before the first turn and within the TTL, true after it', () => {
    expect(hasTimedOut(undefined, 10_000_000, 300)).toBe(false);
    expect(hasTimedOut(0, 299_000, 300)).toBe(false);
    expect(hasTimedOut(0, 301_000, 300)).toBe(true);
  });
});
