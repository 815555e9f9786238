import type { HistoryEvent, HistoryEventType } from '@aws-sdk/client-sfn';
import type { StateMachine } from 'aws-local-stepfunctions';

/** An event of aws-local-stepfunctions' execution log (the package does not export the type). */
export type EngineEvent =
  ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

/** What the history needs to know of the execution besides the engine's events. */
export interface HistoryContext {
  roleArn: string;
  /** The state machine's region (`TaskScheduled` names it). */
  region: string;
  /** Task state name → its Resource, for the Task* events' details. */
  taskResources: ReadonlyMap<string, string>;
}

/** A Task state's local implementation, as aws-local-stepfunctions calls it. */
export type TaskHandler<I = never, O = unknown> = (input: I) => Promise<O>;

/** One state's attempts as its handler saw them, waiting to be paired with engine events. */
interface TaskAttempts {
  /** Parameters of calls made before the engine event that scheduled them was recorded. */
  calls: unknown[];
  /** `TaskScheduled` events recorded before their call was made: parameters filled in later. */
  awaitingCall: HistoryEvent[];
  /** Results of successful calls, for `TaskSucceeded` at the state's exit. */
  results: unknown[];
}

type Details = Omit<HistoryEvent, 'id' | 'previousEventId' | 'timestamp' | 'type'>;

/**
 * Step Functions' execution history, built from aws-local-stepfunctions' event log: the engine
 * says `StateEntered` of a `Task`, Step Functions says `TaskStateEntered`. The engine has no
 * event for a task's call, so each attempt's `TaskScheduled` (with the parameters the task was
 * called with), `TaskStarted` and `TaskSucceeded` (with its raw result) come from the task
 * handlers `observe` wraps, placed where AWS puts them: after the state is entered or retried,
 * before it exits; a failed attempt reads as `TaskFailed`. Events without a Step Functions
 * counterpart (a retry decision, a catch) are left out.
 */
export class ExecutionHistory {
  readonly events: HistoryEvent[] = [];
  private readonly attempts = new Map<string, TaskAttempts>();

  constructor(private readonly context: HistoryContext) {}

  /**
   * The task handlers, each noting its parameters and result for this execution's history.
   * The engine's event log is read asynchronously, so a call may be seen before or after the
   * event that scheduled it: both orders pair up.
   */
  observe<H extends Record<string, TaskHandler<never>>>(handlers: H): H {
    const observed: Record<string, TaskHandler<never>> = {};
    for (const [state, handler] of Object.entries(handlers)) {
      observed[state] = async (input) => {
        const attempts = this.attemptsOf(state);
        const scheduled = attempts.awaitingCall.shift();
        if (scheduled?.taskScheduledEventDetails) {
          scheduled.taskScheduledEventDetails.parameters = json(input);
        } else {
          attempts.calls.push(input);
        }
        const result = await handler(input);
        attempts.results.push(result);
        return result;
      };
    }
    return observed as H;
  }

  /** Appends the Step Functions event(s) an engine event stands for. */
  record(event: EngineEvent): void {
    const timestamp = new Date(event.timestamp);
    const isTask = 'state' in event && event.state.type === 'Task';
    const state = isTask ? event.state.name : '';
    if (isTask && event.type === 'StateExited') {
      const [output] = this.attemptsOf(state).results.splice(0, 1);
      this.append(timestamp, 'TaskSucceeded', {
        taskSucceededEventDetails: {
          ...this.resourceOf(state),
          output: json(output),
          outputDetails: { truncated: false },
        },
      });
    }
    const mapped = this.map(event);
    if (mapped) this.append(timestamp, ...mapped);
    if (isTask && (event.type === 'StateEntered' || event.type === 'StateRetried')) {
      this.schedule(state, timestamp);
    }
    if (isTask && event.type === 'StateFailed') {
      // An attempt that failed before calling its handler (a bad Parameters path) never will.
      this.attemptsOf(state).awaitingCall.length = 0;
    }
  }

  /** `TaskScheduled` and `TaskStarted` of an attempt: the engine calls the task right away. */
  private schedule(state: string, timestamp: Date): void {
    const attempts = this.attemptsOf(state);
    const called = attempts.calls.length > 0;
    const parameters = attempts.calls.shift();
    const scheduled = this.append(timestamp, 'TaskScheduled', {
      taskScheduledEventDetails: {
        ...this.resourceOf(state),
        region: this.context.region,
        parameters: called ? json(parameters) : '{}',
      },
    });
    if (!called) attempts.awaitingCall.push(scheduled);
    this.append(timestamp, 'TaskStarted', { taskStartedEventDetails: this.resourceOf(state) });
  }

  private append(timestamp: Date, type: HistoryEventType, details: Details): HistoryEvent {
    const id = this.events.length + 1;
    const event: HistoryEvent = { id, previousEventId: id - 1, timestamp, type, ...details };
    this.events.push(event);
    return event;
  }

  private attemptsOf(state: string): TaskAttempts {
    let attempts = this.attempts.get(state);
    if (!attempts) {
      attempts = { calls: [], awaitingCall: [], results: [] };
      this.attempts.set(state, attempts);
    }
    return attempts;
  }

  /** `lambda` / `invoke` for `arn:aws:states:::lambda:invoke`; a bare function ARN is Lambda's. */
  private resourceOf(state: string): { resourceType: string; resource: string } {
    const resource = this.context.taskResources.get(state) ?? '';
    const integration = /^arn:[^:]+:states:::([^:]+):(.+)$/.exec(resource);
    return { resourceType: integration?.[1] ?? 'lambda', resource: integration?.[2] ?? resource };
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
        const details = {
          ...this.resourceOf(event.state.name),
          error: event.Error,
          cause: text(event.Cause),
        };
        // A task past its TimeoutSeconds is recorded apart from one that failed, as on AWS.
        return event.Error === 'States.Timeout'
          ? ['TaskTimedOut', { taskTimedOutEventDetails: details }]
          : ['TaskFailed', { taskFailedEventDetails: details }];
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
