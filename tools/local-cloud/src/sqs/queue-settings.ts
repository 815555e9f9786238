import type { LocalResource } from '../edge/contracts';
import type { QueueSettings } from './local-queue';

/** A queue's settings from its `AWS::SQS::Queue` resource, with SQS's defaults. */
export function queueSettings(
  resource: LocalResource,
  endpoint: string,
  region: string,
  accountId: string,
): QueueSettings {
  const props = resource.properties;
  const where = `${resource.stackName}/${resource.logicalId}`;
  if (props.FifoQueue === true || props.FifoQueue === 'true') {
    throw new Error(
      `${where}: FIFO queues (AWS::SQS::Queue FifoQueue) are not emulated by the local cloud`,
    );
  }
  const name =
    (resource.arn ? resource.arn.split(':').pop() : undefined) ??
    (typeof props.QueueName === 'string' ? props.QueueName : resource.logicalId);
  const redrivePolicy = parseRedrive(props.RedrivePolicy, where);
  return {
    name,
    arn: resource.arn ?? `arn:aws:sqs:${region}:${accountId}:${name}`,
    url: `${endpoint.replace(/\/$/, '')}/${accountId}/${name}`,
    visibilityTimeoutSeconds: numberOr(props.VisibilityTimeout, 30),
    retentionSeconds: numberOr(props.MessageRetentionPeriod, 345_600),
    delaySeconds: numberOr(props.DelaySeconds, 0),
    receiveWaitTimeSeconds: numberOr(props.ReceiveMessageWaitTimeSeconds, 0),
    maximumMessageSize: numberOr(props.MaximumMessageSize, 262_144),
    redrive: redrivePolicy,
    tags: tagsOf(props.Tags),
  };
}

function parseRedrive(value: unknown, where: string): QueueSettings['redrive'] {
  if (value === undefined || value === null) return undefined;
  const policy = (typeof value === 'string' ? JSON.parse(value) : value) as {
    deadLetterTargetArn?: unknown;
    maxReceiveCount?: unknown;
  };
  const maxReceiveCount = Number(policy.maxReceiveCount);
  if (typeof policy.deadLetterTargetArn !== 'string' || !(maxReceiveCount >= 1)) {
    throw new Error(`${where}: RedrivePolicy needs deadLetterTargetArn and maxReceiveCount ≥ 1`);
  }
  return { deadLetterTargetArn: policy.deadLetterTargetArn, maxReceiveCount };
}

function numberOr(value: unknown, fallback: number): number {
  if (value === undefined || value === null || value === '') return fallback;
  const number = Number(value);
  return Number.isFinite(number) ? number : fallback;
}

/** `Tags` as CloudFormation writes them for SQS: a list of `{ Key, Value }`. */
function tagsOf(value: unknown): Record<string, string> {
  if (!Array.isArray(value)) return {};
  return Object.fromEntries(
    (value as { Key?: unknown; Value?: unknown }[])
      .filter((tag) => typeof tag?.Key === 'string')
      .map((tag) => [String(tag.Key), String(tag.Value ?? '')]),
  );
}
