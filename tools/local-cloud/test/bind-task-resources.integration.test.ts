import { CreateTableCommand, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AttributeType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import {
  Choice,
  Condition,
  DefinitionBody,
  JsonPath,
  Pass,
  Result,
  StateMachine as CdkStateMachine,
  Succeed,
  TaskInput,
} from 'aws-cdk-lib/aws-stepfunctions';
import {
  DynamoAttributeValue,
  DynamoPutItem,
  EventBridgePutEvents,
  LambdaInvoke,
} from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { StateMachine } from 'aws-local-stepfunctions';
import {
  bindTaskResources,
  inProcessLambdas,
  RecordingEventBus,
  startDynamoDbLocal,
  stateMachineDefinition,
  type CfnTemplate,
  type DynamoDbLocal,
} from '../src';

/** A small workflow with each integration BookTrip's services use, synthesized by CDK. */
function synthesizeWorkflow(): CfnTemplate {
  const stack = new Stack(new App(), 'Workflow');
  const table = new Table(stack, 'Items', {
    partitionKey: { name: 'PK', type: AttributeType.STRING },
  });
  const bus = new EventBus(stack, 'Bus', { eventBusName: 'test-bus' });
  const fn = new LambdaFunction(stack, 'Shout', {
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromInline('exports.handler = async () => ({})'),
  });
  const shout = new LambdaInvoke(stack, 'ShoutName', {
    lambdaFunction: fn,
    payload: TaskInput.fromObject({ name: JsonPath.stringAt('$.name') }),
    resultSelector: { 'loud.$': '$.Payload.loud' },
    resultPath: '$.shout',
  });
  const save = new DynamoPutItem(stack, 'SaveItem', {
    table,
    item: {
      PK: DynamoAttributeValue.fromString(JsonPath.stringAt('$.name')),
      loud: DynamoAttributeValue.fromString(JsonPath.stringAt('$.shout.loud')),
    },
    conditionExpression: 'attribute_not_exists(PK)',
    resultPath: JsonPath.DISCARD,
  });
  const announce = new EventBridgePutEvents(stack, 'Announce', {
    entries: [
      {
        eventBus: bus,
        source: 'test.workflow',
        detailType: 'Item Saved',
        detail: TaskInput.fromObject({ name: JsonPath.stringAt('$.name') }),
      },
    ],
    resultPath: JsonPath.DISCARD,
  });
  const duplicate = new Pass(stack, 'Duplicate', {
    result: Result.fromObject({ duplicate: true }),
  });
  save.addCatch(duplicate, { errors: ['DynamoDB.ConditionalCheckFailedException'] });
  const definition = shout
    .next(save)
    .next(announce)
    .next(
      new Choice(stack, 'Done?')
        .when(Condition.isPresent('$.name'), new Succeed(stack, 'Saved'))
        .otherwise(new Succeed(stack, 'Odd')),
    );
  new CdkStateMachine(stack, 'Machine', {
    definitionBody: DefinitionBody.fromChainable(definition),
  });
  return Template.fromStack(stack).toJSON() as CfnTemplate;
}

describe('bindTaskResources with a synthesized workflow', () => {
  let dynamo: DynamoDbLocal;
  let template: CfnTemplate;
  let tableName: string;

  beforeAll(async () => {
    template = synthesizeWorkflow();
    dynamo = await startDynamoDbLocal();
    tableName = Object.keys(template.Resources).find((id) => id.startsWith('Items'))!;
    await dynamo.client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'PK', AttributeType: 'S' }],
      }),
    );
  }, 60_000);
  afterAll(() => dynamo?.stop());

  function run(input: object, bus: RecordingEventBus) {
    const definition = stateMachineDefinition(template);
    const shoutFunction = Object.keys(template.Resources).find(
      (id) => template.Resources[id]?.Type === 'AWS::Lambda::Function',
    )!;
    const handlers = bindTaskResources(definition, {
      lambda: inProcessLambdas({
        [shoutFunction]: async (event: { name: string }) => {
          if (event.name === 'boom') throw Object.assign(new Error('no'), { name: 'ShoutError' });
          return { loud: event.name.toUpperCase() };
        },
      }),
      dynamodb: dynamo.client,
      eventBridge: bus,
    });
    return new StateMachine(definition).run(input as never, {
      overrides: { taskResourceLocalHandlers: handlers },
    }).result;
  }

  it('runs Lambda, DynamoDB and EventBridge tasks against the local services', async () => {
    const bus = new RecordingEventBus();

    await run({ name: 'ada' }, bus);

    const item = await dynamo.client.send(
      new GetItemCommand({ TableName: tableName, Key: { PK: { S: 'ada' } } }),
    );
    expect(item.Item).toEqual({ PK: { S: 'ada' }, loud: { S: 'ADA' } });
    expect(bus.events).toEqual([
      expect.objectContaining({
        eventBusName: 'test-bus',
        source: 'test.workflow',
        detailType: 'Item Saved',
        detail: { name: 'ada' },
      }),
    ]);
  });

  it('names a failed condition as Step Functions does, so the Catch takes it', async () => {
    const bus = new RecordingEventBus();
    await run({ name: 'grace' }, bus);

    const output = await run({ name: 'grace' }, bus);

    expect(output).toMatchObject({ duplicate: true });
    expect(bus.events).toHaveLength(1);
  });

  it('surfaces a function error under its own error name', async () => {
    await expect(run({ name: 'boom' }, new RecordingEventBus())).rejects.toThrow(/ShoutError/);
  });

  it('refuses a task it cannot run locally, naming the state and resource', () => {
    const definition = {
      StartAt: 'Sync',
      States: {
        Sync: { Type: 'Task', Resource: 'arn:aws:states:::ecs:runTask.sync', End: true },
      },
    };
    expect(() => bindTaskResources(definition as never, {})).toThrow(
      /State "Sync": the integration pattern .sync of arn:aws:states:::ecs:runTask.sync/,
    );
    const sqs = {
      StartAt: 'Send',
      States: { Send: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true } },
    };
    expect(() => bindTaskResources(sqs as never, {})).toThrow(
      /no local implementation of arn:aws:states:::sqs:sendMessage/,
    );
  });

  it('refuses a task whose local service was not provided', () => {
    const definition = stateMachineDefinition(template);
    expect(() => bindTaskResources(definition, { lambda: async () => ({}) })).toThrow(
      /needs a local dynamodb service/,
    );
  });
});
