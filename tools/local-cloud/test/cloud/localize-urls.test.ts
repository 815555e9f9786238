import { localizeUrls, localizeUrlsDeep } from '../../src/cloud/localize-urls';

const EDGE = 'http://127.0.0.1:4566';

describe('localizeUrls', () => {
  it("turns a queue Ref's URL into the local SQS's own URL on the edge", () => {
    expect(localizeUrls('http://sqs.us-east-1.localhost/000000000000/Orders', EDGE)).toBe(
      'http://127.0.0.1:4566/000000000000/Orders',
    );
    // With a trailing slash on the endpoint, and inside a longer string (Fn::Join / Fn::Sub).
    expect(
      localizeUrls('queue=http://sqs.eu-west-1.localhost/000000000000/a-b_c.fifo;x', `${EDGE}/`),
    ).toBe('queue=http://127.0.0.1:4566/000000000000/a-b_c.fifo;x');
  });

  it('turns a deployed stage URL into the REST API on the edge', () => {
    expect(localizeUrls('https://abc123.execute-api.us-east-1.amazonaws.com/prod/', EDGE)).toBe(
      `${EDGE}/restapis/abc123/prod/_user_request_/`,
    );
  });

  it('leaves other URLs alone and reaches every string of a nested value', () => {
    const value = {
      env: { QUEUE_URL: 'http://sqs.us-east-1.localhost/000000000000/Q', SITE: 'https://x.test/' },
      list: ['http://sqs.us-east-1.localhost/000000000000/R', 3, null],
    };
    expect(localizeUrlsDeep(value, EDGE)).toEqual({
      env: { QUEUE_URL: `${EDGE}/000000000000/Q`, SITE: 'https://x.test/' },
      list: [`${EDGE}/000000000000/R`, 3, null],
    });
  });

  it('moves the default ports a stack names to the ports the cloud listens on, in one pass', () => {
    const config = JSON.stringify({
      endpoint: 'http://localhost:4566',
      origin: 'http://localhost:3000',
      csp: "connect-src 'self' http://127.0.0.1:4566 http://localhost:4566/x",
      other: 'http://localhost:45660 http://localhost:8080 https://localhost:4566',
    });
    expect(
      JSON.parse(localizeUrls(config, 'http://127.0.0.1:40001', 'http://localhost:40002')),
    ).toEqual({
      endpoint: 'http://localhost:40001',
      origin: 'http://localhost:40002',
      csp: "connect-src 'self' http://127.0.0.1:40001 http://localhost:40001/x",
      other: 'http://localhost:45660 http://localhost:8080 https://localhost:4566',
    });
    // Swapped ports are not moved twice.
    expect(
      localizeUrls(
        'http://localhost:4566 http://localhost:3000',
        'http://127.0.0.1:3000',
        'http://localhost:4566',
      ),
    ).toBe('http://localhost:3000 http://localhost:4566');
    // On the default ports nothing changes.
    expect(localizeUrls('http://localhost:4566', EDGE, 'http://localhost:3000')).toBe(
      'http://localhost:4566',
    );
  });
});
