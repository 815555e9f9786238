import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
  type DescribeExecutionOutput,
} from '@aws-sdk/client-sfn';
import {
  createStepFunctionsService,
  localArn,
  type Authorize,
  type LocalResource,
  type StepFunctionsService,
} from '../../src';
import { fakeLambda } from './support/fake-lambda';
import { ADMIN, GUEST, startTestEdge, type TestEdge } from './support/test-edge';

const ORDERS = localArn.stateMachine('Orders');
const QUICK = localArn.stateMachine('Quick');
const SLOW = localArn.stateMachine('Slow');
const LOST = localArn.stateMachine('Lost');
const RETRIED = localArn.stateMachine('Retried');
const SLUGGISH = localArn.stateMachine('Sluggish');

/** Shout (Lambda) → Wait ($.waitSeconds) → Choice: $.reject → Fail, else Succeed. */
const ordersDefinition = {
  StartAt: 'Shout',
  States: {
    Shout: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: localArn.lambda('Shout'), 'Payload.$': '$' },
      ResultSelector: { 'loud.$': '$.Payload.loud' },
      ResultPath: '$.shout',
      Next: 'Pause',
    },
    Pause: { Type: 'Wait', SecondsPath: '$.waitSeconds', Next: 'Decide' },
    Decide: {
      Type: 'Choice',
      Choices: [
        {
          And: [
            { Variable: '$.reject', IsPresent: true },
            { Variable: '$.reject', BooleanEquals: true },
          ],
          Next: 'Rejected',
        },
      ],
      Default: 'Stamp',
    },
    Rejected: { Type: 'Fail', Error: 'OrderRejected', Cause: 'The order was rejected' },
    Stamp: {
      Type: 'Pass',
      Parameters: {
        'loud.$': '$.shout.loud',
        'executionName.$': '$$.Execution.Name',
        'executionId.$': '$$.Execution.Id',
        'enteredTime.$': '$$.State.EnteredTime',
      },
      End: true,
    },
  },
};

const quickDefinition = {
  StartAt: 'Shout quickly',
  States: {
    'Shout quickly': {
      Type: 'Task',
      Resource: localArn.lambda('Shout'),
      End: true,
    },
  },
};

const slowDefinition = {
  TimeoutSeconds: 1,
  StartAt: 'Nap',
  States: { Nap: { Type: 'Wait', Seconds: 30, End: true } },
};

const lostDefinition = {
  StartAt: 'Call nobody',
  States: { 'Call nobody': { Type: 'Task', Resource: localArn.lambda('Nobody'), End: true } },
};

/** A Lambda task that fails once, is retried, then succeeds. */
const retriedDefinition = {
  StartAt: 'Try twice',
  States: {
    'Try twice': {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: localArn.lambda('Flaky'), 'Payload.$': '$' },
      Retry: [{ ErrorEquals: ['Wobbly'], IntervalSeconds: 1, MaxAttempts: 2 }],
      OutputPath: '$.Payload',
      End: true,
    },
  },
};

/** A Lambda task that answers after its TimeoutSeconds. */
const sluggishDefinition = {
  StartAt: 'Wait too long',
  States: {
    'Wait too long': {
      Type: 'Task',
      Resource: localArn.lambda('Dawdle'),
      TimeoutSeconds: 1,
      End: true,
    },
  },
};

function machine(name: string, definition: unknown, type: string): LocalResource {
  return {
    stackName: 'Test',
    logicalId: `${name}Machine`,
    type: 'AWS::StepFunctions::StateMachine',
    properties: {
      DefinitionString: JSON.stringify(definition),
      StateMachineType: type,
      RoleArn: localArn.role(`${name}Role`),
    },
    physicalId: localArn.stateMachine(name),
    arn: localArn.stateMachine(name),
    assemblyDir: '/nowhere',
  };
}

describe('Step Functions service through @aws-sdk/client-sfn', () => {
  let edge: TestEdge;
  let sfn: StepFunctionsService;
  let client: SFNClient;
  const decisions: { action: string; resource: string }[] = [];
  let guestMay = true;
  const authorize: Authorize = async (_caller, action, resource) => {
    decisions.push({ action, resource });
    return guestMay;
  };
  const functions = fakeLambda({
    Shout: (payload) => {
      const { name } = payload as { name?: string };
      if (!name) throw Object.assign(new Error('no name to shout'), { name: 'NothingToShout' });
      return { loud: name.toUpperCase() };
    },
    Dawdle: () => new Promise((resolve) => setTimeout(() => resolve({ late: true }), 2_500)),
    Flaky: () => {
      flakyCalls += 1;
      if (flakyCalls === 1) throw Object.assign(new Error('not this time'), { name: 'Wobbly' });
      return { steady: true };
    },
  });
  let flakyCalls = 0;
  const clientFor = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
    new SFNClient({
      endpoint: edge.endpoint,
      region: 'us-east-1',
      credentials,
      disableHostPrefix: true,
    });
  const finished = async (executionArn: string): Promise<DescribeExecutionOutput> => {
    await sfn.waitForExecution(executionArn);
    return client.send(new DescribeExecutionCommand({ executionArn }));
  };

  beforeAll(async () => {
    sfn = createStepFunctionsService({
      resources: [
        machine('Orders', ordersDefinition, 'STANDARD'),
        machine('Quick', quickDefinition, 'EXPRESS'),
        machine('Slow', slowDefinition, 'STANDARD'),
        machine('Lost', lostDefinition, 'EXPRESS'),
        machine('Retried', retriedDefinition, 'STANDARD'),
        machine('Sluggish', sluggishDefinition, 'STANDARD'),
      ],
      region: 'us-east-1',
      accountId: '000000000000',
      authorize,
      lambda: functions.lambda,
    });
    edge = await startTestEdge(sfn.service);
    client = clientFor(ADMIN);
  });
  afterAll(async () => {
    await sfn.stop();
    await edge.stop();
  });
  beforeEach(() => {
    guestMay = true;
    decisions.length = 0;
  });

  it('runs an execution to SUCCEEDED, with the output and the $$ context Step Functions provides', async () => {
    const { executionArn } = await client.send(
      new StartExecutionCommand({
        stateMachineArn: ORDERS,
        name: 'order-1',
        input: JSON.stringify({ name: 'ada', waitSeconds: 0 }),
      }),
    );
    expect(executionArn).toBe('arn:aws:states:us-east-1:000000000000:execution:Orders:order-1');

    const described = await finished(executionArn!);

    expect(described).toMatchObject({
      status: 'SUCCEEDED',
      name: 'order-1',
      stateMachineArn: ORDERS,
      input: JSON.stringify({ name: 'ada', waitSeconds: 0 }),
    });
    expect(described.startDate).toBeInstanceOf(Date);
    expect(described.stopDate!.getTime()).toBeGreaterThanOrEqual(described.startDate!.getTime());
    const output = JSON.parse(described.output!) as Record<string, string>;
    expect(output).toMatchObject({
      loud: 'ADA',
      executionName: 'order-1',
      executionId: executionArn,
    });
    expect(new Date(output.enteredTime!).toISOString()).toBe(output.enteredTime);
    expect(functions.calls.at(-1)).toEqual({
      functionName: 'Shout',
      payload: { name: 'ada', waitSeconds: 0 },
    });
  });

  it('records the history with Step Functions event names, oldest first or reversed', async () => {
    const { executionArn } = await client.send(
      new StartExecutionCommand({
        stateMachineArn: ORDERS,
        input: '{"name":"bo","waitSeconds":0}',
      }),
    );
    await sfn.waitForExecution(executionArn!);

    const { events } = await client.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events!.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'WaitStateEntered',
      'WaitStateExited',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
    expect(events!.map((event) => event.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    expect(events![0]!.executionStartedEventDetails).toMatchObject({
      input: '{"name":"bo","waitSeconds":0}',
      roleArn: localArn.role('OrdersRole'),
    });
    expect(events![1]!.stateEnteredEventDetails?.name).toBe('Shout');
    // The task as it was called (Parameters applied) and its raw result (before ResultSelector).
    expect(events![2]!.taskScheduledEventDetails).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke',
      region: 'us-east-1',
    });
    expect(JSON.parse(events![2]!.taskScheduledEventDetails!.parameters!)).toEqual({
      FunctionName: localArn.lambda('Shout'),
      Payload: { name: 'bo', waitSeconds: 0 },
    });
    expect(events![3]!.taskStartedEventDetails).toEqual({
      resourceType: 'lambda',
      resource: 'invoke',
    });
    expect(JSON.parse(events![4]!.taskSucceededEventDetails!.output!)).toMatchObject({
      Payload: { loud: 'BO' },
    });
    expect(JSON.parse(events![5]!.stateExitedEventDetails!.output!)).toMatchObject({
      shout: { loud: 'BO' },
    });

    const reversed = await client.send(
      new GetExecutionHistoryCommand({
        executionArn,
        reverseOrder: true,
        maxResults: 2,
        includeExecutionData: false,
      }),
    );
    expect(reversed.events!.map((event) => event.type)).toEqual([
      'ExecutionSucceeded',
      'PassStateExited',
    ]);
    expect(reversed.events![1]!.stateExitedEventDetails).toEqual({
      name: 'Stamp',
      outputDetails: { truncated: false },
    });
    expect(reversed.nextToken).toBeDefined();
  });

  it('fails an execution at a Fail state with its error and cause', async () => {
    const { executionArn } = await client.send(
      new StartExecutionCommand({
        stateMachineArn: ORDERS,
        input: '{"name":"cy","waitSeconds":0,"reject":true}',
      }),
    );

    const described = await finished(executionArn!);

    expect(described).toMatchObject({
      status: 'FAILED',
      error: 'OrderRejected',
      cause: 'The order was rejected',
    });
    expect(described.output).toBeUndefined();
    const { events } = await client.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events!.slice(-2).map((event) => event.type)).toEqual([
      'FailStateEntered',
      'ExecutionFailed',
    ]);
    expect(events!.at(-1)!.executionFailedEventDetails).toEqual({
      error: 'OrderRejected',
      cause: 'The order was rejected',
    });
  });

  it("fails on a function error under the function's error type, recorded as TaskFailed", async () => {
    const { executionArn } = await client.send(
      new StartExecutionCommand({ stateMachineArn: ORDERS, input: '{"waitSeconds":0}' }),
    );

    const described = await finished(executionArn!);

    expect(described).toMatchObject({ status: 'FAILED', error: 'NothingToShout' });
    const { events } = await client.send(new GetExecutionHistoryCommand({ executionArn }));
    const failed = events!.find((event) => event.type === 'TaskFailed');
    expect(failed?.taskFailedEventDetails).toMatchObject({
      resourceType: 'lambda',
      resource: 'invoke',
      error: 'NothingToShout',
    });
  });

  it('records each attempt of a retried task: scheduled, started, failed, then scheduled again', async () => {
    const { executionArn } = await client.send(
      new StartExecutionCommand({ stateMachineArn: RETRIED, input: '{"n":1}' }),
    );

    const described = await finished(executionArn!);
    const { events } = await client.send(new GetExecutionHistoryCommand({ executionArn }));

    expect(described).toMatchObject({ status: 'SUCCEEDED', output: '{"steady":true}' });
    expect(events!.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskFailed',
      'TaskScheduled',
      'TaskStarted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    const [failed, , , succeeded] = events!.slice(4);
    expect(failed!.taskFailedEventDetails).toMatchObject({ error: 'Wobbly' });
    // The retry waited its interval after the failure.
    expect(events![5]!.timestamp!.getTime() - failed!.timestamp!.getTime()).toBeGreaterThanOrEqual(
      900,
    );
    expect(JSON.parse(events![5]!.taskScheduledEventDetails!.parameters!)).toMatchObject({
      Payload: { n: 1 },
    });
    expect(JSON.parse(succeeded!.taskSucceededEventDetails!.output!)).toMatchObject({
      Payload: { steady: true },
    });
  });

  it('records a task past its TimeoutSeconds as TaskTimedOut, not TaskFailed', async () => {
    const { executionArn } = await client.send(
      new StartExecutionCommand({ stateMachineArn: SLUGGISH, input: '{}' }),
    );

    const described = await finished(executionArn!);
    const { events } = await client.send(new GetExecutionHistoryCommand({ executionArn }));

    expect(described).toMatchObject({ status: 'FAILED', error: 'States.Timeout' });
    expect(events!.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskTimedOut',
      'ExecutionFailed',
    ]);
    expect(events![4]!.taskTimedOutEventDetails).toMatchObject({
      resourceType: 'lambda',
      resource: localArn.lambda('Dawdle'),
      error: 'States.Timeout',
    });
  });

  it('keeps names unique per state machine, and repeats a running start with the same input', async () => {
    const input = '{"name":"dee","waitSeconds":30}';
    const first = await client.send(
      new StartExecutionCommand({ stateMachineArn: ORDERS, name: 'same-name', input }),
    );
    const again = await client.send(
      new StartExecutionCommand({ stateMachineArn: ORDERS, name: 'same-name', input }),
    );
    expect(again.executionArn).toBe(first.executionArn);
    await expect(
      client.send(
        new StartExecutionCommand({
          stateMachineArn: ORDERS,
          name: 'same-name',
          input: '{"other":1}',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });

    await client.send(new StopExecutionCommand({ executionArn: first.executionArn }));

    await expect(
      client.send(new StartExecutionCommand({ stateMachineArn: ORDERS, name: 'same-name', input })),
    ).rejects.toMatchObject({ name: 'ExecutionAlreadyExists' });
  });

  it('stops a running execution: ABORTED with the given error and cause, and an ExecutionAborted event', async () => {
    const { executionArn } = await client.send(
      new StartExecutionCommand({
        stateMachineArn: ORDERS,
        input: '{"name":"eve","waitSeconds":60}',
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await client.send(new DescribeExecutionCommand({ executionArn }))).status).toBe(
      'RUNNING',
    );

    const stopped = await client.send(
      new StopExecutionCommand({ executionArn, error: 'Operator', cause: 'changed my mind' }),
    );

    expect(stopped.stopDate).toBeInstanceOf(Date);
    expect(await client.send(new DescribeExecutionCommand({ executionArn }))).toMatchObject({
      status: 'ABORTED',
      error: 'Operator',
      cause: 'changed my mind',
    });
    const { events } = await client.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events!.at(-1)!.type).toBe('ExecutionAborted');
  });

  it('lists executions newest first, filtered by status, a page at a time', async () => {
    const names = ['list-a', 'list-b', 'list-c'];
    for (const name of names) {
      const { executionArn } = await client.send(
        new StartExecutionCommand({
          stateMachineArn: ORDERS,
          name,
          input: '{"name":"x","waitSeconds":0}',
        }),
      );
      await sfn.waitForExecution(executionArn!);
    }

    const first = await client.send(
      new ListExecutionsCommand({
        stateMachineArn: ORDERS,
        statusFilter: 'SUCCEEDED',
        maxResults: 2,
      }),
    );
    expect(first.executions!.map((execution) => execution.name)).toEqual(['list-c', 'list-b']);
    const second = await client.send(
      new ListExecutionsCommand({
        stateMachineArn: ORDERS,
        statusFilter: 'SUCCEEDED',
        maxResults: 2,
        nextToken: first.nextToken,
      }),
    );
    expect(second.executions![0]!.name).toBe('list-a');
    const failed = await client.send(
      new ListExecutionsCommand({ stateMachineArn: ORDERS, statusFilter: 'FAILED' }),
    );
    expect(failed.executions!.every((execution) => execution.status === 'FAILED')).toBe(true);
    expect(failed.executions!.length).toBeGreaterThan(0);
  });

  it('runs an Express machine synchronously with StartSyncExecution (client with disableHostPrefix)', async () => {
    const result = await client.send(
      new StartSyncExecutionCommand({ stateMachineArn: QUICK, input: '{"name":"fay"}' }),
    );

    expect(result).toMatchObject({
      status: 'SUCCEEDED',
      output: '{"loud":"FAY"}',
      stateMachineArn: QUICK,
    });
    expect(result.executionArn).toMatch(
      /^arn:aws:states:us-east-1:000000000000:express:Quick:[^:]+:[^:]+$/,
    );
    const failed = await client.send(
      new StartSyncExecutionCommand({ stateMachineArn: QUICK, input: '{}' }),
    );
    expect(failed).toMatchObject({
      status: 'FAILED',
      error: 'NothingToShout',
    });
    // As in AWS, the cause of a function error is Lambda's error object.
    expect(JSON.parse(failed.cause!)).toMatchObject({
      errorType: 'NothingToShout',
      errorMessage: 'no name to shout',
    });
  });

  it('names a failure of the Lambda service itself Lambda.<exception>, as Retry policies expect', async () => {
    const result = await client.send(new StartSyncExecutionCommand({ stateMachineArn: LOST }));

    expect(result).toMatchObject({ status: 'FAILED', error: 'Lambda.ResourceNotFoundException' });
  });

  it('answers as Step Functions does for the wrong machine type, unknown ARNs, bad names and bad input', async () => {
    await expect(
      client.send(new StartSyncExecutionCommand({ stateMachineArn: ORDERS })),
    ).rejects.toMatchObject({
      name: 'StateMachineTypeNotSupported',
    });
    await expect(
      client.send(new ListExecutionsCommand({ stateMachineArn: QUICK })),
    ).rejects.toMatchObject({
      name: 'StateMachineTypeNotSupported',
    });
    await expect(
      client.send(new StartExecutionCommand({ stateMachineArn: localArn.stateMachine('Nope') })),
    ).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
    await expect(
      client.send(
        new DescribeExecutionCommand({
          executionArn: `${ORDERS.replace('stateMachine', 'execution')}:nope`,
        }),
      ),
    ).rejects.toMatchObject({ name: 'ExecutionDoesNotExist' });
    await expect(
      client.send(new StartExecutionCommand({ stateMachineArn: ORDERS, name: 'has space' })),
    ).rejects.toMatchObject({ name: 'InvalidName' });
    await expect(
      client.send(new StartExecutionCommand({ stateMachineArn: ORDERS, input: '{not json' })),
    ).rejects.toMatchObject({ name: 'InvalidExecutionInput' });
  });

  it("asks the guest role's policies before acting for a guest, and refuses with AccessDeniedException", async () => {
    const guest = clientFor(GUEST);
    guestMay = false;
    await expect(
      guest.send(
        new StartExecutionCommand({
          stateMachineArn: ORDERS,
          input: '{"name":"g","waitSeconds":0}',
        }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 403 } });
    expect(decisions).toEqual([{ action: 'states:StartExecution', resource: ORDERS }]);

    guestMay = true;
    const { executionArn } = await guest.send(
      new StartExecutionCommand({ stateMachineArn: ORDERS, input: '{"name":"g","waitSeconds":0}' }),
    );
    await guest.send(new DescribeExecutionCommand({ executionArn }));
    expect(decisions.at(-1)).toEqual({
      action: 'states:DescribeExecution',
      resource: executionArn,
    });
  });

  it('starts executions for EventBridge targets and lists them for the status page', async () => {
    const { executionArn } = await sfn.startExecution(ORDERS, {
      name: 'from-a-rule',
      waitSeconds: 0,
    });

    const summary = await sfn.waitForExecution(executionArn);

    expect(summary).toMatchObject({ status: 'SUCCEEDED', stateMachineArn: ORDERS });
    expect(sfn.recentExecutions(1)).toEqual([summary]);
    const { stateMachines } = await client.send(new ListStateMachinesCommand({}));
    expect(stateMachines!.map((m) => [m.name, m.type])).toEqual([
      ['Orders', 'STANDARD'],
      ['Quick', 'EXPRESS'],
      ['Slow', 'STANDARD'],
      ['Lost', 'EXPRESS'],
      ['Retried', 'STANDARD'],
      ['Sluggish', 'STANDARD'],
    ]);
  });

  it('runs many executions of one machine at once, each with its own input and context', async () => {
    const names = Array.from({ length: 20 }, (_, index) => `parallel-${index}`);

    const started = await Promise.all(
      names.map((name) =>
        client.send(
          new StartExecutionCommand({
            stateMachineArn: ORDERS,
            name,
            input: JSON.stringify({ name, waitSeconds: 0 }),
          }),
        ),
      ),
    );
    const outputs = await Promise.all(
      started.map(async ({ executionArn }) => JSON.parse((await finished(executionArn!)).output!)),
    );

    expect(outputs.map((output) => [output.loud, output.executionName])).toEqual(
      names.map((name) => [name.toUpperCase(), name]),
    );
  });

  it("times out at the definition's TimeoutSeconds: TIMED_OUT, States.Timeout", async () => {
    const { executionArn } = await client.send(
      new StartExecutionCommand({ stateMachineArn: SLOW }),
    );

    const described = await finished(executionArn!);

    expect(described).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    const { events } = await client.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(events!.at(-1)!.type).toBe('ExecutionTimedOut');
  });

  it('refuses at start-up a Task it cannot run, naming the stack and logical id', () => {
    const queueTask = {
      StartAt: 'Send',
      States: {
        Send: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', End: true },
      },
    };
    expect(() =>
      createStepFunctionsService({
        resources: [machine('Queue', queueTask, 'STANDARD')],
        region: 'us-east-1',
        accountId: '000000000000',
        authorize,
      }),
    ).toThrow(
      /Test\/QueueMachine: State "Send": no local implementation of arn:aws:states:::sqs:sendMessage/,
    );
  });
});
