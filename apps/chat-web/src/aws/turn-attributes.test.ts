import { describe, expect, it } from 'vitest';
import { browserTimeZone, turnAttributes } from './turn-attributes';

describe('turnAttributes', () => {
  it('carries the conversation token and the person’s time zone', () => {
    expect(turnAttributes('tok-1', 'America/Los_Angeles')).toEqual({
      'x-amz-lex:time-zone': 'America/Los_Angeles',
      'x-booktrip-conversation-token': 'tok-1',
    });
  });

  it('leaves out what it does not know rather than sending an empty value', () => {
    expect(turnAttributes(undefined, undefined)).toEqual({});
  });

  it('reads the zone the browser is set to', () => {
    expect(browserTimeZone()).toBe(Intl.DateTimeFormat().resolvedOptions().timeZone);
  });
});
