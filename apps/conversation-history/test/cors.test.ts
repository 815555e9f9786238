import { allowedOriginReader, ALLOWED_ORIGIN_MAX_AGE_SECONDS } from '../src/api/allowed-origin';
import { corsHeaders, originOf, preflightHeaders, requestOrigin } from '../src/api/cors';

const PAGE = 'https://d111111abcdef8.cloudfront.net';

describe('corsHeaders: whether a response may be read by the page that asked', () => {
  it.each([
    ['the page itself', PAGE, { 'Access-Control-Allow-Origin': PAGE, Vary: 'Origin' }],
    ['another site', 'https://evil.example', { Vary: 'Origin' }],
    ['a look-alike that starts with the page', `${PAGE}.evil.example`, { Vary: 'Origin' }],
    ['the page over http', PAGE.replace('https:', 'http:'), { Vary: 'Origin' }],
    ['a sandboxed frame ("null")', 'null', { Vary: 'Origin' }],
    ['no Origin (not a browser)', undefined, { Vary: 'Origin' }],
  ])('%s', (_, origin, expected) => {
    expect(corsHeaders(origin, PAGE)).toEqual(expected);
  });

  it('sends no CORS header at all while the allowed origin is unknown', () => {
    expect(corsHeaders(PAGE, undefined)).toEqual({});
  });
});

describe('preflightHeaders', () => {
  it("allows the page the resource's methods and its signed request headers", () => {
    expect(preflightHeaders(PAGE, PAGE, ['POST', 'GET'])).toEqual({
      'Access-Control-Allow-Origin': PAGE,
      'Access-Control-Allow-Methods': 'POST,GET,OPTIONS',
      'Access-Control-Allow-Headers':
        'Content-Type,X-Amz-Date,Authorization,X-Api-Key,X-Amz-Security-Token,X-Amz-User-Agent,x-correlation-id',
      'Access-Control-Max-Age': '3600',
      Vary: 'Origin',
    });
  });

  it('allows nothing to another origin, or on a resource with no route', () => {
    expect(preflightHeaders('https://evil.example', PAGE, ['GET'])).toEqual({ Vary: 'Origin' });
    expect(preflightHeaders(PAGE, PAGE, [])).toEqual({ Vary: 'Origin' });
    expect(preflightHeaders(PAGE, undefined, ['GET'])).toEqual({});
  });
});

describe('originOf / requestOrigin', () => {
  it('reduces a configured URL to its origin and refuses what is not an http(s) origin', () => {
    expect(originOf(`${PAGE}/`)).toBe(PAGE);
    expect(originOf(' HTTPS://Chat.Example.com:443/index.html ')).toBe('https://chat.example.com');
    expect(originOf('http://localhost:3000')).toBe('http://localhost:3000');
    expect(originOf('chat.example.com')).toBeUndefined();
    expect(originOf('javascript:alert(1)')).toBeUndefined();
    expect(originOf('')).toBeUndefined();
  });

  it("finds the Origin header whatever its name's case", () => {
    expect(requestOrigin({ Origin: PAGE })).toBe(PAGE);
    expect(requestOrigin({ origin: PAGE })).toBe(PAGE);
    expect(requestOrigin({ host: 'x' })).toBeUndefined();
    expect(requestOrigin(null)).toBeUndefined();
  });
});

describe('allowedOriginReader', () => {
  const NAME = '/booktrip/test/chat-web/origin';
  const reader = (read: (name: string) => Promise<unknown>, parameterName = NAME) => {
    const errors: string[] = [];
    const calls: { name: string; maxAge: number }[] = [];
    const readOrigin = allowedOriginReader({
      parameterName: () => parameterName,
      read: (name, options) => {
        calls.push({ name, ...options });
        return read(name);
      },
      log: { error: (message) => errors.push(message) },
    });
    return { readOrigin, errors, calls };
  };

  it('reads the named parameter with the 5-minute cache and returns its origin', async () => {
    const { readOrigin, errors, calls } = reader(async () => `${PAGE}/`);

    await expect(readOrigin()).resolves.toBe(PAGE);
    expect(calls).toEqual([{ name: NAME, maxAge: ALLOWED_ORIGIN_MAX_AGE_SECONDS }]);
    expect(ALLOWED_ORIGIN_MAX_AGE_SECONDS).toBe(300);
    expect(errors).toEqual([]);
  });

  it('logs a clear line and allows no origin when the parameter is missing', async () => {
    const missing = Object.assign(new Error('Parameter not found'), { name: 'ParameterNotFound' });
    const { readOrigin, errors } = reader(() => Promise.reject(missing));

    await expect(readOrigin()).resolves.toBeUndefined();
    expect(errors).toEqual([
      `No CORS origin: SSM parameter ${NAME} could not be read; answering without CORS headers`,
    ]);
  });

  it('allows no origin when the parameter holds something else, or no parameter is named', async () => {
    const garbage = reader(async () => 'not a url');
    const unnamed = reader(async () => PAGE, '');

    await expect(garbage.readOrigin()).resolves.toBeUndefined();
    await expect(unnamed.readOrigin()).resolves.toBeUndefined();
    expect(garbage.errors).toEqual([
      `No CORS origin: SSM parameter ${NAME} holds no http(s) origin ("not a url"); answering without CORS headers`,
    ]);
    expect(unnamed.errors).toEqual([
      'No CORS origin: the function names no SSM parameter; answering without CORS headers',
    ]);
    expect(unnamed.calls).toEqual([]);
  });
});
