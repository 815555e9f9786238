import { SqsError, type QueueSettings } from './local-queue';

/** The settings `SetQueueAttributes` may change, and what each attribute is called on the wire. */
export type SettableSettings = Partial<
  Pick<
    QueueSettings,
    | 'visibilityTimeoutSeconds'
    | 'retentionSeconds'
    | 'delaySeconds'
    | 'receiveWaitTimeSeconds'
    | 'maximumMessageSize'
  >
> & { redrive?: QueueSettings['redrive'] | null };

const NUMERIC: Record<
  string,
  { setting: Exclude<keyof SettableSettings, 'redrive'>; min: number; max: number }
> = {
  VisibilityTimeout: { setting: 'visibilityTimeoutSeconds', min: 0, max: 43_200 },
  MessageRetentionPeriod: { setting: 'retentionSeconds', min: 60, max: 1_209_600 },
  DelaySeconds: { setting: 'delaySeconds', min: 0, max: 900 },
  ReceiveMessageWaitTimeSeconds: { setting: 'receiveWaitTimeSeconds', min: 0, max: 20 },
  MaximumMessageSize: { setting: 'maximumMessageSize', min: 1024, max: 1_048_576 },
};

/** Attributes SQS knows that would change nothing the local queue does (it is not FIFO, not KMS). */
const NOT_EMULATED = new Set([
  'Policy',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'RedriveAllowPolicy',
  'FifoQueue',
  'ContentBasedDeduplication',
  'DeduplicationScope',
  'FifoThroughputLimit',
]);

/**
 * Reads a `SetQueueAttributes` request's attributes into setting changes, all or nothing, with
 * SQS's errors: `InvalidAttributeName` for a name SQS does not know, `InvalidAttributeValue`
 * for a value out of range or a redrive policy naming no queue. Attributes the local queue
 * cannot honour (access policies, KMS, FIFO) are refused by name rather than accepted and
 * ignored. An empty `RedrivePolicy` removes the policy, as on SQS.
 */
export function parseQueueAttributeChanges(
  attributes: unknown,
  queueExists: (arn: string) => boolean,
): SettableSettings {
  if (typeof attributes !== 'object' || attributes === null || Array.isArray(attributes)) {
    throw new SqsError(
      'MissingParameter',
      'MissingParameter',
      'The request must contain the parameter Attributes.',
    );
  }
  const changes: SettableSettings = {};
  for (const [name, raw] of Object.entries(attributes as Record<string, unknown>)) {
    const value = typeof raw === 'string' ? raw : String(raw);
    const numeric = NUMERIC[name];
    if (numeric) {
      const number = Number(value);
      if (
        value.trim() === '' ||
        !Number.isInteger(number) ||
        number < numeric.min ||
        number > numeric.max
      ) {
        throw invalidValue(
          `Invalid value for the parameter ${name}. Reason: must be an integer from ${numeric.min} to ${numeric.max}.`,
        );
      }
      changes[numeric.setting] = number;
    } else if (name === 'RedrivePolicy') {
      changes.redrive = value === '' ? null : parseRedrivePolicy(value, queueExists);
    } else if (name === 'SqsManagedSseEnabled') {
      // The local queues report SSE-SQS on; asking for it is a no-op, turning it off is not.
      if (value !== 'true') {
        throw notEmulated(name, 'the local queues always report SqsManagedSseEnabled true');
      }
    } else if (NOT_EMULATED.has(name)) {
      throw notEmulated(name, 'the local SQS does not emulate it');
    } else {
      throw new SqsError(
        'InvalidAttributeName',
        'InvalidAttributeName',
        `Unknown Attribute ${name}.`,
      );
    }
  }
  return changes;
}

function parseRedrivePolicy(
  value: string,
  queueExists: (arn: string) => boolean,
): QueueSettings['redrive'] {
  let policy: { deadLetterTargetArn?: unknown; maxReceiveCount?: unknown };
  try {
    policy = JSON.parse(value) as typeof policy;
  } catch {
    throw invalidValue('Invalid value for the parameter RedrivePolicy. Reason: Invalid JSON.');
  }
  const maxReceiveCount = Number(policy.maxReceiveCount);
  if (
    typeof policy.deadLetterTargetArn !== 'string' ||
    !Number.isInteger(maxReceiveCount) ||
    maxReceiveCount < 1 ||
    maxReceiveCount > 1000
  ) {
    throw invalidValue(
      'Value for parameter RedrivePolicy is invalid. Reason: Redrive policy needs deadLetterTargetArn and maxReceiveCount from 1 to 1000.',
    );
  }
  if (!queueExists(policy.deadLetterTargetArn)) {
    throw invalidValue(
      `Value ${value} for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist.`,
    );
  }
  return { deadLetterTargetArn: policy.deadLetterTargetArn, maxReceiveCount };
}

function invalidValue(message: string): SqsError {
  return new SqsError('InvalidAttributeValue', 'InvalidAttributeValue', message);
}

function notEmulated(name: string, why: string): SqsError {
  return new SqsError(
    'InvalidAttributeName',
    'InvalidAttributeName',
    `Attribute ${name} cannot be set locally: ${why}.`,
  );
}
