import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createLocalCloudFront,
  pathPatternMatcher,
  webPortHandler,
  type StoredObject,
} from '../../src/cloudfront';
import type { LocalResource } from '../../src/edge/contracts';

const CSP = "default-src 'none'; script-src 'self'; connect-src 'self' http://localhost:4566";

const resource = (
  logicalId: string,
  type: string,
  physicalId: string,
  properties: Record<string, unknown> = {},
): LocalResource => ({
  stackName: 'site-stack',
  logicalId,
  type,
  physicalId,
  properties,
  assemblyDir: '/tmp',
});

const behavior = (extra: Record<string, unknown> = {}) => ({
  TargetOriginId: 'SiteOrigin',
  ViewerProtocolPolicy: 'redirect-to-https',
  AllowedMethods: ['GET', 'HEAD'],
  ResponseHeadersPolicyId: 'site-headers',
  ...extra,
});

/** A distribution as CDK synthesizes one for a private bucket with OAC, intrinsics resolved. */
function resources(overrides: Record<string, unknown> = {}): LocalResource[] {
  return [
    resource('Site', 'AWS::S3::Bucket', 'site-bucket'),
    resource('Headers', 'AWS::CloudFront::ResponseHeadersPolicy', 'site-headers', {
      ResponseHeadersPolicyConfig: {
        Name: 'site-headers',
        SecurityHeadersConfig: {
          ContentSecurityPolicy: { ContentSecurityPolicy: CSP, Override: true },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
          StrictTransportSecurity: {
            AccessControlMaxAgeSec: 63072000,
            IncludeSubdomains: true,
            Preload: true,
            Override: true,
          },
        },
        CustomHeadersConfig: {
          Items: [{ Header: 'Permissions-Policy', Value: 'camera=()', Override: false }],
        },
      },
    }),
    resource('Distribution', 'AWS::CloudFront::Distribution', 'E2LOCAL', {
      DistributionConfig: {
        DefaultRootObject: 'index.html',
        Origins: [
          {
            Id: 'SiteOrigin',
            DomainName: 'site-bucket.s3.us-east-1.amazonaws.com',
            S3OriginConfig: { OriginAccessIdentity: '' },
            OriginAccessControlId: 'oac',
          },
        ],
        DefaultCacheBehavior: behavior(),
        CacheBehaviors: [behavior({ PathPattern: '/config.json' })],
        CustomErrorResponses: [
          {
            ErrorCode: 403,
            ResponseCode: 200,
            ResponsePagePath: '/index.html',
            ErrorCachingMinTTL: 0,
          },
          {
            ErrorCode: 404,
            ResponseCode: 200,
            ResponsePagePath: '/index.html',
            ErrorCachingMinTTL: 0,
          },
        ],
        ...overrides,
      },
    }),
  ];
}

const objects: Record<string, StoredObject> = {
  'index.html': { body: Buffer.from('<!doctype html><div id=root></div>'), etag: 'abc' },
  'assets/index-1.js': { body: Buffer.from('console.log(1)'), contentType: 'text/javascript' },
  'config.json': { body: Buffer.from('{"region":"us-east-1"}'), contentType: 'application/json' },
};

function fakeS3() {
  const reads: string[] = [];
  const readObject = async (bucket: string, key: string) => {
    reads.push(`${bucket}/${key}`);
    return bucket === 'site-bucket' ? objects[key] : undefined;
  };
  return { reads, readObject };
}

describe('local CloudFront', () => {
  it('serves the default root object at / with the policy headers', async () => {
    const s3 = fakeS3();
    const cf = createLocalCloudFront({ resources: resources(), readObject: s3.readObject });
    const response = await cf.handle({ method: 'GET', path: '/' });
    expect(response.status).toBe(200);
    expect(String(response.body)).toContain('id=root');
    expect(s3.reads).toEqual(['site-bucket/index.html']);
    expect(response.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': CSP,
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'DENY',
      'referrer-policy': 'strict-origin-when-cross-origin',
      'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
      'permissions-policy': 'camera=()',
      etag: '"abc"',
    });
  });

  it('falls back to index.html with 200 for a deep link (SPA)', async () => {
    const cf = createLocalCloudFront({ resources: resources(), readObject: fakeS3().readObject });
    const response = await cf.handle({ method: 'GET', path: '/c/3f0e/anything' });
    expect(response.status).toBe(200);
    expect(response.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(String(response.body)).toContain('id=root');
  });

  it('answers 403 AccessDenied for a missing key when no error response is configured', async () => {
    const cf = createLocalCloudFront({
      resources: resources({ CustomErrorResponses: [] }),
      readObject: fakeS3().readObject,
    });
    const response = await cf.handle({ method: 'GET', path: '/missing.js' });
    expect(response.status).toBe(403);
    expect(String(response.body)).toContain('<Code>AccessDenied</Code>');
    expect(response.headers?.['content-security-policy']).toBe(CSP);
  });

  it('serves objects with their stored type, HEAD without a body, and 304 for a matching ETag', async () => {
    const cf = createLocalCloudFront({ resources: resources(), readObject: fakeS3().readObject });
    const js = await cf.handle({ method: 'GET', path: '/assets/index-1.js' });
    expect(js.headers?.['content-type']).toBe('text/javascript');
    const head = await cf.handle({ method: 'HEAD', path: '/config.json' });
    expect(head.status).toBe(200);
    expect(head.body).toBeUndefined();
    const cached = await cf.handle({
      method: 'GET',
      path: '/index.html',
      headers: { 'if-none-match': '"abc"' },
    });
    expect(cached.status).toBe(304);
  });

  it('refuses a method the behaviour does not allow', async () => {
    const cf = createLocalCloudFront({ resources: resources(), readObject: fakeS3().readObject });
    expect((await cf.handle({ method: 'POST', path: '/config.json' })).status).toBe(403);
  });

  it('does not let an origin header survive an overriding policy, and keeps it otherwise', async () => {
    const readObject = async () => ({
      body: Buffer.from('x'),
      contentType: 'text/plain',
      cacheControl: 'no-cache',
    });
    const cf = createLocalCloudFront({ resources: resources(), readObject });
    const response = await cf.handle({ method: 'GET', path: '/a.txt' });
    expect(response.headers?.['cache-control']).toBe('no-cache');
    expect(response.headers?.['x-frame-options']).toBe('DENY');
  });

  it('refuses a custom HTTP origin loudly at start', () => {
    const custom = resources({
      Origins: [
        {
          Id: 'SiteOrigin',
          DomainName: 'example.com',
          CustomOriginConfig: { OriginProtocolPolicy: 'https-only' },
        },
      ],
    });
    expect(() =>
      createLocalCloudFront({ resources: custom, readObject: fakeS3().readObject }),
    ).toThrow(/custom \(HTTP\) origin.*only S3 bucket origins/);
  });

  it('names a missing distribution and answers 404 when the stacks have none', async () => {
    expect(() =>
      createLocalCloudFront({
        resources: resources(),
        readObject: fakeS3().readObject,
        distributionId: 'NOPE',
      }),
    ).toThrow(/No CloudFront distribution NOPE.*E2LOCAL/);
    const none = createLocalCloudFront({ resources: [], readObject: fakeS3().readObject });
    expect(none.distribution).toBeUndefined();
    expect((await none.handle({ method: 'GET', path: '/' })).status).toBe(404);
  });

  it('serves over HTTP as a request listener', async () => {
    const cf = createLocalCloudFront({ resources: resources(), readObject: fakeS3().readObject });
    const server = createServer(cf.handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/config.json?v=1`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ region: 'us-east-1' });
      expect(response.headers.get('content-security-policy')).toBe(CSP);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('webPortHandler', () => {
  it('serves the distribution when there is one, the fallback otherwise', () => {
    const fallback = () => undefined;
    expect(webPortHandler({ resources: [], readObject: fakeS3().readObject }, fallback)).toBe(
      fallback,
    );
    expect(
      webPortHandler({ resources: resources(), readObject: fakeS3().readObject }, fallback),
    ).not.toBe(fallback);
  });
});

describe('pathPatternMatcher', () => {
  it.each([
    ['/config.json', '/config.json', true],
    ['config.json', '/config.json', true],
    ['/images/*.png', '/images/a/b.png', true],
    ['/images/*.png', '/images/a.jpg', false],
    ['/a?.js', '/ab.js', true],
    ['/a?.js', '/abc.js', false],
    ['/Config.json', '/config.json', false],
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(pathPatternMatcher(pattern)(path)).toBe(expected);
  });
});
