/**
 * The local CloudFront. Factory: `createLocalCloudFront(deps)` with
 * - `resources`: every loaded `LocalResource` (distributions, response headers policies and
 *   the S3 buckets their origins name are read from them);
 * - `readObject(bucket, key)`: the local S3's object (body, content type, ETag, last
 *   modified, cache control) or `undefined` when the key does not exist — read as the
 *   distribution's origin access control would, with no guest IAM check;
 * - `distributionId?`: which distribution the web port serves when there are several;
 * - `log?`.
 * It returns `{ distribution, distributions, handle(request), handler, stop() }`: mount
 * `handler` on the web port (`startLocalCloud({ webHandler })`) when `distribution` exists;
 * `webPortHandler(deps, statusPage)` makes that choice. `s3ObjectReader(client)` is the
 * `readObject` over a client of the local S3's backend.
 */
export { createLocalCloudFront, webPortHandler } from './cloudfront-site';
export { s3ObjectReader } from './s3-object-reader';
export type {
  CloudFrontDeps,
  CloudFrontRequest,
  LocalCloudFront,
  ReadObject,
  StoredObject,
} from './cloudfront-site';
export {
  localDistributions,
  DISTRIBUTION_TYPE,
  RESPONSE_HEADERS_POLICY_TYPE,
} from './local-distribution';
export type { LocalBehavior, LocalDistribution } from './local-distribution';
export { applyResponseHeadersPolicy, headerRules } from './response-headers';
export type { ResponseHeadersPolicyConfig } from './response-headers';
export { pathPatternMatcher } from './path-pattern';
