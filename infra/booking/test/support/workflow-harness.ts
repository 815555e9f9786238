import {
  CreateTableCommand,
  DeleteTableCommand,
  ScanCommand,
  type AttributeValue,
} from '@aws-sdk/client-dynamodb';
import { appEntry, ssmNames } from '@booktrip/constructs';
import {
  bindTaskResources,
  createTableInput,
  inProcessLambdas,
  localExecutionContext,
  onlyResourceOf,
  physicalName,
  RecordingEventBus,
  startDynamoDbLocal,
  stateMachineDefinition,
  type CfnTemplate,
  type DynamoDbLocal,
  type DynamoSender,
  type LambdaInvoker,
} from '@booktrip/local-cloud';
import type { Context } from 'aws-lambda';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { TEST_STAGE } from './synth';

export const BUS_NAME = 'booktrip-test';
type JSONValue = Parameters<StateMachine['run']>[0];
type Handler = (event: never, context: Context) => Promise<unknown>;

export interface RunOptions {
  /** Replaces the DynamoDB Local client, e.g. with one that throttles first. */
  dynamodb?: (real: DynamoSender) => DynamoSender;
  /** Replaces the in-process validate function. */
  lambda?: LambdaInvoker;
  retryIntervalOverrides?: Record<string, number | number[]>;
}

/**
 * The synthesized booking workflow run by aws-local-stepfunctions, its tasks bound by the
 * local cloud's own `bindTaskResources` to DynamoDB Local (table created from the template),
 * a recording bus, and the real validate handler in-process.
 */
export class WorkflowHarness {
  bus = new RecordingEventBus();
  readonly definition: StateMachineDefinition;
  readonly tableName: string;
  private readonly machine: StateMachine;

  private constructor(
    private readonly template: CfnTemplate,
    private readonly dynamo: DynamoDbLocal,
    private readonly validateFunctionName: string,
    private readonly validateHandler: Handler,
  ) {
    const tableId = onlyResourceOf(template, 'AWS::DynamoDB::Table');
    this.tableName = String(createTableInput(template, tableId).TableName);
    this.definition = stateMachineDefinition(template, undefined, {
      ssm: { [ssmNames(TEST_STAGE).platform.eventBusName]: BUS_NAME },
    });
    this.machine = new StateMachine(this.definition);
  }

  static async start(template: CfnTemplate): Promise<WorkflowHarness> {
    // The bundle the local cloud runs is built from this entry; tests run its source.
    const entry = appEntry('booking', 'src/validate-request.ts');
    const { handler } = (await import(entry)) as { handler: Handler };
    const functionId = onlyResourceOf(template, 'AWS::Lambda::Function');
    const dynamo = await startDynamoDbLocal();
    const functionName = physicalName(functionId, template.Resources[functionId]!);
    return new WorkflowHarness(template, dynamo, functionName, handler);
  }

  /** A fresh, empty table and bus. */
  async reset(): Promise<void> {
    this.bus = new RecordingEventBus();
    await this.dynamo.client
      .send(new DeleteTableCommand({ TableName: this.tableName }))
      .catch((error: Error) => {
        if (error.name !== 'ResourceNotFoundException') throw error;
      });
    const tableId = onlyResourceOf(this.template, 'AWS::DynamoDB::Table');
    await this.dynamo.client.send(new CreateTableCommand(createTableInput(this.template, tableId)));
  }

  /** Runs one execution with the event as input; resolves with its output. */
  run(event: unknown, options: RunOptions = {}): Promise<JSONValue> {
    const dynamodb = options.dynamodb ? options.dynamodb(this.dynamo.client) : this.dynamo.client;
    const lambda =
      options.lambda ?? inProcessLambdas({ [this.validateFunctionName]: this.validateHandler });
    const handlers = bindTaskResources(this.definition, {
      dynamodb,
      lambda,
      eventBridge: this.bus,
    });
    return this.machine.run(event as JSONValue, {
      overrides: {
        taskResourceLocalHandlers: handlers,
        retryIntervalOverrides: options.retryIntervalOverrides,
      },
      context: localExecutionContext(),
    }).result;
  }

  async reservations(): Promise<Record<string, AttributeValue>[]> {
    const output = await this.dynamo.client.send(new ScanCommand({ TableName: this.tableName }));
    return output.Items ?? [];
  }

  get client(): DynamoDbLocal['client'] {
    return this.dynamo.client;
  }

  stop(): Promise<void> {
    return this.dynamo.stop();
  }
}
