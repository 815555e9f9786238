import type {
  DescribeExecutionOutput,
  GetExecutionHistoryOutput,
  HistoryEvent,
  ListExecutionsOutput,
  StartSyncExecutionOutput,
} from '@aws-sdk/client-sfn';
import { randomUUID } from 'node:crypto';
import type {
  Authorize,
  Caller,
  EdgeRequest,
  EdgeResponse,
  EdgeService,
  LocalLambda,
  LocalResource,
} from '../edge/contracts';
import type { LocalEventSink } from '../event-bridge/recording-bus';
import type { DynamoSender } from './bind-task-resources';
import { localLambdaInvoker } from './local-lambda-invoker';
import { LocalExecution, type ExecutionSummary } from './local-execution';
import { localStateMachine, type LocalStateMachine } from './local-state-machine';
import { StepFunctionsError, sfnJson } from './sfn-errors';

export interface StepFunctionsServiceDeps {
  /** Every resource of the loaded stacks; the `AWS::StepFunctions::StateMachine`s are taken. */
  resources: readonly LocalResource[];
  region: string;
  accountId: string;
  /** Guests' IAM decisions (`states:StartExecution` on the machine's ARN, …). */
  authorize: Authorize;
  /** Runs `lambda:invoke` tasks and Lambda-ARN tasks. */
  lambda?: LocalLambda;
  /** Runs `dynamodb:*` tasks: a DynamoDB client for the local DynamoDB. */
  dynamodb?: DynamoSender;
  /** Receives `events:putEvents` tasks' entries. */
  eventBridge?: LocalEventSink;
  log?: (line: string) => void;
  /** Milliseconds to wait before retries, by state name (tests shorten the definitions' waits). */
  retryIntervalOverrides?: Record<string, number | number[]>;
  /** Closed executions kept per state machine for Describe/List/History (default 1000). */
  executionsKept?: number;
}

export interface StartedExecution {
  executionArn: string;
  startDate: Date;
}

export interface StepFunctionsService {
  service: EdgeService;
  /** The state machines built from the template, for the outputs and the status page. */
  stateMachines(): { arn: string; name: string; type: 'STANDARD' | 'EXPRESS' }[];
  /**
   * StartExecution for EventBridge targets and tooling: `input` is the JSON value itself.
   * Rejects with a `StepFunctionsError` named as the API's exception.
   */
  startExecution(
    stateMachineArn: string,
    input: unknown,
    options?: { name?: string; traceHeader?: string },
  ): Promise<StartedExecution>;
  /** Resolves when the execution has ended, with its final summary. */
  waitForExecution(executionArn: string): Promise<ExecutionSummary>;
  /** The latest executions of every machine, newest first (the status page's list). */
  recentExecutions(limit?: number): ExecutionSummary[];
  /** Aborts running executions and waits for them to end. */
  stop(): Promise<void>;
}

const SIGNING_NAME = 'states';
const TARGET_PREFIX = 'AWSStepFunctions.';

/**
 * Step Functions for the local cloud: the template's state machines run by
 * aws-local-stepfunctions, behind the AWS JSON 1.0 API `@aws-sdk/client-sfn` speaks.
 * StartSyncExecution: the SDK prefixes the endpoint's host with `sync-`; a client pointed at a
 * local endpoint must be created with `disableHostPrefix: true`.
 */
export function createStepFunctionsService(deps: StepFunctionsServiceDeps): StepFunctionsService {
  const log = deps.log ?? (() => undefined);
  const kept = deps.executionsKept ?? 1000;
  const services = {
    lambda: deps.lambda && localLambdaInvoker(deps.lambda),
    dynamodb: deps.dynamodb,
    eventBridge: deps.eventBridge,
  };
  const machines = new Map<string, LocalStateMachine>();
  for (const resource of deps.resources) {
    if (resource.type !== 'AWS::StepFunctions::StateMachine') continue;
    const machine = localStateMachine(resource, services);
    machines.set(machine.arn, machine);
  }
  /** Per machine, executions by name, oldest first (a Map keeps insertion order). */
  const executions = new Map<string, Map<string, LocalExecution>>(
    [...machines.keys()].map((arn) => [arn, new Map()]),
  );
  const byArn = new Map<string, LocalExecution>();

  const machineOf = (arn: unknown): LocalStateMachine => {
    const machine = typeof arn === 'string' ? machines.get(arn) : undefined;
    if (!machine) {
      throw new StepFunctionsError(
        'StateMachineDoesNotExist',
        `State Machine Does Not Exist: '${String(arn)}'`,
      );
    }
    return machine;
  };
  const executionOf = (arn: unknown): LocalExecution => {
    const execution = typeof arn === 'string' ? byArn.get(arn) : undefined;
    if (!execution) {
      throw new StepFunctionsError(
        'ExecutionDoesNotExist',
        `Execution Does Not Exist: '${String(arn)}'`,
      );
    }
    return execution;
  };

  const start = (
    machine: LocalStateMachine,
    request: { name?: unknown; input?: unknown; traceHeader?: unknown },
  ): LocalExecution => {
    const name = request.name === undefined ? randomUUID() : validName(request.name);
    const input = request.input === undefined ? '{}' : validInput(request.input);
    const named = executions.get(machine.arn)!;
    const existing = named.get(name);
    if (existing && machine.type === 'STANDARD') {
      // Step Functions' idempotency: the same name and input while running is the same call.
      if (existing.status === 'RUNNING' && existing.input === input) return existing;
      throw new StepFunctionsError(
        'ExecutionAlreadyExists',
        `Execution Already Exists: '${existing.executionArn}'`,
      );
    }
    const executionArn =
      machine.type === 'STANDARD'
        ? `arn:aws:states:${deps.region}:${deps.accountId}:execution:${machine.name}:${name}`
        : `arn:aws:states:${deps.region}:${deps.accountId}:express:${machine.name}:${name}:${randomUUID()}`;
    const execution = new LocalExecution(
      machine,
      {
        name,
        input,
        traceHeader: typeof request.traceHeader === 'string' ? request.traceHeader : undefined,
        retryIntervalOverrides: deps.retryIntervalOverrides,
      },
      executionArn,
    );
    // An Express name may repeat: the newer execution takes the name, the older one is kept
    // only while it runs.
    if (existing && existing.status !== 'RUNNING') byArn.delete(existing.executionArn);
    named.delete(name);
    named.set(name, execution);
    byArn.set(executionArn, execution);
    forgetOldest(named);
    void execution.done.then(() => {
      const took = execution.stopDate!.getTime() - execution.startDate.getTime();
      const failure = execution.error
        ? ` ${execution.error}${execution.cause ? `: ${execution.cause}` : ''}`
        : '';
      log(`${machine.name} ${name} ${execution.status} in ${took} ms${failure}`);
    });
    return execution;
  };

  const forgetOldest = (named: Map<string, LocalExecution>) => {
    for (const [name, execution] of named) {
      if (named.size <= kept) return;
      if (execution.status === 'RUNNING') continue;
      named.delete(name);
      byArn.delete(execution.executionArn);
    }
  };

  const operations: Record<
    string,
    (body: Record<string, unknown>, caller: Caller) => Promise<unknown>
  > = {
    async StartExecution(body, caller) {
      const machine = machineOf(body.stateMachineArn);
      await authorized(caller, 'states:StartExecution', machine.arn);
      const execution = start(machine, body);
      return { executionArn: execution.executionArn, startDate: execution.startDate };
    },
    async StartSyncExecution(body, caller) {
      const machine = machineOf(body.stateMachineArn);
      await authorized(caller, 'states:StartSyncExecution', machine.arn);
      if (machine.type !== 'EXPRESS') {
        throw new StepFunctionsError(
          'StateMachineTypeNotSupported',
          'This operation is not supported by this type of state machine',
        );
      }
      const execution = start(machine, body);
      await execution.done;
      const output: StartSyncExecutionOutput = {
        ...describe(execution),
        status: execution.status as StartSyncExecutionOutput['status'],
        stopDate: execution.stopDate!,
        billingDetails: {
          billedMemoryUsedInMB: 64,
          billedDurationInMilliseconds: Math.max(
            100,
            Math.ceil((execution.stopDate!.getTime() - execution.startDate.getTime()) / 100) * 100,
          ),
        },
      };
      return output;
    },
    async DescribeExecution(body, caller) {
      const execution = executionOf(body.executionArn);
      await authorized(caller, 'states:DescribeExecution', execution.executionArn);
      return describe(execution);
    },
    async ListExecutions(body, caller) {
      const machine = machineOf(body.stateMachineArn);
      await authorized(caller, 'states:ListExecutions', machine.arn);
      if (machine.type === 'EXPRESS') {
        throw new StepFunctionsError(
          'StateMachineTypeNotSupported',
          'This operation is not supported by this type of state machine',
        );
      }
      const filter = body.statusFilter;
      const all = [...executions.get(machine.arn)!.values()]
        .reverse()
        .filter((execution) => filter === undefined || execution.status === filter)
        .map((execution) => execution.summary());
      const page = paginate(all, body);
      const output: ListExecutionsOutput = { executions: page.items, nextToken: page.nextToken };
      return output;
    },
    async GetExecutionHistory(body, caller) {
      const execution = executionOf(body.executionArn);
      await authorized(caller, 'states:GetExecutionHistory', execution.executionArn);
      const withData = body.includeExecutionData !== false;
      const events = execution.history.events.map((event) =>
        withData ? event : withoutData(event),
      );
      if (body.reverseOrder === true) events.reverse();
      const page = paginate(events, body);
      const output: GetExecutionHistoryOutput = { events: page.items, nextToken: page.nextToken };
      return output;
    },
    async StopExecution(body, caller) {
      const execution = executionOf(body.executionArn);
      await authorized(caller, 'states:StopExecution', execution.executionArn);
      execution.stop(optionalText(body.error), optionalText(body.cause));
      await execution.done;
      return { stopDate: execution.stopDate };
    },
    async ListStateMachines(body, caller) {
      await authorized(caller, 'states:ListStateMachines', '*');
      const all = [...machines.values()].map((machine) => ({
        stateMachineArn: machine.arn,
        name: machine.name,
        type: machine.type,
        creationDate: machine.createdAt,
      }));
      const page = paginate(all, body);
      return { stateMachines: page.items, nextToken: page.nextToken };
    },
    async DescribeStateMachine(body, caller) {
      const machine = machineOf(body.stateMachineArn);
      await authorized(caller, 'states:DescribeStateMachine', machine.arn);
      return {
        stateMachineArn: machine.arn,
        name: machine.name,
        status: 'ACTIVE',
        definition: JSON.stringify(machine.definition),
        roleArn: machine.roleArn,
        type: machine.type,
        creationDate: machine.createdAt,
      };
    },
  };

  const authorized = async (caller: Caller, action: string, resource: string) => {
    if (caller.kind === 'admin') return;
    if (caller.kind === 'guest' && (await deps.authorize(caller, action, resource))) return;
    throw new StepFunctionsError(
      'AccessDeniedException',
      caller.kind === 'guest'
        ? `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${resource}`
        : 'Missing Authentication Token',
      403,
    );
  };

  const service: EdgeService = {
    signingNames: [SIGNING_NAME],
    async handle(request: EdgeRequest): Promise<EdgeResponse> {
      const target = String(request.headers['x-amz-target'] ?? '');
      const operation = target.startsWith(TARGET_PREFIX)
        ? operations[target.slice(TARGET_PREFIX.length)]
        : undefined;
      if (!operation) {
        return errorResponse(
          new StepFunctionsError('UnknownOperationException', `Unknown operation ${target}`),
        );
      }
      try {
        const body = request.body.length
          ? (JSON.parse(request.body.toString('utf8')) as unknown)
          : {};
        if (typeof body !== 'object' || body === null || Array.isArray(body)) {
          throw new StepFunctionsError(
            'SerializationException',
            'The request body must be a JSON object',
          );
        }
        return sfnJson(200, await operation(body as Record<string, unknown>, request.caller));
      } catch (error) {
        if (error instanceof SyntaxError) {
          return errorResponse(new StepFunctionsError('SerializationException', error.message));
        }
        if (error instanceof StepFunctionsError) return errorResponse(error);
        log(`Step Functions ${target} failed: ${(error as Error).stack ?? String(error)}`);
        return errorResponse(
          new StepFunctionsError('InternalFailure', (error as Error).message, 500),
        );
      }
    },
  };

  return {
    service,
    stateMachines: () => [...machines.values()].map(({ arn, name, type }) => ({ arn, name, type })),
    async startExecution(stateMachineArn, input, options = {}) {
      const execution = start(machineOf(stateMachineArn), {
        name: options.name,
        input: JSON.stringify(input ?? {}),
        traceHeader: options.traceHeader,
      });
      return { executionArn: execution.executionArn, startDate: execution.startDate };
    },
    async waitForExecution(executionArn) {
      const execution = executionOf(executionArn);
      await execution.done;
      return execution.summary();
    },
    recentExecutions(limit = 50) {
      return [...byArn.values()]
        .sort((a, b) => b.startDate.getTime() - a.startDate.getTime())
        .slice(0, limit)
        .map((execution) => execution.summary());
    },
    async stop() {
      const running = [...byArn.values()].filter((execution) => execution.status === 'RUNNING');
      for (const execution of running) execution.stop('States.Aborted', 'The local cloud stopped');
      await Promise.all(running.map((execution) => execution.done));
    },
  };
}

function describe(execution: LocalExecution): DescribeExecutionOutput {
  return {
    executionArn: execution.executionArn,
    stateMachineArn: execution.machine.arn,
    name: execution.name,
    status: execution.status,
    startDate: execution.startDate,
    ...(execution.stopDate && { stopDate: execution.stopDate }),
    input: execution.input,
    inputDetails: { included: true },
    ...(execution.output !== undefined && {
      output: execution.output,
      outputDetails: { included: true },
    }),
    ...(execution.error !== undefined && { error: execution.error }),
    ...(execution.cause !== undefined && { cause: execution.cause }),
    ...(execution.traceHeader && { traceHeader: execution.traceHeader }),
  };
}

/** An event without its input, output and task parameters, as `includeExecutionData: false` asks. */
function withoutData(event: HistoryEvent): HistoryEvent {
  return Object.fromEntries(
    Object.entries(event).map(([key, value]) => {
      if (!key.endsWith('EventDetails') || typeof value !== 'object' || value === null) {
        return [key, value];
      }
      const {
        input: _input,
        output: _output,
        parameters: _parameters,
        ...rest
      } = value as Record<string, unknown>;
      return [key, rest];
    }),
  ) as HistoryEvent;
}

/** Step Functions names: 1–80 characters, none of whitespace, brackets, wildcards, `"#%\^|~`$&,;:/`. */
function validName(name: unknown): string {
  if (
    typeof name !== 'string' ||
    name.length < 1 ||
    name.length > 80 ||
    /[\s<>{}[\]?*"#%\\^|~`$&,;:/]/.test(name) ||
    [...name].some((character) => isControl(character.codePointAt(0)!))
  ) {
    throw new StepFunctionsError('InvalidName', `Invalid Name: '${String(name)}'`);
  }
  return name;
}

function isControl(code: number): boolean {
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

function validInput(input: unknown): string {
  if (typeof input !== 'string') {
    throw new StepFunctionsError('InvalidExecutionInput', 'Invalid execution input: not a string');
  }
  try {
    JSON.parse(input);
  } catch (error) {
    throw new StepFunctionsError(
      'InvalidExecutionInput',
      `Invalid execution input: ${(error as Error).message}`,
    );
  }
  return input;
}

function optionalText(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** `maxResults` (default and cap 1000) and an opaque `nextToken` holding the next offset. */
function paginate<T>(
  items: T[],
  body: Record<string, unknown>,
): { items: T[]; nextToken?: string } {
  const max =
    typeof body.maxResults === 'number' && body.maxResults > 0
      ? Math.min(body.maxResults, 1000)
      : 1000;
  let offset = 0;
  if (body.nextToken !== undefined) {
    offset = Number(Buffer.from(String(body.nextToken), 'base64url').toString('utf8'));
    if (!Number.isInteger(offset) || offset < 0) {
      throw new StepFunctionsError('InvalidToken', `Invalid Token: '${String(body.nextToken)}'`);
    }
  }
  const next = offset + max;
  return {
    items: items.slice(offset, next),
    ...(next < items.length && { nextToken: Buffer.from(String(next)).toString('base64url') }),
  };
}

function errorResponse(error: StepFunctionsError): EdgeResponse {
  return sfnJson(error.status, { __type: error.code, message: error.message }, error.code);
}
