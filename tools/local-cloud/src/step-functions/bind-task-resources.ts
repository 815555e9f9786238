import {
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { StateMachine, StateMachineDefinition } from 'aws-local-stepfunctions';
import type { LocalEventSink } from '../event-bridge/recording-bus';
import { functionNameOf } from '../assembly/local-arns';

/** Invokes a local Lambda function by name; rejects with the function's error. */
export type LambdaInvoker = (functionName: string, payload: unknown) => Promise<unknown>;

/** The local implementations a workflow's tasks are bound to. */
type DynamoCommand =
  PutItemCommand | GetItemCommand | UpdateItemCommand | DeleteItemCommand | QueryCommand;

/** What the DynamoDB tasks need of a client: DynamoDBClient, or a test's wrapper of one. */
export interface DynamoSender {
  send(command: DynamoCommand): Promise<object>;
}

export interface TaskServices {
  lambda?: LambdaInvoker;
  dynamodb?: DynamoSender;
  eventBridge?: LocalEventSink;
}

type JSONValue = Parameters<StateMachine['run']>[0];
type TaskHandler = (input: JSONValue) => Promise<JSONValue>;
type State = Record<string, unknown> & { Type?: string; Resource?: string };

/**
 * Step Functions' service integrations, implemented against local services: the
 * `taskResourceLocalHandlers` for aws-local-stepfunctions (which implements none), keyed by
 * state name, also inside Map and Parallel. A Task whose resource has no local implementation
 * is refused here, at bind time, naming the state and resource.
 */
export function bindTaskResources(
  definition: StateMachineDefinition,
  services: TaskServices,
): Record<string, TaskHandler> {
  const handlers: Record<string, TaskHandler> = {};
  for (const [name, state] of taskStates(
    definition as unknown as { States: Record<string, State> },
  )) {
    if (name in handlers) {
      // aws-local-stepfunctions keys overrides by state name alone, even inside Map/Parallel.
      throw new Error(`Two Task states are named "${name}": overrides would collide`);
    }
    handlers[name] = bindTask(name, String(state.Resource), services);
  }
  return handlers;
}

function* taskStates(machine: { States: Record<string, State> }): Generator<[string, State]> {
  for (const [name, state] of Object.entries(machine.States)) {
    if (state.Type === 'Task') yield [name, state];
    if (state.Type === 'Parallel') {
      for (const branch of (state.Branches ?? []) as { States: Record<string, State> }[]) {
        yield* taskStates(branch);
      }
    }
    if (state.Type === 'Map') {
      const processor = (state.ItemProcessor ?? state.Iterator) as
        { States: Record<string, State> } | undefined;
      if (processor) yield* taskStates(processor);
    }
  }
}

function bindTask(stateName: string, resource: string, services: TaskServices): TaskHandler {
  const integration = /^arn:[^:]+:states:::([^:]+):([^.]+)(\..+)?$/.exec(resource);
  if (integration) {
    const [, service, action, pattern] = integration;
    if (pattern) {
      throw new Error(
        `State "${stateName}": the integration pattern ${pattern} of ${resource} is not supported locally`,
      );
    }
    const key = `${service}:${action}`;
    const factory = INTEGRATIONS[key];
    if (!factory) {
      throw new Error(`State "${stateName}": no local implementation of ${resource}`);
    }
    return factory(stateName, services);
  }
  if (/^arn:[^:]+:lambda:/.test(resource)) {
    const lambda = need(services.lambda, stateName, 'lambda');
    return async (input) => (await invokeLambda(lambda, resource, input)) as JSONValue;
  }
  throw new Error(`State "${stateName}": no local implementation of ${resource}`);
}

const INTEGRATIONS: Record<string, (stateName: string, services: TaskServices) => TaskHandler> = {
  'lambda:invoke': (stateName, services) => {
    const lambda = need(services.lambda, stateName, 'lambda');
    return async (input) => {
      const { FunctionName, Payload } = input as { FunctionName: string; Payload?: unknown };
      const payload = await invokeLambda(lambda, FunctionName, Payload ?? {});
      // The optimized integration's result; ResultSelector usually picks Payload out of it.
      return { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: payload } as JSONValue;
    };
  },
  'dynamodb:putItem': dynamo((input) => new PutItemCommand(input as never)),
  'dynamodb:getItem': dynamo((input) => new GetItemCommand(input as never)),
  'dynamodb:updateItem': dynamo((input) => new UpdateItemCommand(input as never)),
  'dynamodb:deleteItem': dynamo((input) => new DeleteItemCommand(input as never)),
  'dynamodb:query': dynamo((input) => new QueryCommand(input as never)),
  'events:putEvents': (stateName, services) => {
    const bus = need(services.eventBridge, stateName, 'eventBridge');
    return async (input) => {
      const { Entries } = input as unknown as {
        Entries: (PutEventsRequestEntry & { Detail: unknown })[];
      };
      // In ASL, Detail may be a JSON object; Step Functions serializes it for PutEvents.
      const entries = Entries.map((entry) => ({
        ...entry,
        Detail: typeof entry.Detail === 'string' ? entry.Detail : JSON.stringify(entry.Detail),
      }));
      const output = await bus.putEvents(entries);
      if (output.FailedEntryCount) {
        // The integration fails the task when any entry failed.
        throw stepFunctionsError(
          'EventBridge.FailedEntry',
          JSON.stringify(output.Entries?.filter((entry) => entry.ErrorCode)),
        );
      }
      return { Entries: output.Entries ?? [], FailedEntryCount: 0 } as unknown as JSONValue;
    };
  },
};

function dynamo(command: (input: unknown) => DynamoCommand) {
  return (stateName: string, services: TaskServices): TaskHandler => {
    const client = need(services.dynamodb, stateName, 'dynamodb');
    return async (input) => {
      try {
        const { $metadata: _metadata, ...output } = (await client.send(command(input))) as {
          $metadata?: unknown;
        };
        return output as JSONValue;
      } catch (error) {
        // Step Functions names service errors `DynamoDB.<exception>` for Retry/Catch.
        throw stepFunctionsError(`DynamoDB.${(error as Error).name}`, (error as Error).message);
      }
    };
  };
}

async function invokeLambda(lambda: LambdaInvoker, nameOrArn: string, payload: unknown) {
  try {
    return await lambda(functionNameOf(nameOrArn), payload);
  } catch (error) {
    // A function error surfaces under its own error type, with Lambda's JSON as the cause.
    const { name, message } = error as Error;
    throw stepFunctionsError(
      name || 'Error',
      JSON.stringify({ errorType: name || 'Error', errorMessage: message }),
    );
  }
}

function stepFunctionsError(name: string, cause: string): Error {
  const error = new Error(cause);
  error.name = name;
  return error;
}

function need<T>(service: T | undefined, stateName: string, what: string): T {
  if (!service) throw new Error(`State "${stateName}" needs a local ${what} service to be bound`);
  return service;
}
