import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from './app-config';

const valid = {
  region: 'us-east-1',
  identityPoolId: 'us-east-1:0000',
  botId: 'BOT',
  botAliasId: 'ALIAS',
  localeId: 'en_US',
  historyApiUrl: 'https://api.example.com/prod/',
  uploadsBucket: 'uploads',
};

describe('parseConfig', () => {
  it('accepts a complete config, trims the API URL and defaults the voice', () => {
    const config = parseConfig(valid);
    expect(config.historyApiUrl).toBe('https://api.example.com/prod');
    expect(config.voiceId).toBe('Danielle');
    expect(config.endpoint).toBeUndefined();
  });

  it('names every missing or malformed field', () => {
    const error = (() => {
      try {
        parseConfig({ ...valid, botId: '', historyApiUrl: 'ftp://x', endpoint: 'nope' });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.problems).toEqual([
      'botId is missing',
      'historyApiUrl is not an http(s) URL',
      'endpoint is not an http(s) URL',
    ]);
  });

  it('rejects something that is not an object', () => {
    expect(() => parseConfig([])).toThrow(/not a JSON object/);
  });
});

describe('loadConfig', () => {
  it('reports an HTTP failure instead of crashing on the body', async () => {
    const fakeFetch = (async () => new Response('gone', { status: 404 })) as typeof fetch;
    await expect(loadConfig(fakeFetch)).rejects.toThrow(/HTTP 404/);
  });

  it('reports a body that is not JSON', async () => {
    const fakeFetch = (async () => new Response('<html>', { status: 200 })) as typeof fetch;
    await expect(loadConfig(fakeFetch)).rejects.toThrow(/not valid JSON/);
  });
});
