import type { LocalLambda, LocalResource } from '../edge/contracts';
import {
  compileEventPattern,
  type EventPatternPredicate,
} from '../event-bridge/match-event-pattern';
import type { LocalQueue, StoredMessage } from './local-queue';

export interface EventSourceMappingSettings {
  logicalId: string;
  functionName: string;
  queueArn: string;
  batchSize: number;
  batchingWindowMs: number;
  reportBatchItemFailures: boolean;
  filters: EventPatternPredicate[];
  /** Pollers, each with one invocation at a time: `ScalingConfig.MaximumConcurrency`, else 1. */
  concurrency: number;
}

/** Reads an `AWS::Lambda::EventSourceMapping` on SQS; anything else it cannot run throws. */
export function eventSourceMappingSettings(resource: LocalResource): EventSourceMappingSettings {
  const props = resource.properties;
  const where = `${resource.stackName}/${resource.logicalId}`;
  const queueArn = String(props.EventSourceArn ?? '');
  if (!queueArn.startsWith('arn:aws:sqs:')) {
    throw new Error(
      `${where}: event source mappings are emulated for SQS only, not ${queueArn || 'this source'}`,
    );
  }
  const batchSize = Number(props.BatchSize ?? 10);
  const window = Number(props.MaximumBatchingWindowInSeconds ?? 0);
  if (!(batchSize >= 1 && batchSize <= 10_000) || (batchSize > 10 && window < 1)) {
    throw new Error(
      `${where}: BatchSize ${batchSize} is invalid (1–10, or up to 10000 with a batching window)`,
    );
  }
  const types = (props.FunctionResponseTypes as string[] | undefined) ?? [];
  const filters = (
    (props.FilterCriteria as { Filters?: { Pattern?: string }[] } | undefined)?.Filters ?? []
  ).map((filter, index) => {
    try {
      return compileEventPattern(filter.Pattern ?? '');
    } catch (error) {
      throw new Error(`${where}: filter ${index}: ${(error as Error).message}`);
    }
  });
  return {
    logicalId: resource.logicalId,
    functionName: String(props.FunctionName),
    queueArn,
    batchSize,
    batchingWindowMs: window * 1000,
    reportBatchItemFailures: types.includes('ReportBatchItemFailures'),
    filters,
    concurrency: Math.max(
      1,
      Number(
        (props.ScalingConfig as { MaximumConcurrency?: unknown } | undefined)?.MaximumConcurrency ??
          1,
      ) || 1,
    ),
  };
}

/**
 * Lambda's SQS poller for one mapping: long-polls the queue, gathers up to `BatchSize` messages
 * within the batching window, invokes the function with the SQS event, and deletes what
 * succeeded. A failed invocation leaves the whole batch to reappear after the visibility
 * timeout (and reach the DLQ after maxReceiveCount); with `ReportBatchItemFailures` only the
 * listed messages stay. Messages that match none of the filters are deleted unseen, as Lambda
 * does. One poller per mapping (enough for one machine), or `ScalingConfig.MaximumConcurrency`.
 */
export class SqsPoller {
  private readonly abort = new AbortController();
  private running: Promise<void> | undefined;

  constructor(
    private readonly settings: EventSourceMappingSettings,
    private readonly queue: LocalQueue,
    private readonly lambda: LocalLambda,
    private readonly region: string,
    private readonly log: (line: string) => void,
  ) {}

  start(): void {
    this.running ??= this.loop();
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }

  private async loop(): Promise<void> {
    const signal = this.abort.signal;
    while (!signal.aborted) {
      try {
        const batch = await this.gather(signal);
        if (batch.length > 0 && !signal.aborted) await this.deliver(batch);
      } catch (error) {
        this.log(`${this.settings.logicalId}: poller error: ${(error as Error).message}`);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 1000);
          signal.addEventListener('abort', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    }
  }

  private async gather(signal: AbortSignal): Promise<StoredMessage[]> {
    const { batchSize, batchingWindowMs } = this.settings;
    const batch = await this.queue.receive(
      { max: Math.min(10, batchSize), waitSeconds: 20 },
      signal,
    );
    if (batch.length === 0 || batchingWindowMs === 0) {
      return batch;
    }
    const deadline = Date.now() + batchingWindowMs;
    while (batch.length < batchSize && Date.now() < deadline && !signal.aborted) {
      const more = await this.queue.receive(
        {
          max: Math.min(10, batchSize - batch.length),
          waitSeconds: (deadline - Date.now()) / 1000,
        },
        signal,
      );
      for (const message of more) {
        // A message whose visibility ran out while the window was open comes again: once.
        if (!batch.some((held) => held.messageId === message.messageId)) batch.push(message);
      }
    }
    return batch;
  }

  private async deliver(batch: StoredMessage[]): Promise<void> {
    const records = batch.map((message) => this.record(message));
    const wanted = records.filter((record, index) => {
      if (this.settings.filters.length === 0) return true;
      const keep = this.settings.filters.some((filter) => filter(filterView(record)));
      if (!keep) this.queue.delete(batch[index]?.receiptHandle ?? '');
      return keep;
    });
    if (wanted.length === 0) return;
    let result;
    try {
      result = await this.lambda.invoke(this.settings.functionName, { Records: wanted });
    } catch (error) {
      this.log(`${this.settings.logicalId}: invoke failed: ${(error as Error).message}`);
      return;
    }
    if (result.functionError) {
      this.log(
        `${this.settings.logicalId}: ${wanted.length} message(s) failed and return after the visibility timeout`,
      );
      return;
    }
    const failed = this.settings.reportBatchItemFailures
      ? failedIds(
          result.payload,
          wanted.map((record) => record.messageId),
        )
      : new Set<string>();
    if (failed === 'all') {
      this.log(
        `${this.settings.logicalId}: invalid batchItemFailures in the response; the whole batch is retried`,
      );
      return;
    }
    for (const record of wanted) {
      if (!failed.has(record.messageId)) this.queue.delete(record.receiptHandle);
    }
  }

  private record(message: StoredMessage) {
    return {
      messageId: message.messageId,
      receiptHandle: message.receiptHandle ?? '',
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentAt),
        SenderId: message.senderId,
        ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
      },
      messageAttributes: Object.fromEntries(
        Object.entries(message.messageAttributes).map(([name, value]) => [
          name,
          {
            stringValue: value.StringValue,
            binaryValue:
              value.BinaryValue === undefined
                ? undefined
                : Buffer.from(value.BinaryValue).toString('base64'),
            stringListValues: [],
            binaryListValues: [],
            dataType: value.DataType,
          },
        ]),
      ),
      md5OfBody: message.md5OfBody,
      ...(message.md5OfMessageAttributes
        ? { md5OfMessageAttributes: message.md5OfMessageAttributes }
        : {}),
      eventSource: 'aws:sqs',
      eventSourceARN: this.settings.queueArn,
      awsRegion: this.region,
    };
  }
}

/** Filters see the record with its body parsed when it is JSON, as Lambda's filtering does. */
function filterView(record: { body: string }): Record<string, unknown> {
  try {
    return { ...record, body: JSON.parse(record.body) as unknown };
  } catch {
    return record;
  }
}

/**
 * The message ids a partial batch response names. An invalid response (an id missing, null or
 * not in the batch) fails the whole batch, as Lambda treats it.
 */
function failedIds(payload: unknown, batchIds: string[]): Set<string> | 'all' {
  if (payload === null || payload === undefined) return new Set();
  if (typeof payload !== 'object') return new Set();
  const failures = (payload as { batchItemFailures?: unknown }).batchItemFailures;
  if (failures === undefined || failures === null) return new Set();
  if (!Array.isArray(failures)) return 'all';
  const ids = new Set<string>();
  for (const failure of failures as { itemIdentifier?: unknown }[]) {
    const id = failure?.itemIdentifier;
    if (typeof id !== 'string' || !batchIds.includes(id)) return 'all';
    ids.add(id);
  }
  return ids;
}
