import type { HistoryEvent, HistoryEventType } from '@aws-sdk/client-sfn';
import type { StateMachine } from 'aws-local-stepfunctions';

/** An event of aws-local-stepfunctions' execution log (the package does not export the type). */
export type EngineEvent =
  ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

/** What the history needs to know of the execution besides the engine's events. */
export interface HistoryContext {
  roleArn: string;
  /** Task state name → its Resource, for `TaskFailed`'s details. */
  taskResources: ReadonlyMap<string, string>;
}

type Details = Omit<HistoryEvent, 'id' | 'previousEventId' | 'timestamp' | 'type'>;

/**
 * Step Functions' execution history, built from aws-local-stepfunctions' event log: the engine
 * says `StateEntered` of a `Task`, Step Functions says `TaskStateEntered`. Events without a
 * Step Functions counterpart (a retry decision, a catch) are left out; a failed Task reads as
 * `TaskFailed`, as AWS records it.
 */
export class ExecutionHistory {
  readonly events: HistoryEvent[] = [];

  constructor(private readonly context: HistoryContext) {}

  /** Appends the Step Functions event(s) an engine event stands for. */
  record(event: EngineEvent): void {
    const mapped = this.map(event);
    if (!mapped) return;
    const [type, details] = mapped;
    const id = this.events.length + 1;
    this.events.push({
      id,
      previousEventId: id - 1,
      timestamp: new Date(event.timestamp),
      type,
      ...details,
    });
  }

  /** The last `*StateEntered` event's state name: where a running execution is. */
  get currentState(): string | undefined {
    return [...this.events].reverse().find((event) => event.stateEnteredEventDetails)
      ?.stateEnteredEventDetails?.name;
  }

  private map(event: EngineEvent): [HistoryEventType, Details] | undefined {
    switch (event.type) {
      case 'ExecutionStarted':
        return [
          'ExecutionStarted',
          {
            executionStartedEventDetails: {
              input: json(event.input),
              inputDetails: { truncated: false },
              roleArn: this.context.roleArn,
            },
          },
        ];
      case 'ExecutionSucceeded':
        return [
          'ExecutionSucceeded',
          {
            executionSucceededEventDetails: {
              output: json(event.output),
              outputDetails: { truncated: false },
            },
          },
        ];
      case 'ExecutionFailed':
        return [
          'ExecutionFailed',
          { executionFailedEventDetails: { error: event.Error, cause: text(event.Cause) } },
        ];
      case 'ExecutionAborted':
        return ['ExecutionAborted', { executionAbortedEventDetails: {} }];
      case 'ExecutionTimeout':
        return [
          'ExecutionTimedOut',
          { executionTimedOutEventDetails: { error: 'States.Timeout' } },
        ];
      case 'StateEntered':
        return [
          `${event.state.type}StateEntered` as HistoryEventType,
          {
            stateEnteredEventDetails: {
              name: event.state.name,
              input: json(event.state.input),
              inputDetails: { truncated: false },
            },
          },
        ];
      case 'StateExited':
        return [
          `${event.state.type}StateExited` as HistoryEventType,
          {
            stateExitedEventDetails: {
              name: event.state.name,
              output: json(event.state.output),
              outputDetails: { truncated: false },
            },
          },
        ];
      case 'StateFailed': {
        if (event.state.type !== 'Task') return undefined;
        const resource = this.context.taskResources.get(event.state.name) ?? '';
        const integration = /^arn:[^:]+:states:::([^:]+):(.+)$/.exec(resource);
        return [
          'TaskFailed',
          {
            taskFailedEventDetails: {
              resourceType: integration?.[1] ?? 'lambda',
              resource: integration?.[2] ?? resource,
              error: event.Error,
              cause: text(event.Cause),
            },
          },
        ];
      }
      case 'MapIterationStarted':
      case 'MapIterationSucceeded':
      case 'MapIterationFailed': {
        const details = { name: event.parentState.name, index: event.index };
        if (event.type === 'MapIterationStarted') {
          return ['MapIterationStarted', { mapIterationStartedEventDetails: details }];
        }
        if (event.type === 'MapIterationSucceeded') {
          return ['MapIterationSucceeded', { mapIterationSucceededEventDetails: details }];
        }
        return ['MapIterationFailed', { mapIterationFailedEventDetails: details }];
      }
      default:
        return undefined;
    }
  }
}

function json(value: unknown): string {
  return JSON.stringify(value ?? null);
}

function text(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  return typeof cause === 'string' ? cause : JSON.stringify(cause);
}
