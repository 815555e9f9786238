// S3 for the local cloud: s3rver behind the edge.
//
// createS3(deps):
//   resources  the loaded stacks' LocalResources: AWS::S3::Bucket (name = physicalId, CORS
//              rules, EventBridgeConfiguration), Custom::S3BucketNotifications (applied
//              natively), Custom::CDKBucketDeployment (run at start from the assembly's assets)
//   authorize  guests are asked about every action S3 would authorize (s3:PutObject on
//              arn:aws:s3:::bucket/key, …); denials answer AccessDenied 403 XML
//   accountId  the events' requester and account
//   putEvents  where EventBridge-enabled buckets send Object Created / Object Deleted, as
//              PutEvents entries for the default bus (source aws.s3)
//   persistDir under --persist objects live in <persistDir>/s3 and survive a restart
//   log        deployments and undeliverable events
// The edge must resolve presigned URLs' callers from their X-Amz-Credential query parameter
// (and verify their signature) just as it does Authorization headers; expiry is checked here.
// returns { service, backendEndpoint, client, buckets, deployments, idle, stop }.
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { join } from 'node:path';
import type { Authorize, Caller, LocalResource } from '../edge/contracts';
import {
  adminRequest,
  runBucketDeployment,
  type DeploymentResult,
  type DeploymentTarget,
} from './bucket-deployment';
import { corsConfigurationXml, localBucketsOf, type LocalBucket } from './local-buckets';
import { startS3Local } from './s3-local';
import { s3Service, type LocalS3Service, type PutEventsResult } from './s3-service';

export interface S3Deps {
  resources: readonly LocalResource[];
  authorize: Authorize;
  accountId: string;
  putEvents?: (entries: PutEventsRequestEntry[]) => Promise<PutEventsResult | void>;
  /** Accepted for the common module shape; S3 ARNs carry neither. */
  region?: string;
  endpoint?: string;
  persistDir?: string;
  /** Applied to the files a deployment generates from template values (`Source.data`/`jsonData`). */
  localize?: (text: string) => string;
  log?: (line: string) => void;
}

export interface LocalS3 {
  service: LocalS3Service;
  /** s3rver's own endpoint (no IAM checks, no events): for the local cloud's internals only. */
  backendEndpoint: string;
  /** A client on s3rver itself. */
  client: S3Client;
  buckets: readonly LocalBucket[];
  deployments: readonly DeploymentResult[];
  /** Resolves once every object event so far has been handed to `putEvents`. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export async function createS3(deps: S3Deps): Promise<LocalS3> {
  const buckets = localBucketsOf(deps.resources);
  const local = await startS3Local({
    bucketConfigs: buckets.map((bucket) => ({
      name: bucket.name,
      configs: bucket.corsRules.length > 0 ? [corsConfigurationXml(bucket.corsRules)] : [],
    })),
    ...(deps.persistDir ? { directory: join(deps.persistDir, 's3') } : {}),
  });
  const service = s3Service({
    backend: local.endpoint,
    buckets,
    authorize: deps.authorize,
    accountId: deps.accountId,
    ...(deps.putEvents ? { putEvents: deps.putEvents } : {}),
    ...(deps.log ? { log: deps.log } : {}),
  });
  const self: Caller = {
    kind: 'admin',
    accessKeyId: 'local-cloud',
    arn: `arn:aws:iam::${deps.accountId}:root`,
  };
  const target: DeploymentTarget = {
    async put(bucket, key, body, headers) {
      const response = await service.handle(adminRequest(self, 'PUT', bucket, key, body, headers));
      if (response.status >= 300)
        throw new Error(
          `PUT s3://${bucket}/${key} answered ${response.status}: ${String(response.body)}`,
        );
    },
    async delete(bucket, key) {
      const response = await service.handle(
        adminRequest(self, 'DELETE', bucket, key, Buffer.alloc(0), {}),
      );
      if (response.status >= 300)
        throw new Error(`DELETE s3://${bucket}/${key} answered ${response.status}`);
    },
    async list(bucket, prefix) {
      const keys: string[] = [];
      let ContinuationToken: string | undefined;
      do {
        const page = await local.client.send(
          new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken }),
        );
        keys.push(...(page.Contents ?? []).map((object) => object.Key ?? ''));
        ContinuationToken = page.NextContinuationToken;
      } while (ContinuationToken);
      return keys;
    },
  };

  const deployments: DeploymentResult[] = [];
  try {
    const known = new Set(buckets.map((bucket) => bucket.name));
    for (const resource of deps.resources) {
      if (resource.type !== 'Custom::CDKBucketDeployment') continue;
      const destination = String(resource.properties.DestinationBucketName);
      if (!known.has(destination)) {
        throw new Error(
          `${resource.stackName}/${resource.logicalId}: deploys to ${destination}, a bucket the templates do not declare`,
        );
      }
      const result = await runBucketDeployment(resource, target, deps.localize);
      deps.log?.(
        `s3: ${resource.logicalId} deployed ${result.written.length} file(s) to s3://${result.bucket}/${result.prefix}${result.deleted.length > 0 ? `, pruned ${result.deleted.length}` : ''}`,
      );
      deployments.push(result);
    }
  } catch (error) {
    await local.stop();
    throw error;
  }

  return {
    service,
    backendEndpoint: local.endpoint,
    client: local.client,
    buckets,
    deployments,
    idle: () => service.idle(),
    async stop() {
      await service.idle();
      await local.stop();
    },
  };
}

export * from './s3-local';
export { localBucketsOf, corsConfigurationXml } from './local-buckets';
export type { CorsRule, LocalBucket } from './local-buckets';
export { objectEventEntry } from './object-events';
export type { ObjectChange } from './object-events';
export { s3Accesses } from './s3-accesses';
export type { S3Access, S3Target } from './s3-accesses';
export { runBucketDeployment } from './bucket-deployment';
export type { DeploymentResult } from './bucket-deployment';
export { replaceMarkers } from './source-markers';
export type { LocalS3Service, PutEventsResult } from './s3-service';
