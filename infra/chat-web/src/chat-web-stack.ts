import { bookTripBot } from '@booktrip/bot-model';
import {
  LOCAL_STAGE,
  ServiceStack,
  workspaceRoot,
  type ServiceStackProps,
} from '@booktrip/constructs';
import { Duration, RemovalPolicy, Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { CfnWebACL } from 'aws-cdk-lib/aws-wafv2';
import type { Construct, IConstruct } from 'constructs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { contentSecurityPolicy } from './content-security-policy';

/** The local cloud's edge and the web port it serves the page on (lc-plan, ARCHITECTURE.md). */
export const LOCAL_EDGE_URL = 'http://localhost:4566';
export const LOCAL_WEB_ORIGIN = 'http://localhost:3000';

/**
 * The edge listens on the loopback address and the local functions sign URLs with it (flipped
 * pictures), while the page names it `localhost`: the CSP allows both spellings.
 */
function loopbackAliases(url: string): string[] {
  const parsed = new URL(url);
  if (parsed.hostname !== 'localhost') return [];
  parsed.hostname = '127.0.0.1';
  return [parsed.origin];
}

export interface ChatWebStackProps extends ServiceStackProps {
  /** The Vite build to deploy; default `apps/chat-web/dist` (Nx builds it before synth). */
  sitePath?: string;
  /** Put a WAF web ACL in front (CloudFront's WAF lives in us-east-1: deploy there). */
  webAcl?: boolean;
  /** The local edge the `local` stage's page talks to. */
  localEdge?: string;
}

/**
 * The chat page: a private bucket read by CloudFront through origin access control, HTTPS
 * only, a response headers policy (CSP, HSTS, nosniff, no framing, referrer policy), SPA
 * fallback to index.html, access logs, optional WAF, and a `config.json` written at deploy
 * time from the SSM parameters the other stacks publish.
 */
export class ChatWebStack extends ServiceStack {
  readonly siteBucket: Bucket;
  readonly logBucket: Bucket;
  readonly distribution: Distribution;
  readonly responseHeaders: ResponseHeadersPolicy;
  readonly deployment: BucketDeployment;
  readonly webAcl?: CfnWebACL;

  constructor(scope: Construct, id: string, props: ChatWebStackProps) {
    super(scope, id, props);
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);
    const sitePath = props.sitePath ?? join(workspaceRoot, 'apps/chat-web/dist');
    if (!existsSync(join(sitePath, 'index.html'))) {
      throw new Error(`No chat page build at ${sitePath}: run \`npx nx run chat-web:build\` first`);
    }
    const local = this.stage === LOCAL_STAGE;
    const localEdge = local ? (props.localEdge ?? LOCAL_EDGE_URL) : undefined;
    const removalPolicy = this.isProduction ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    const region = Stack.of(this).region;

    // CloudFront's standard logs are written with ACLs, so this one bucket keeps them enabled.
    this.logBucket = new Bucket(this, 'AccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      lifecycleRules: [{ expiration: Duration.days(90) }],
      removalPolicy,
    });
    acknowledge(
      this.logBucket,
      'AwsSolutions-S1',
      'This is the access log bucket; logging it into itself would loop.',
    );

    this.siteBucket = new Bucket(this, 'Site', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.logBucket,
      serverAccessLogsPrefix: 'site/',
      removalPolicy,
    });

    const ssm = this.ssm;
    const historyApiUrl = this.sharedValue(ssm.conversationHistory.apiUrl);
    const uploadsBucket = this.sharedValue(ssm.imageFlip.uploadsBucketName);
    const outputBucket = this.sharedValue(ssm.imageFlip.outputBucketName);

    this.responseHeaders = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: `BookTrip chat page (${this.stage}): CSP, HSTS, nosniff, no framing`,
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy({
            region,
            historyApiUrl,
            uploadsBucket,
            outputBucket,
            localEdges: localEdge ? [localEdge, ...loopbackAliases(localEdge)] : undefined,
          }),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          preload: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
      },
      customHeadersBehavior: {
        customHeaders: [
          // The page records no audio and needs no location: the browser refuses both.
          {
            header: 'Permissions-Policy',
            value: 'camera=(), microphone=(), geolocation=()',
            override: true,
          },
        ],
      },
    });

    if (props.webAcl) this.webAcl = this.createWebAcl();

    const origin = S3BucketOrigin.withOriginAccessControl(this.siteBucket);
    const fresh: BehaviorOptions = {
      origin,
      viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      responseHeadersPolicy: this.responseHeaders,
      allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
    };
    this.distribution = new Distribution(this, 'Distribution', {
      comment: `BookTrip chat page (${this.stage})`,
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        // Vite's assets are content-hashed: cached as long as CloudFront likes.
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.responseHeaders,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        compress: true,
      },
      // The page and its configuration change on every deploy: never cached, so no
      // invalidation (and no cloudfront:CreateInvalidation on "*") is needed.
      additionalBehaviors: { '/index.html': fresh, '/config.json': fresh },
      // SPA fallback: a deep link (the bucket answers 403 through OAC for a missing key) gets
      // the page, which routes itself.
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.seconds(0),
      })),
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
      webAclId: this.webAcl?.attrArn,
    });
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'A travel chat for anyone: no country is excluded on purpose.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR4',
      'Served on the default *.cloudfront.net certificate, which CloudFront pins to TLSv1 as its minimum; a custom domain with TLSv1.2_2021 is the fix once there is one.',
    );
    if (!this.webAcl) {
      acknowledge(
        this.distribution,
        'AwsSolutions-CFR2',
        'WAF is optional (context webAcl=true) since a web ACL costs money per month; API Gateway throttles the API anyway.',
      );
    }

    const pageOrigin = local
      ? LOCAL_WEB_ORIGIN
      : `https://${this.distribution.distributionDomainName}`;
    const locale = bookTripBot.locales[0];
    if (!locale) throw new Error('The bot model has no locale');
    this.deployment = new BucketDeployment(this, 'DeployPage', {
      destinationBucket: this.siteBucket,
      sources: [
        Source.asset(sitePath),
        Source.jsonData('config.json', {
          region,
          identityPoolId: this.sharedValue(ssm.platform.identityPoolId),
          botId: this.sharedValue(ssm.lexBot.botId),
          botAliasId: this.sharedValue(ssm.lexBot.botAliasId),
          localeId: locale.localeId,
          historyApiUrl,
          uploadsBucket,
          voiceId: locale.voice.voiceId,
          voiceEngine: locale.voice.engine,
          idleSessionTtlSeconds: bookTripBot.idleSessionTtlInSeconds,
          ...(localEdge ? { endpoint: localEdge } : {}),
        }),
      ],
      prune: true,
      memoryLimit: 512,
    });
    this.acknowledgeDeploymentFindings();

    // The history API's functions read this at run time as their only CORS origin.
    this.share('OriginParameter', ssm.chatWeb.origin, pageOrigin);
    this.share(
      'DistributionIdParameter',
      ssm.chatWeb.distributionId,
      this.distribution.distributionId,
    );
  }

  private createWebAcl(): CfnWebACL {
    const visibility = (metricName: string) => ({
      cloudWatchMetricsEnabled: true,
      metricName,
      sampledRequestsEnabled: true,
    });
    const managed = (name: string, priority: number) => ({
      name,
      priority,
      overrideAction: { none: {} },
      statement: { managedRuleGroupStatement: { vendorName: 'AWS', name } },
      visibilityConfig: visibility(name),
    });
    return new CfnWebACL(this, 'WebAcl', {
      scope: 'CLOUDFRONT',
      defaultAction: { allow: {} },
      visibilityConfig: visibility('booktrip-chat-web'),
      rules: [
        managed('AWSManagedRulesCommonRuleSet', 1),
        managed('AWSManagedRulesKnownBadInputsRuleSet', 2),
        managed('AWSManagedRulesAmazonIpReputationList', 3),
        {
          name: 'RateLimitPerIp',
          priority: 4,
          action: { block: {} },
          statement: { rateBasedStatement: { limit: 1000, aggregateKeyType: 'IP' } },
          visibilityConfig: visibility('RateLimitPerIp'),
        },
      ],
    });
  }

  /** CDK's own BucketDeployment handler: its findings, each with why it is acceptable. */
  private acknowledgeDeploymentFindings(): void {
    const handler = this.node
      .findAll()
      .filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    for (const construct of handler) {
      acknowledge(
        construct,
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        "CDK's BucketDeployment handler: CloudWatch Logs writes only.",
      );
      const copyReason =
        "CDK's BucketDeployment handler copies the page from CDK's asset bucket into the site bucket and prunes old files: object-level wildcards on exactly these two buckets.";
      const site = `<${this.resolve(this.getLogicalId(this.siteBucket.node.defaultChild as CfnElement)) as string}.Arn>/*`;
      for (const finding of [
        'Action::s3:GetObject*',
        'Action::s3:GetBucket*',
        'Action::s3:List*',
        'Action::s3:DeleteObject*',
        'Action::s3:Abort*',
        'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*',
        `Resource::${site}`,
      ]) {
        acknowledge(construct, `AwsSolutions-IAM5[${finding}]`, copyReason);
      }
      acknowledge(
        construct,
        'AwsSolutions-L1',
        "CDK's BucketDeployment handler picks its own Python runtime.",
      );
    }
  }
}

function acknowledge(construct: IConstruct, id: string, reason: string): void {
  Validations.of(construct).acknowledge({ id, reason });
}
