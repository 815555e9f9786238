import type { ExecutionStatus } from '@aws-sdk/client-sfn';
import {
  ExecutionAbortedError,
  ExecutionError,
  ExecutionTimeoutError,
} from 'aws-local-stepfunctions';
import { localExecutionContext } from './execution-context';
import { ExecutionHistory } from './execution-history';
import type { LocalStateMachine } from './local-state-machine';

type JSONValue = Parameters<LocalStateMachine['engine']['run']>[0];

/** What `ListExecutions` and the status page show of an execution. */
export interface ExecutionSummary {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: Date;
  stopDate?: Date;
}

export interface StartOptions {
  name: string;
  /** The input as the caller sent it (a JSON text). */
  input: string;
  traceHeader?: string;
  /** Milliseconds to wait before each retry, by state name, instead of the definition's. */
  retryIntervalOverrides?: Record<string, number | number[]>;
}

/**
 * One run of a state machine, as Step Functions describes it: status, input/output, error and
 * cause, and the history. Started on construction; `done` settles when it has ended (it never
 * rejects: a failure is a status).
 */
export class LocalExecution {
  readonly executionArn: string;
  readonly name: string;
  readonly input: string;
  readonly traceHeader?: string;
  readonly startDate = new Date();
  readonly history: ExecutionHistory;
  readonly done: Promise<void>;
  status: ExecutionStatus = 'RUNNING';
  stopDate?: Date;
  output?: string;
  error?: string;
  cause?: string;
  private readonly abort: () => void;

  constructor(
    readonly machine: LocalStateMachine,
    options: StartOptions,
    executionArn: string,
  ) {
    this.executionArn = executionArn;
    this.name = options.name;
    this.input = options.input;
    this.traceHeader = options.traceHeader;
    const history = new ExecutionHistory({
      roleArn: machine.roleArn,
      region: machine.arn.split(':')[3] ?? '',
      taskResources: machine.taskResources,
    });
    this.history = history;
    const run = machine.engine.run(JSON.parse(options.input) as JSONValue, {
      overrides: {
        taskResourceLocalHandlers: history.observe(machine.handlers),
        retryIntervalOverrides: options.retryIntervalOverrides,
      },
      context: {
        ...localExecutionContext(),
        Execution: {
          Id: executionArn,
          Name: options.name,
          RoleArn: machine.roleArn,
          StartTime: this.startDate.toISOString(),
        },
        StateMachine: { Id: machine.arn, Name: machine.name },
      },
    });
    this.abort = run.abort;
    const recorded = (async () => {
      for await (const event of run.eventLogs) history.record(event);
    })();
    const ended = run.result.then(
      (output) => {
        this.output = JSON.stringify(output);
        return 'SUCCEEDED' as const;
      },
      (error: unknown) => this.failure(error),
    );
    this.done = Promise.all([ended, recorded.catch(() => undefined)]).then(([status]) => {
      // StopExecution has already closed the execution with the caller's error and cause.
      if (this.status !== 'RUNNING') return;
      this.status = status;
      this.stopDate = new Date();
    });
  }

  /** StopExecution: the execution ends ABORTED now, with the caller's error and cause. */
  stop(error?: string, cause?: string): void {
    if (this.status !== 'RUNNING') return;
    this.status = 'ABORTED';
    this.stopDate = new Date();
    this.error = error;
    this.cause = cause;
    this.abort();
  }

  summary(): ExecutionSummary {
    return {
      executionArn: this.executionArn,
      stateMachineArn: this.machine.arn,
      name: this.name,
      status: this.status,
      startDate: this.startDate,
      ...(this.stopDate && { stopDate: this.stopDate }),
    };
  }

  private failure(error: unknown): ExecutionStatus {
    if (error instanceof ExecutionAbortedError) return 'ABORTED';
    if (error instanceof ExecutionTimeoutError) {
      this.error = 'States.Timeout';
      return 'TIMED_OUT';
    }
    const cause = error instanceof ExecutionError ? error.cause : error;
    if (cause instanceof Error) {
      this.error = cause.name;
      this.cause = cause.message;
      // A Task past its own TimeoutSeconds fails the execution with States.Timeout (FAILED, as
      // on AWS); only the execution's TimeoutSeconds (above) is TIMED_OUT.
    } else {
      this.error = 'States.Runtime';
      this.cause = String(cause);
    }
    return 'FAILED';
  }
}
