import type { Authorize, Caller, EdgeRequest, EdgeResponse } from '../edge/contracts';
import { type LocalQueue, receivedMessage, SqsError, type StoredMessage } from './local-queue';
import { parseQueueAttributeChanges } from './queue-attributes';
import type { MessageAttributeValue } from './send-message';

export interface QueueDirectory {
  byUrlOrArn(urlOrArn: string): LocalQueue | undefined;
  byName(name: string): LocalQueue | undefined;
  all(): LocalQueue[];
}

type Body = Record<string, unknown>;

/**
 * SQS's JSON protocol as SDK v3 speaks it: `X-Amz-Target: AmazonSQS.<Operation>`, an
 * `application/x-amz-json-1.0` body, errors with `__type` and the query-compatible
 * `x-amzn-query-error` header the SDK reads the error code from.
 */
export async function handleSqsRequest(
  request: EdgeRequest,
  queues: QueueDirectory,
  authorize: Authorize,
): Promise<EdgeResponse> {
  const target = header(request, 'x-amz-target');
  const operation = target?.startsWith('AmazonSQS.') ? target.slice('AmazonSQS.'.length) : '';
  let body: Body;
  try {
    body = request.body.length > 0 ? (JSON.parse(request.body.toString('utf8')) as Body) : {};
  } catch {
    return sqsError(
      new SqsError(
        'InvalidParameterValue',
        'InvalidParameterValue',
        'The request body is not JSON',
      ),
    );
  }
  try {
    const handler = OPERATIONS[operation];
    if (!handler) {
      throw new SqsError(
        'UnsupportedOperation',
        'AWS.SimpleQueueService.UnsupportedOperation',
        `The local SQS does not support ${operation || target || 'this request'}`,
      );
    }
    const result = await handler(body, { queues, caller: request.caller, authorize, operation });
    return {
      status: 200,
      headers: { 'content-type': 'application/x-amz-json-1.0' },
      body: JSON.stringify(result),
    };
  } catch (error) {
    if (error instanceof SqsError) return sqsError(error);
    throw error;
  }
}

interface Call {
  queues: QueueDirectory;
  caller: Caller;
  authorize: Authorize;
  operation: string;
}

type Operation = (body: Body, call: Call) => Promise<unknown>;

const OPERATIONS: Record<string, Operation> = {
  async GetQueueUrl(body, call) {
    const name = requiredString(body, 'QueueName');
    const queue = call.queues.byName(name);
    if (!queue) throw nonExistent();
    await allow(call, queue);
    return { QueueUrl: queue.settings.url };
  },

  async ListQueues(body, call) {
    const prefix = typeof body.QueueNamePrefix === 'string' ? body.QueueNamePrefix : '';
    const urls = call.queues
      .all()
      .filter((queue) => queue.settings.name.startsWith(prefix))
      .map((queue) => queue.settings.url);
    return { QueueUrls: urls };
  },

  async SendMessage(body, call) {
    const queue = await queueOf(body, call);
    const message = queue.send(requiredString(body, 'MessageBody'), {
      delaySeconds: optionalNumber(body, 'DelaySeconds'),
      messageAttributes: body.MessageAttributes as Record<string, MessageAttributeValue>,
    });
    return sentResult(message);
  },

  async SendMessageBatch(body, call) {
    const queue = await queueOf(body, call);
    const entries = batchEntries(body);
    const total = entries.reduce(
      (sum, entry) => sum + Buffer.byteLength(String(entry.MessageBody ?? ''), 'utf8'),
      0,
    );
    if (total > queue.settings.maximumMessageSize) {
      throw new SqsError(
        'BatchRequestTooLong',
        'AWS.SimpleQueueService.BatchRequestTooLong',
        `Batch requests cannot be longer than ${queue.settings.maximumMessageSize} bytes. You have sent ${total} bytes.`,
      );
    }
    return perEntry(entries, (entry) => ({
      Id: entry.Id,
      ...sentResult(
        queue.send(String(entry.MessageBody ?? ''), {
          delaySeconds: optionalNumber(entry, 'DelaySeconds'),
          messageAttributes: entry.MessageAttributes as Record<string, MessageAttributeValue>,
        }),
      ),
    }));
  },

  async ReceiveMessage(body, call) {
    const queue = await queueOf(body, call);
    const max = optionalNumber(body, 'MaxNumberOfMessages') ?? 1;
    if (!Number.isInteger(max) || max < 1 || max > 10) {
      throw invalidValue(
        `Value ${max} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.`,
      );
    }
    const wait = optionalNumber(body, 'WaitTimeSeconds');
    if (wait !== undefined && (wait < 0 || wait > 20)) {
      throw invalidValue(
        `Value ${wait} for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided.`,
      );
    }
    const visibility = optionalNumber(body, 'VisibilityTimeout');
    if (visibility !== undefined && (visibility < 0 || visibility > 43_200)) {
      throw invalidValue(
        `Value ${visibility} for parameter VisibilityTimeout is invalid. Reason: must be between 0 and 43200.`,
      );
    }
    const messages = await queue.receive({
      max,
      waitSeconds: wait,
      visibilityTimeoutSeconds: visibility,
    });
    const attributeNames = [
      ...stringList(body.AttributeNames),
      ...stringList(body.MessageSystemAttributeNames),
    ];
    const messageAttributeNames = stringList(body.MessageAttributeNames);
    return {
      Messages: messages.map((message) =>
        receivedMessage(message, attributeNames, messageAttributeNames),
      ),
    };
  },

  async DeleteMessage(body, call) {
    const queue = await queueOf(body, call);
    queue.delete(requiredString(body, 'ReceiptHandle'));
    return {};
  },

  async DeleteMessageBatch(body, call) {
    const queue = await queueOf(body, call);
    return perEntry(batchEntries(body), (entry) => {
      queue.delete(String(entry.ReceiptHandle ?? ''));
      return { Id: entry.Id };
    });
  },

  async ChangeMessageVisibility(body, call) {
    const queue = await queueOf(body, call);
    queue.changeVisibility(
      requiredString(body, 'ReceiptHandle'),
      optionalNumber(body, 'VisibilityTimeout') ?? Number.NaN,
    );
    return {};
  },

  async ChangeMessageVisibilityBatch(body, call) {
    const queue = await queueOf(body, call);
    return perEntry(batchEntries(body), (entry) => {
      queue.changeVisibility(
        String(entry.ReceiptHandle ?? ''),
        optionalNumber(entry, 'VisibilityTimeout') ?? Number.NaN,
      );
      return { Id: entry.Id };
    });
  },

  async GetQueueAttributes(body, call) {
    const queue = await queueOf(body, call);
    const names = stringList(body.AttributeNames);
    const { settings } = queue;
    const counts = queue.counts();
    const all: Record<string, string> = {
      QueueArn: settings.arn,
      ApproximateNumberOfMessages: String(counts.visible),
      ApproximateNumberOfMessagesNotVisible: String(counts.notVisible),
      ApproximateNumberOfMessagesDelayed: String(counts.delayed),
      VisibilityTimeout: String(settings.visibilityTimeoutSeconds),
      MessageRetentionPeriod: String(settings.retentionSeconds),
      DelaySeconds: String(settings.delaySeconds),
      ReceiveMessageWaitTimeSeconds: String(settings.receiveWaitTimeSeconds),
      MaximumMessageSize: String(settings.maximumMessageSize),
      SqsManagedSseEnabled: 'true',
    };
    if (settings.redrive) all.RedrivePolicy = JSON.stringify(settings.redrive);
    const wanted = names.includes('All') ? Object.keys(all) : names;
    return {
      Attributes: Object.fromEntries(Object.entries(all).filter(([name]) => wanted.includes(name))),
    };
  },

  async SetQueueAttributes(body, call) {
    const queue = await queueOf(body, call);
    const changes = parseQueueAttributeChanges(
      body.Attributes,
      (arn) => call.queues.byUrlOrArn(arn) !== undefined,
    );
    if (changes.redrive?.deadLetterTargetArn === queue.settings.arn) {
      throw new SqsError(
        'InvalidAttributeValue',
        'InvalidAttributeValue',
        'Value for parameter RedrivePolicy is invalid. Reason: a queue cannot be its own dead-letter queue.',
      );
    }
    queue.applySettings(changes);
    return {};
  },

  async ListQueueTags(body, call) {
    const queue = await queueOf(body, call);
    return { Tags: { ...queue.settings.tags } };
  },

  async PurgeQueue(body, call) {
    const queue = await queueOf(body, call);
    queue.purge();
    return {};
  },
};

async function queueOf(body: Body, call: Call): Promise<LocalQueue> {
  const url = requiredString(body, 'QueueUrl');
  const queue = call.queues.byUrlOrArn(url);
  if (!queue) throw nonExistent();
  await allow(call, queue);
  return queue;
}

async function allow(call: Call, queue: LocalQueue): Promise<void> {
  if (call.caller.kind === 'admin') return;
  const action = `sqs:${call.operation.replace(/Batch$/, '')}`;
  const allowed =
    call.caller.kind === 'guest' && (await call.authorize(call.caller, action, queue.settings.arn));
  if (!allowed) {
    const who = call.caller.kind === 'guest' ? call.caller.arn : 'anonymous';
    throw new SqsError(
      'AccessDenied',
      'AccessDenied',
      `User: ${who} is not authorized to perform: ${action} on resource: ${queue.settings.arn}`,
      403,
    );
  }
}

function batchEntries(body: Body): Body[] {
  const entries = Array.isArray(body.Entries) ? (body.Entries as Body[]) : [];
  if (entries.length === 0) {
    throw new SqsError(
      'EmptyBatchRequest',
      'AWS.SimpleQueueService.EmptyBatchRequest',
      'There should be at least one SendMessageBatchRequestEntry in the request.',
    );
  }
  if (entries.length > 10) {
    throw new SqsError(
      'TooManyEntriesInBatchRequest',
      'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
      `Maximum number of entries per request are 10. You have sent ${entries.length}.`,
    );
  }
  if (entries.some((entry) => typeof entry !== 'object' || entry === null)) {
    throw invalidValue('Every batch entry must be an object.');
  }
  const ids = entries.map((entry) => entry.Id);
  if (new Set(ids).size !== ids.length) {
    throw new SqsError(
      'BatchEntryIdsNotDistinct',
      'AWS.SimpleQueueService.BatchEntryIdsNotDistinct',
      'Two or more batch entries in the request have the same Id.',
    );
  }
  for (const id of ids) {
    if (typeof id !== 'string' || !/^[A-Za-z0-9_-]{1,80}$/.test(id)) {
      throw new SqsError(
        'InvalidBatchEntryId',
        'AWS.SimpleQueueService.InvalidBatchEntryId',
        'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
      );
    }
  }
  return entries;
}

function perEntry(entries: Body[], act: (entry: Body) => Record<string, unknown>) {
  const Successful: Record<string, unknown>[] = [];
  const Failed: Record<string, unknown>[] = [];
  for (const entry of entries) {
    try {
      Successful.push(act(entry));
    } catch (error) {
      if (!(error instanceof SqsError)) throw error;
      Failed.push({ Id: entry.Id, SenderFault: true, Code: error.code, Message: error.message });
    }
  }
  return { Successful, Failed };
}

function sentResult(message: StoredMessage) {
  return {
    MessageId: message.messageId,
    MD5OfMessageBody: message.md5OfBody,
    ...(message.md5OfMessageAttributes
      ? { MD5OfMessageAttributes: message.md5OfMessageAttributes }
      : {}),
  };
}

function sqsError(error: SqsError): EdgeResponse {
  return {
    status: error.status,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-query-error': `${error.queryCode};Sender`,
    },
    body: JSON.stringify({ __type: `com.amazonaws.sqs#${error.code}`, message: error.message }),
  };
}

function nonExistent(): SqsError {
  return new SqsError(
    'QueueDoesNotExist',
    'AWS.SimpleQueueService.NonExistentQueue',
    'The specified queue does not exist.',
  );
}

function invalidValue(message: string): SqsError {
  return new SqsError('InvalidParameterValue', 'InvalidParameterValue', message);
}

function requiredString(body: Body, name: string): string {
  const value = body[name];
  if (typeof value !== 'string' || value === '') {
    throw new SqsError(
      'MissingParameter',
      'MissingParameter',
      `The request must contain the parameter ${name}.`,
    );
  }
  return value;
}

function optionalNumber(body: Body, name: string): number | undefined {
  const value = body[name];
  if (value === undefined || value === null) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number))
    throw invalidValue(`Value ${String(value)} for parameter ${name} is invalid.`);
  return number;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value)
    ? value.filter((item): item is string => typeof item === 'string')
    : [];
}

function header(request: EdgeRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
