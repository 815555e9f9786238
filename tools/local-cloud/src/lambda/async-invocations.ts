import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { randomUUID } from 'node:crypto';
import type { SendMessage, SendMessageOptions } from '../sqs/send-message';
import type { FunctionDefinition } from './function-definition';
import type { InvocationOutcome, InvocationRequest } from './function-runner';

export interface AsyncDeps {
  run: (definition: FunctionDefinition, request: InvocationRequest) => Promise<InvocationOutcome>;
  /** Invokes another function asynchronously (a Lambda destination). */
  invokeAsync: (functionArn: string, event: unknown) => Promise<void>;
  sendMessage?: SendMessage;
  putEvents?: (entries: PutEventsRequestEntry[]) => Promise<unknown>;
  log: (functionName: string, line: string) => void;
  /** Waits before the first and second retry. Lambda waits about 1 and 2 minutes. */
  retryDelaysMs: readonly number[];
}

/**
 * Lambda's asynchronous invocation: the event is queued and `Invoke` answers 202 at once; a
 * failed attempt (error, timeout, throttle) is retried `MaximumRetryAttempts` times unless the
 * event is older than `MaximumEventAgeInSeconds`; then the record goes to the on-failure
 * destination and the event to the dead-letter queue, shaped as Lambda shapes them.
 */
export class AsyncInvocations {
  private readonly inFlight = new Set<Promise<void>>();
  private readonly sleeping = new Map<NodeJS.Timeout, () => void>();
  private stopped = false;

  constructor(private readonly deps: AsyncDeps) {}

  /** Queues the event; resolves with the request id once queued. */
  enqueue(definition: FunctionDefinition, event: unknown, traceId?: string): string {
    const requestId = randomUUID();
    const work = this.process(definition, event, requestId, traceId).catch((error: unknown) =>
      this.deps.log(
        definition.name,
        `async invocation ${requestId} could not be completed: ${(error as Error).message}`,
      ),
    );
    this.inFlight.add(work);
    void work.finally(() => this.inFlight.delete(work));
    return requestId;
  }

  /** Resolves when every queued event has been handled (tests, clean stop). */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
  }

  stop(): void {
    this.stopped = true;
    // Sleeping retries wake up, see `stopped` and end.
    for (const [timer, wake] of this.sleeping) {
      clearTimeout(timer);
      wake();
    }
    this.sleeping.clear();
  }

  private async process(
    definition: FunctionDefinition,
    event: unknown,
    requestId: string,
    traceId?: string,
  ): Promise<void> {
    const { maximumRetryAttempts, maximumEventAgeSeconds } = definition.asyncConfig;
    const queuedAt = Date.now();
    let attempts = 0;
    let outcome: InvocationOutcome | undefined;
    let condition = 'RetriesExhausted';
    for (;;) {
      if (this.stopped) return;
      attempts += 1;
      try {
        outcome = await this.deps.run(definition, { event, requestId, traceId });
      } catch (error) {
        // A throttle or stopped runtime: Lambda retries these like function errors.
        outcome = {
          ok: false,
          requestId,
          error: { errorType: (error as Error).name, errorMessage: (error as Error).message },
        };
      }
      if (outcome.ok || attempts > maximumRetryAttempts) break;
      const delay =
        this.deps.retryDelaysMs[Math.min(attempts - 1, this.deps.retryDelaysMs.length - 1)] ?? 0;
      if (Date.now() + delay - queuedAt > maximumEventAgeSeconds * 1000) {
        condition = 'EventAgeExceeded';
        break;
      }
      await this.sleep(delay);
    }
    if (this.stopped) return;
    const { onSuccess, onFailure } = definition.asyncConfig;
    const record = {
      version: '1.0',
      timestamp: new Date().toISOString(),
      requestContext: {
        requestId,
        functionArn: `${definition.arn}:$LATEST`,
        condition: outcome.ok ? 'Success' : condition,
        approximateInvokeCount: attempts,
      },
      requestPayload: event,
      responseContext: {
        statusCode: 200,
        executedVersion: '$LATEST',
        ...(outcome.ok ? {} : { functionError: 'Unhandled' }),
      },
      responsePayload: outcome.ok ? (JSON.parse(outcome.payload) as unknown) : outcome.error,
    };
    if (outcome.ok) {
      if (onSuccess) await this.deliver(definition, onSuccess, record, 'Success');
      return;
    }
    this.deps.log(
      definition.name,
      `async invocation ${requestId} failed after ${attempts} attempt(s): ${outcome.error.errorType}: ${outcome.error.errorMessage}`,
    );
    if (onFailure) await this.deliver(definition, onFailure, record, 'Failure');
    if (definition.deadLetterTargetArn) {
      await this.sendToQueue(definition.deadLetterTargetArn, JSON.stringify(event), {
        RequestID: { DataType: 'String', StringValue: requestId },
        ErrorCode: { DataType: 'Number', StringValue: '200' },
        ErrorMessage: {
          DataType: 'String',
          StringValue: outcome.error.errorMessage.slice(0, 1024),
        },
      });
    }
  }

  private async deliver(
    definition: FunctionDefinition,
    destination: string,
    record: Record<string, unknown>,
    kind: 'Success' | 'Failure',
  ): Promise<void> {
    const service = destination.split(':')[2];
    switch (service) {
      case 'sqs':
        await this.sendToQueue(destination, JSON.stringify(record));
        return;
      case 'lambda':
        await this.deps.invokeAsync(destination, record);
        return;
      case 'events':
        if (!this.deps.putEvents) throw new Error('no EventBridge is wired for destinations');
        await this.deps.putEvents([
          {
            EventBusName: destination,
            Source: 'lambda',
            DetailType: `Lambda Function Invocation Result - ${kind}`,
            Resources: [definition.arn],
            Detail: JSON.stringify(record),
          },
        ]);
        return;
      default:
        throw new Error(`destination ${destination} is not emulated (SQS, Lambda, EventBridge)`);
    }
  }

  private async sendToQueue(
    queueArn: string,
    body: string,
    messageAttributes?: SendMessageOptions['messageAttributes'],
  ): Promise<void> {
    if (!this.deps.sendMessage) throw new Error(`no SQS is wired to deliver to ${queueArn}`);
    await this.deps.sendMessage(queueArn, body, { messageAttributes });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.sleeping.delete(timer);
        resolve();
      }, ms);
      this.sleeping.set(timer, resolve);
    });
  }
}
