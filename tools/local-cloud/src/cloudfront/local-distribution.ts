import type { LocalResource } from '../edge/contracts';
import { pathPatternMatcher } from './path-pattern';
import type { ResponseHeadersPolicyConfig } from './response-headers';

export const DISTRIBUTION_TYPE = 'AWS::CloudFront::Distribution';
export const RESPONSE_HEADERS_POLICY_TYPE = 'AWS::CloudFront::ResponseHeadersPolicy';

/** One cache behaviour, reduced to what serving a request locally needs. */
export interface LocalBehavior {
  pathPattern?: string;
  matches(path: string): boolean;
  bucket: string;
  /** The origin's `OriginPath`, prefixed to every key. */
  originPath: string;
  allowedMethods: string[];
  responseHeaders?: ResponseHeadersPolicyConfig;
}

export interface LocalDistribution {
  id: string;
  stackName: string;
  defaultRootObject?: string;
  /** Non-default behaviours in template order, then the default one. */
  behaviors: LocalBehavior[];
  errorResponses: { errorCode: number; responseCode?: number; responsePagePath?: string }[];
}

interface Origin {
  Id: string;
  DomainName: string;
  OriginPath?: string;
  S3OriginConfig?: unknown;
  CustomOriginConfig?: unknown;
}
interface Behavior {
  PathPattern?: string;
  TargetOriginId: string;
  AllowedMethods?: string[];
  ResponseHeadersPolicyId?: string;
}
interface DistributionConfig {
  DefaultRootObject?: string;
  Origins?: Origin[];
  DefaultCacheBehavior?: Behavior;
  CacheBehaviors?: Behavior[];
  CustomErrorResponses?: { ErrorCode: number; ResponseCode?: number; ResponsePagePath?: string }[];
}

/** An S3 REST endpoint's host names the bucket: `<bucket>.s3[.<region>].amazonaws.com`. */
const S3_HOST = /^(.+?)\.s3(?:[.-][a-z0-9-]+)?\.amazonaws\.com(?:\.cn)?$/;

function bucketOf(origin: Origin, buckets: Set<string>, distributionId: string): string {
  if (origin.CustomOriginConfig) {
    throw new Error(
      `CloudFront distribution ${distributionId}: origin ${origin.Id} is a custom (HTTP) origin, which the local cloud cannot serve; only S3 bucket origins are supported`,
    );
  }
  const host = String(origin.DomainName);
  const fromHost = S3_HOST.exec(host)?.[1];
  if (fromHost && buckets.has(fromHost)) return fromHost;
  // A resolver may hand back the bucket's name itself for its domain-name attributes.
  if (buckets.has(host)) return host;
  if (fromHost) return fromHost;
  throw new Error(
    `CloudFront distribution ${distributionId}: origin ${origin.Id} (${host}) names no S3 bucket of the loaded stacks`,
  );
}

/**
 * The distributions of the loaded stacks, each behaviour pointing at the bucket its origin
 * reads and carrying its response headers policy. What cannot be served locally (an HTTP
 * origin, a policy that is neither in the templates nor managed) is refused here, at start.
 */
export function localDistributions(
  resources: LocalResource[],
  log: (line: string) => void = () => undefined,
): LocalDistribution[] {
  const buckets = new Set(
    resources.filter((r) => r.type === 'AWS::S3::Bucket').map((r) => r.physicalId),
  );
  const policies = new Map<string, ResponseHeadersPolicyConfig>();
  for (const r of resources.filter((r) => r.type === RESPONSE_HEADERS_POLICY_TYPE)) {
    const config = r.properties.ResponseHeadersPolicyConfig as ResponseHeadersPolicyConfig;
    policies.set(r.physicalId, config);
    policies.set(r.logicalId, config);
  }

  return resources
    .filter((r) => r.type === DISTRIBUTION_TYPE)
    .map((resource) => {
      const id = resource.physicalId;
      const config = (resource.properties.DistributionConfig ?? {}) as DistributionConfig;
      const origins = new Map((config.Origins ?? []).map((o) => [o.Id, o]));
      const behavior = (b: Behavior): LocalBehavior => {
        const origin = origins.get(b.TargetOriginId);
        if (!origin)
          throw new Error(
            `CloudFront distribution ${id}: behaviour targets unknown origin ${b.TargetOriginId}`,
          );
        let responseHeaders: ResponseHeadersPolicyConfig | undefined;
        if (b.ResponseHeadersPolicyId) {
          responseHeaders = policies.get(b.ResponseHeadersPolicyId);
          if (!responseHeaders) {
            log(
              `CloudFront distribution ${id}: response headers policy ${b.ResponseHeadersPolicyId} is not in the templates (a managed policy?); its headers are not added locally`,
            );
          }
        }
        const pattern = b.PathPattern;
        return {
          pathPattern: pattern,
          matches: pattern ? pathPatternMatcher(pattern) : () => true,
          bucket: bucketOf(origin, buckets, id),
          originPath: (origin.OriginPath ?? '').replace(/\/+$/, ''),
          allowedMethods: b.AllowedMethods ?? ['GET', 'HEAD'],
          responseHeaders,
        };
      };
      if (!config.DefaultCacheBehavior)
        throw new Error(`CloudFront distribution ${id} has no DefaultCacheBehavior`);
      return {
        id,
        stackName: resource.stackName,
        defaultRootObject: config.DefaultRootObject || undefined,
        behaviors: [
          ...(config.CacheBehaviors ?? []).map(behavior),
          behavior(config.DefaultCacheBehavior),
        ],
        errorResponses: (config.CustomErrorResponses ?? []).map((e) => ({
          errorCode: Number(e.ErrorCode),
          responseCode: e.ResponseCode === undefined ? undefined : Number(e.ResponseCode),
          responsePagePath: e.ResponsePagePath,
        })),
      };
    });
}
