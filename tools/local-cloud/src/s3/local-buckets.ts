import type { LocalResource } from '../edge/contracts';

/** CloudFormation's `CorsConfiguration.CorsRules[]` entry. */
export interface CorsRule {
  Id?: string;
  AllowedOrigins: string[];
  AllowedMethods: string[];
  AllowedHeaders?: string[];
  ExposedHeaders?: string[];
  MaxAge?: number;
}

/** A bucket the templates declare, as the local S3 serves it. */
export interface LocalBucket {
  name: string;
  arn: string;
  stackName: string;
  logicalId: string;
  corsRules: CorsRule[];
  /** Object Created / Object Deleted go to the default bus (EventBridge notifications on). */
  eventBridge: boolean;
}

/**
 * The templates' `AWS::S3::Bucket`s, with EventBridge notifications turned on either by the
 * bucket's own `NotificationConfiguration.EventBridgeConfiguration` or — as CDK does — by a
 * `Custom::S3BucketNotifications` resource, which the local cloud applies itself instead of
 * running CDK's handler Lambda. Notifications to Lambda, SQS or SNS are not emulated and fail
 * loudly, naming the resource.
 */
export function localBucketsOf(resources: readonly LocalResource[]): LocalBucket[] {
  const buckets = new Map<string, LocalBucket>();
  for (const resource of resources) {
    if (resource.type !== 'AWS::S3::Bucket') continue;
    const properties = resource.properties;
    const notifications = properties.NotificationConfiguration as
      Record<string, unknown> | undefined;
    refuseOtherNotifications(resource, notifications);
    const cors = properties.CorsConfiguration as { CorsRules?: CorsRule[] } | undefined;
    buckets.set(resource.physicalId, {
      name: resource.physicalId,
      arn: resource.arn ?? `arn:aws:s3:::${resource.physicalId}`,
      stackName: resource.stackName,
      logicalId: resource.logicalId,
      corsRules: cors?.CorsRules ?? [],
      eventBridge: eventBridgeEnabled(notifications),
    });
  }
  for (const resource of resources) {
    if (resource.type !== 'Custom::S3BucketNotifications') continue;
    const name = String(resource.properties.BucketName);
    const bucket = buckets.get(name);
    if (!bucket) {
      throw new Error(
        `${resource.stackName}/${resource.logicalId}: bucket notifications for ${name}, a bucket the templates do not declare (imported buckets are not emulated)`,
      );
    }
    const notifications = resource.properties.NotificationConfiguration as
      Record<string, unknown> | undefined;
    refuseOtherNotifications(resource, notifications);
    if (eventBridgeEnabled(notifications)) bucket.eventBridge = true;
  }
  return [...buckets.values()];
}

function eventBridgeEnabled(notifications: Record<string, unknown> | undefined): boolean {
  const configuration = notifications?.EventBridgeConfiguration as
    { EventBridgeEnabled?: unknown } | undefined;
  if (!configuration) return false;
  // CloudFormation spells it { EventBridgeEnabled: true }; CDK's custom resource passes {}.
  return configuration.EventBridgeEnabled !== false && configuration.EventBridgeEnabled !== 'false';
}

function refuseOtherNotifications(
  resource: LocalResource,
  notifications: Record<string, unknown> | undefined,
): void {
  for (const kind of [
    'LambdaConfigurations',
    'QueueConfigurations',
    'TopicConfigurations',
    'LambdaFunctionConfigurations',
  ]) {
    const configured = notifications?.[kind];
    if (Array.isArray(configured) && configured.length > 0) {
      throw new Error(
        `${resource.stackName}/${resource.logicalId}: S3 ${kind} are not emulated by the local cloud; use EventBridge notifications (eventBridgeEnabled) instead`,
      );
    }
  }
}

/** A bucket's CORS rules as the `CORSConfiguration` XML s3rver enforces. */
export function corsConfigurationXml(rules: readonly CorsRule[]): string {
  const element = (name: string, values: readonly unknown[] | undefined) =>
    (values ?? []).map((value) => `<${name}>${escapeXml(String(value))}</${name}>`).join('');
  const body = rules
    .map(
      (rule) =>
        `<CORSRule>${element('ID', rule.Id === undefined ? [] : [rule.Id])}` +
        `${element('AllowedOrigin', rule.AllowedOrigins)}${element('AllowedMethod', rule.AllowedMethods)}` +
        `${element('AllowedHeader', rule.AllowedHeaders)}${element('ExposeHeader', rule.ExposedHeaders)}` +
        `${element('MaxAgeSeconds', rule.MaxAge === undefined ? [] : [rule.MaxAge])}</CORSRule>`,
    )
    .join('');
  return `<CORSConfiguration>${body}</CORSConfiguration>`;
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (character) => `&#${character.charCodeAt(0)};`);
}
