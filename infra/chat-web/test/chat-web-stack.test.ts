import { BookTripApp, ssmNames } from '@booktrip/constructs';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChatWebStack, LOCAL_EDGE_URL } from '../src/chat-web-stack';

/** A stand-in for the Vite build: the stack only needs a folder with index.html. */
const site = mkdtempSync(join(tmpdir(), 'chat-web-site-'));
mkdirSync(join(site, 'assets'));
writeFileSync(join(site, 'index.html'), '<!doctype html><title>BookTrip</title>');
writeFileSync(join(site, 'assets', 'index-abc.js'), 'console.log(1)');

function synth(stage = 'test', extra: { webAcl?: boolean } = {}) {
  const app = new BookTripApp({ context: { stage } });
  const stack = new ChatWebStack(app, 'ChatWeb', {
    service: 'chat-web',
    stage,
    sitePath: site,
    ...extra,
  });
  // Template.fromStack runs cdk-nag and the wildcard check: any unacknowledged finding throws.
  return { stack, template: Template.fromStack(stack) };
}

const { template } = synth();

/** The CSP with CloudFormation tokens shown as `{token}`. */
function csp(t: Template): string {
  const policy = Object.values(t.findResources('AWS::CloudFront::ResponseHeadersPolicy'))[0];
  const value = policy?.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig
    .ContentSecurityPolicy.ContentSecurityPolicy as string | { 'Fn::Join': [string, unknown[]] };
  if (typeof value === 'string') return value;
  return value['Fn::Join'][1].map((part) => (typeof part === 'string' ? part : '{token}')).join('');
}

describe('site bucket', () => {
  it('is private, encrypted, TLS-only and logs access', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: 'site/' },
    });
  });

  it('is read only by this distribution through origin access control', () => {
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Condition: { StringEquals: { 'AWS:SourceArn': Match.anyValue() } },
          }),
        ]),
      },
    });
  });
});

describe('distribution', () => {
  const config = () =>
    Object.values(template.findResources('AWS::CloudFront::Distribution'))[0]?.Properties
      .DistributionConfig;

  it('redirects to HTTPS everywhere and serves index.html at the root', () => {
    const c = config();
    expect(c.DefaultRootObject).toBe('index.html');
    expect(c.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    for (const behavior of c.CacheBehaviors)
      expect(behavior.ViewerProtocolPolicy).toBe('redirect-to-https');
  });

  it('falls back to the page for deep links (SPA)', () => {
    expect(config().CustomErrorResponses).toEqual([
      { ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
      { ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/index.html', ErrorCachingMinTTL: 0 },
    ]);
  });

  it('never caches index.html and config.json, and writes access logs', () => {
    const c = config();
    expect(c.CacheBehaviors.map((b: { PathPattern: string }) => b.PathPattern).sort()).toEqual([
      '/config.json',
      '/index.html',
    ]);
    // CachingDisabled, AWS's managed policy id.
    for (const b of c.CacheBehaviors)
      expect(b.CachePolicyId).toBe('4135ea2d-6df8-44a3-9df3-4b5a84be39ad');
    expect(c.Logging).toEqual({
      Bucket: { 'Fn::GetAtt': [expect.stringMatching(/^AccessLogs/), 'RegionalDomainName'] },
      Prefix: 'cloudfront/',
    });
  });

  it('has no WAF unless asked, and one in CLOUDFRONT scope when asked', () => {
    expect(config().WebACLId).toBeUndefined();
    const withWaf = synth('test', { webAcl: true }).template;
    withWaf.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'CLOUDFRONT',
      DefaultAction: { Allow: {} },
    });
    const d = Object.values(withWaf.findResources('AWS::CloudFront::Distribution'))[0];
    expect(d?.Properties.DistributionConfig.WebACLId).toEqual({ 'Fn::GetAtt': ['WebAcl', 'Arn'] });
  });
});

describe('response headers policy', () => {
  it('sends HSTS, nosniff, DENY framing and a strict referrer policy on every behaviour', () => {
    template.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: {
        SecurityHeadersConfig: Match.objectLike({
          StrictTransportSecurity: {
            AccessControlMaxAgeSec: 63072000,
            IncludeSubdomains: true,
            Preload: true,
            Override: true,
          },
          ContentTypeOptions: { Override: true },
          FrameOptions: { FrameOption: 'DENY', Override: true },
          ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
        }),
      },
    });
  });

  it('has a CSP without inline scripts that allows only the AWS endpoints the page calls', () => {
    const policy = csp(template);
    expect(policy).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    const connect = policy.split('; ').find((d) => d.startsWith('connect-src'));
    expect(connect).toBe(
      "connect-src 'self' https://cognito-identity.{token}.amazonaws.com https://runtime-v2-lex.{token}.amazonaws.com https://polly.{token}.amazonaws.com {token} https://{token}.s3.{token}.amazonaws.com https://{token}.s3.amazonaws.com",
    );
    expect(policy).not.toContain('localhost');
  });

  it('lets the local stage page reach the local edge', () => {
    const local = csp(synth('local').template);
    const connect = local.split('; ').find((d) => d.startsWith('connect-src'));
    expect(connect).toContain(LOCAL_EDGE_URL);
    // Flipped pictures come back as URLs the local functions signed for the loopback address.
    expect(local.split('; ').find((d) => d.startsWith('img-src'))).toContain(
      'http://127.0.0.1:4566',
    );
    expect(local).not.toContain('upgrade-insecure-requests');
  });
});

describe('config.json and deployment', () => {
  it('deploys the build and a config.json from SSM values resolved at deploy time', () => {
    const deployment = Object.values(template.findResources('Custom::CDKBucketDeployment'))[0];
    expect(deployment?.Properties.SourceObjectKeys).toHaveLength(2);
    expect(deployment?.Properties.Prune).toBe(true);
    const markers = JSON.stringify(deployment?.Properties.SourceMarkers);
    const ssm = ssmNames('test');
    const parameters = template.toJSON().Parameters as Record<
      string,
      { Type: string; Default: string }
    >;
    const ssmParameters = Object.values(parameters).filter(
      (p) => p.Type.startsWith('AWS::SSM::Parameter::Value') && p.Default.startsWith('/booktrip/'),
    );
    expect(ssmParameters.map((p) => p.Default).sort()).toEqual(
      [
        ssm.platform.identityPoolId,
        ssm.lexBot.botId,
        ssm.lexBot.botAliasId,
        ssm.conversationHistory.apiUrl,
        ssm.imageFlip.uploadsBucketName,
        ssm.imageFlip.outputBucketName,
      ].sort(),
    );
    expect(markers).toContain('AWS::Region');
  });

  it('publishes the page origin for the history API CORS', () => {
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: ssmNames('test').chatWeb.origin,
      Value: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [Match.anyValue(), 'DomainName'] }]] },
    });
    synth('local').template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: ssmNames('local').chatWeb.origin,
      Value: 'http://localhost:3000',
    });
  });

  it('refuses to synthesize without a build, saying how to make one', () => {
    const app = new BookTripApp({ context: { stage: 'test' } });
    expect(
      () =>
        new ChatWebStack(app, 'X', {
          service: 'chat-web',
          stage: 'test',
          sitePath: join(site, 'nope'),
        }),
    ).toThrow(/nx run chat-web:build/);
  });
});
