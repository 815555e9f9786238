import { afterEach, describe, expect, it, vi } from 'vitest';
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

  describe('browserTimeZone', () => {
    afterEach(() => vi.restoreAllMocks());
    const browserSays = (timeZone: string) => {
      const real = Intl.DateTimeFormat.prototype.resolvedOptions;
      vi.spyOn(Intl.DateTimeFormat.prototype, 'resolvedOptions').mockImplementation(function (
        this: Intl.DateTimeFormat,
      ) {
        return { ...real.call(this), timeZone };
      });
    };

    it('reads the zone the browser is set to', () => {
      browserSays('Pacific/Kiritimati');
      expect(browserTimeZone()).toBe('Pacific/Kiritimati');
    });

    it('says nothing where the browser names no zone, so no empty attribute is sent', () => {
      browserSays('');
      expect(browserTimeZone()).toBeUndefined();
      expect(turnAttributes('tok-1', browserTimeZone())).toEqual({
        'x-booktrip-conversation-token': 'tok-1',
      });
    });
  });
});
