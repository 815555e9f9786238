import { CreateTableCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import {
  ImageFlipped,
  ImageRejected,
  ReservationConfirmed,
  ReservationRequested,
} from '@booktrip/events';
import { carReservationRequest, eventBridgeEvent } from '@booktrip/test-kit';
import {
  createStepFunctionsService,
  createTableInput,
  onlyResourceOf,
  RecordingEventBus,
  startDynamoDbLocal,
  type DynamoDbLocal,
  type LoadedStack,
  type StepFunctionsService,
} from '../../src';
import { bundledFunctions } from './support/bundled-functions';
import { fakeLambda } from './support/fake-lambda';
import { synthesizedStack, templateResources } from './support/template-resources';
import { ADMIN, startTestEdge, type TestEdge } from './support/test-edge';

jest.setTimeout(240_000);

const BUS = 'booktrip-local';
const SSM = { '/booktrip/local/platform/event-bus-name': BUS };

interface Running {
  sfn: StepFunctionsService;
  edge: TestEdge;
  client: SFNClient;
  bus: RecordingEventBus;
  stateMachineArn: string;
}

async function serve(
  stack: LoadedStack,
  deps: Partial<Parameters<typeof createStepFunctionsService>[0]>,
): Promise<Running> {
  const bus = new RecordingEventBus();
  const resources = templateResources(stack, ['AWS::StepFunctions::StateMachine'], SSM);
  const sfn = createStepFunctionsService({
    resources,
    region: 'us-east-1',
    accountId: '000000000000',
    authorize: async () => false,
    eventBridge: bus,
    ...deps,
  });
  const edge = await startTestEdge(sfn.service);
  const client = new SFNClient({
    endpoint: edge.endpoint,
    region: 'us-east-1',
    credentials: ADMIN,
    disableHostPrefix: true,
  });
  return { sfn, edge, client, bus, stateMachineArn: sfn.stateMachines()[0]!.arn };
}

describe('the booking workflow (Standard) from its synthesized template', () => {
  let stack: LoadedStack;
  let dynamo: DynamoDbLocal;
  let running: Running;
  let tableName: string;

  beforeAll(async () => {
    stack = synthesizedStack('booking');
    dynamo = await startDynamoDbLocal();
    const tableId = onlyResourceOf(stack.template, 'AWS::DynamoDB::Table');
    const table = createTableInput(stack.template, tableId);
    tableName = String(table.TableName);
    await dynamo.client.send(new CreateTableCommand(table));
    running = await serve(stack, {
      // The real validate function, as cdk.out bundles it.
      lambda: fakeLambda(bundledFunctions(stack)).lambda,
      dynamodb: dynamo.client,
    });
  });
  afterAll(async () => {
    await running?.sfn.stop();
    await running?.edge.stop();
    await dynamo?.stop();
  });

  const request = carReservationRequest('5c4b3a29-1807-4f6e-9d5c-4b3a29180706');

  it('books once for a replayed event, and describes both executions', async () => {
    const { client, stateMachineArn, bus, sfn } = running;
    const event = eventBridgeEvent(ReservationRequested, request, {
      correlationId: 'corr-1',
      conversationId: 'conv-1',
    });

    const first = await client.send(
      new StartExecutionCommand({
        stateMachineArn,
        name: `first-${event.id}`,
        input: JSON.stringify(event),
      }),
    );
    await sfn.waitForExecution(first.executionArn!);
    const second = await client.send(
      new StartExecutionCommand({
        stateMachineArn,
        name: `replay-${event.id}`,
        input: JSON.stringify(event),
      }),
    );
    await sfn.waitForExecution(second.executionArn!);

    const { Items } = await dynamo.client.send(new ScanCommand({ TableName: tableName }));
    expect(Items).toHaveLength(1);
    expect(Items![0]).toMatchObject({ PK: { S: `RES#${request.reservationId}` } });
    expect(bus.ofType(ReservationConfirmed)).toHaveLength(1);
    for (const { executionArn } of [first, second]) {
      const described = await client.send(new DescribeExecutionCommand({ executionArn }));
      expect(described.status).toBe('SUCCEEDED');
    }
    const { events } = await client.send(
      new GetExecutionHistoryCommand({ executionArn: second.executionArn }),
    );
    const entered = events!
      .filter((e) => e.stateEnteredEventDetails)
      .map((e) => e.stateEnteredEventDetails!.name);
    expect(entered).toContain('AlreadyBooked');
    const listed = await client.send(new ListExecutionsCommand({ stateMachineArn }));
    expect(listed.executions!.slice(0, 2).map((e) => e.executionArn)).toEqual([
      second.executionArn,
      first.executionArn,
    ]);
    await expect(
      client.send(
        new StartExecutionCommand({ stateMachineArn, name: `first-${event.id}`, input: '{}' }),
      ),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });

  it('stops a running execution', async () => {
    const { stateMachineArn } = running;
    // A validate function that never answers keeps the execution RUNNING.
    const slow = await serve(stack, {
      lambda: { invoke: () => new Promise(() => undefined) },
      dynamodb: dynamo.client,
    });
    try {
      const { executionArn } = await slow.client.send(
        new StartExecutionCommand({ stateMachineArn, input: '{}' }),
      );
      expect((await slow.client.send(new DescribeExecutionCommand({ executionArn }))).status).toBe(
        'RUNNING',
      );
      await slow.client.send(new StopExecutionCommand({ executionArn, cause: 'test' }));
      expect(await slow.client.send(new DescribeExecutionCommand({ executionArn }))).toMatchObject({
        status: 'ABORTED',
        cause: 'test',
      });
    } finally {
      await slow.sfn.stop();
      await slow.edge.stop();
    }
  });
});

describe('the image workflow (Express) from its synthesized template', () => {
  let running: Running;
  const source = {
    bucket: 'uploads',
    key: 'uploads/us-east-1:abc/conv-9/pic.png',
    versionId: 'v1',
  };
  const flipped = ImageFlipped.build(
    {
      source,
      output: { bucket: 'output', key: 'flipped/conv-9/pic.png' },
      format: 'png',
      contentType: 'image/png',
      width: 4,
      height: 3,
      sizeBytes: 120,
    },
    { correlationId: 'corr-9', conversationId: 'conv-9' },
  );
  let valid = true;

  beforeAll(async () => {
    const stack = synthesizedStack('image-flip');
    const functions = Object.keys(bundledFunctionsNames(stack));
    const [validateName, flipName] = [
      functions.find((name) => /Validate/i.test(name))!,
      functions.find((name) => /Flip/i.test(name))!,
    ];
    running = await serve(stack, {
      lambda: fakeLambda({
        [validateName]: (event) =>
          valid ? { valid: true, upload: event } : { valid: false, detail: rejected() },
        [flipName]: () => ({ flipped: true, detail: flipped.detail }),
      }).lambda,
    });
  });
  afterAll(async () => {
    await running?.sfn.stop();
    await running?.edge.stop();
  });

  function rejected() {
    return ImageRejected.build(
      { source, reason: 'UNSUPPORTED_FORMAT', message: 'Only pictures can be flipped.' },
      { correlationId: 'corr-9', conversationId: 'conv-9' },
    ).detail;
  }

  it('runs synchronously and announces Image Flipped, or Image Rejected for an invalid upload', async () => {
    const { client, stateMachineArn, bus } = running;

    const ok = await client.send(
      new StartSyncExecutionCommand({ stateMachineArn, input: '{"id":"e1"}' }),
    );
    valid = false;
    const refused = await client.send(
      new StartSyncExecutionCommand({ stateMachineArn, input: '{"id":"e2"}' }),
    );

    expect([ok.status, refused.status]).toEqual(['SUCCEEDED', 'SUCCEEDED']);
    expect(bus.ofType(ImageFlipped)).toEqual([flipped.detail]);
    expect(bus.ofType(ImageRejected)).toHaveLength(1);
    expect(bus.events.map((event) => event.eventBusName)).toEqual([BUS, BUS]);
    expect(running.sfn.recentExecutions(2).map((execution) => execution.executionArn)).toEqual([
      refused.executionArn,
      ok.executionArn,
    ]);
  });
});

/** Function names of a stack's Node functions, without loading their bundles. */
function bundledFunctionsNames(stack: LoadedStack): Record<string, true> {
  return Object.fromEntries(
    Object.entries(stack.template.Resources)
      .filter(
        ([, r]) =>
          r.Type === 'AWS::Lambda::Function' && String(r.Properties?.Runtime).startsWith('nodejs'),
      )
      .map(([id, r]) => [
        typeof r.Properties?.FunctionName === 'string' ? r.Properties.FunctionName : id,
        true,
      ]),
  );
}
