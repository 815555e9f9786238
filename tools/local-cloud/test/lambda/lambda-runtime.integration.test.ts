import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SendMessage } from '../../src/sqs/send-message';
import { createLambdaService, type LambdaService } from '../../src/lambda';
import { localResource } from '../compute-support/local-resource';
import { serveEdgeServices } from '../compute-support/serve-edge-services';

const fixtures = join(__dirname, 'fixtures');
const allow = async () => true;

// Cold Lambda workers (each loads the SDK) on a loaded CI box take longer than Jest's 5 s.
jest.setTimeout(30_000);

interface Sent {
  queue: string;
  body: string;
  attributes?: Record<string, { DataType: string; StringValue?: string }>;
}

describe('the local Lambda runtime', () => {
  let assemblyDir: string;
  let service: LambdaService;
  let lines: { fn: string; line: string }[];
  let sent: Sent[];
  let server: Awaited<ReturnType<typeof serveEdgeServices>>;
  let client: LambdaClient;

  const fn = (logicalId: string, asset: string, props: Record<string, unknown> = {}) =>
    localResource(
      'AWS::Lambda::Function',
      logicalId,
      {
        Code: { S3Bucket: 'cdk-assets', S3Key: `${asset}.zip` },
        Handler: 'index.handler',
        Runtime: 'nodejs22.x',
        Timeout: 5,
        MemorySize: 128,
        ...props,
      },
      { assemblyDir, arn: `arn:aws:lambda:us-east-1:000000000000:function:${logicalId}` },
    );

  beforeAll(async () => {
    assemblyDir = mkdtempSync(join(tmpdir(), 'lambda-runtime-'));
    for (const name of ['echo', 'slow', 'throws', 'esm', 'hog', 'runtime-sdk', 'broken']) {
      cpSync(join(fixtures, name), join(assemblyDir, `asset.${name}`), { recursive: true });
    }
    // One asset found through the asset manifest, as CDK writes it, under another folder name.
    cpSync(join(fixtures, 'echo'), join(assemblyDir, 'bundled-echo'), { recursive: true });
    writeFileSync(
      join(assemblyDir, 'TestStack.assets.json'),
      JSON.stringify({
        files: {
          abc: {
            source: { path: 'bundled-echo', packaging: 'zip' },
            destinations: { current: { objectKey: 'abc123.zip' } },
          },
        },
      }),
    );
    lines = [];
    sent = [];
    const sendMessage: SendMessage = async (queue, body, options) => {
      sent.push({ queue, body, attributes: options?.messageAttributes as Sent['attributes'] });
      return { messageId: String(sent.length) };
    };
    const resources = [
      fn('Echo', 'echo', { Environment: { Variables: { TABLE_NAME: 'history' } } }),
      fn('ManifestEcho', 'abc123'),
      fn('Slow', 'slow', { Timeout: 1 }),
      fn('Throws', 'throws', {
        DeadLetterConfig: { TargetArn: 'arn:aws:sqs:us-east-1:000000000000:throws-dlq' },
      }),
      fn('ThrowsOnce', 'throws'),
      localResource('AWS::Lambda::EventInvokeConfig', 'ThrowsOnceConfig', {
        FunctionName: 'ThrowsOnce',
        Qualifier: '$LATEST',
        MaximumRetryAttempts: 0,
        DestinationConfig: {
          OnFailure: { Destination: 'arn:aws:sqs:us-east-1:000000000000:failures' },
        },
      }),
      fn('Esm', 'esm', { Handler: 'handler.main' }),
      fn('Disabled', 'echo', { ReservedConcurrentExecutions: 0 }),
      fn('Hog', 'hog', { MemorySize: 128, Timeout: 30 }),
      fn('RuntimeSdk', 'runtime-sdk', { MemorySize: 256 }),
      fn('Pair', 'slow', { ReservedConcurrentExecutions: 2 }),
      fn('Broken', 'broken'),
      fn('NoHandler', 'echo', { Handler: 'index.missing' }),
    ];
    service = createLambdaService({
      resources,
      region: 'us-east-1',
      accountId: '000000000000',
      endpoint: 'http://127.0.0.1:4566',
      authorize: allow,
      log: (fnName, line) => lines.push({ fn: fnName, line }),
      sendMessage,
      asyncRetryDelaysMs: [10, 20],
    });
    server = await serveEdgeServices([service.service]);
    client = new LambdaClient({
      endpoint: server.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      // The throttle case must not be retried by the SDK.
      maxAttempts: 1,
    });
  });

  afterAll(async () => {
    client.destroy();
    await server.close();
    await service.stop();
    rmSync(assemblyDir, { recursive: true, force: true });
  });

  it('runs a function cold, then warm in the same worker, with its environment and context', async () => {
    const first = await service.lambda.invoke('Echo', { hello: 'world' });
    const second = await service.lambda.invoke(
      'arn:aws:lambda:us-east-1:000000000000:function:Echo',
      { hello: 'again' },
    );

    expect(first.statusCode).toBe(200);
    const a = first.payload as EchoPayload;
    const b = second.payload as EchoPayload;
    expect(a.event).toEqual({ hello: 'world' });
    expect(a.invocations).toBe(1);
    expect(b.invocations).toBe(2);
    expect(b.loadedAt).toBe(a.loadedAt);
    expect(a.env).toMatchObject({
      TABLE_NAME: 'history',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
      AWS_REGION: 'us-east-1',
      AWS_LAMBDA_FUNCTION_NAME: 'Echo',
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_ACCESS_KEY_ID: 'local',
    });
    expect(a.env._X_AMZN_TRACE_ID).toMatch(/^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=/);
    expect(a.context).toMatchObject({
      functionName: 'Echo',
      invokedFunctionArn: 'arn:aws:lambda:us-east-1:000000000000:function:Echo',
      logGroupName: '/aws/lambda/Echo',
      memoryLimitInMB: '128',
    });
    expect(a.context.awsRequestId).not.toBe(b.context.awsRequestId);
    expect(a.context.remaining).toBeGreaterThan(4000);
    expect(a.context.remaining).toBeLessThanOrEqual(5000);
    const reports = lines.filter(({ fn, line }) => fn === 'Echo' && line.startsWith('REPORT'));
    expect(reports).toHaveLength(2);
    expect(reports[0]?.line).toContain('Init Duration');
    expect(reports[1]?.line).not.toContain('Init Duration');
    const inits = lines.filter(({ fn, line }) => fn === 'Echo' && line.startsWith('INIT_START'));
    expect(inits).toEqual([{ fn: 'Echo', line: 'INIT_START Runtime Version: nodejs22.x' }]);
    expect(lines.some(({ line }) => /\tINFO\techo {"hello":"world"}$/.test(line))).toBe(true);
    expect(service.stats().find((s) => s.name === 'Echo')).toMatchObject({ coldStarts: 1 });
  });

  it('finds an asset through the assembly asset manifest', async () => {
    const result = await service.lambda.invoke('ManifestEcho', { n: 1 });
    expect((result.payload as EchoPayload).event).toEqual({ n: 1 });
  });

  it('runs an ES module handler that answers through the callback', async () => {
    const result = await service.lambda.invoke('Esm', { value: 42 });
    expect(result.payload).toEqual({ style: 'callback', got: 42 });
  });

  it('provides the AWS SDK to a bundle that left it out, as Lambda does', async () => {
    // The asset lives in a temporary folder, outside any node_modules tree.
    const result = await service.lambda.invoke('RuntimeSdk', {});
    expect(result.payload).toEqual({ sdk: 'function' });
  });

  it('runs at most its reserved concurrency at once; further invocations wait their turn', async () => {
    const started = Date.now();

    const results = await Promise.all(
      Array.from({ length: 5 }, () => service.lambda.invoke('Pair', { waitMs: 300 })),
    );

    expect(results.map((result) => result.payload)).toEqual(Array(5).fill({ done: true }));
    // Five 300 ms invocations two at a time take three rounds.
    expect(Date.now() - started).toBeGreaterThanOrEqual(850);
    expect(service.stats().find((s) => s.name === 'Pair')).toMatchObject({
      coldStarts: 2,
      workers: 2,
    });
  });

  it('times out as Lambda does, replaces the worker, and the next invoke works', async () => {
    const timedOut = await service.lambda.invoke('Slow', { blockMs: 3000 });

    expect(timedOut.functionError).toBe('Unhandled');
    expect(timedOut.payload).toMatchObject({
      errorType: 'Sandbox.Timedout',
      errorMessage: expect.stringMatching(/Task timed out after 1\.00 seconds$/) as unknown,
    });
    const next = await service.lambda.invoke('Slow', {});
    expect(next.payload).toEqual({ done: true });
    expect(service.stats().find((s) => s.name === 'Slow')).toMatchObject({ coldStarts: 2 });
  });

  it('ends a function that outgrows its memory size, and the next invoke gets a new worker', async () => {
    const exhausted = await service.lambda.invoke('Hog', { hog: true });
    const next = await service.lambda.invoke('Hog', {});

    expect(exhausted.functionError).toBe('Unhandled');
    expect(exhausted.payload).toMatchObject({ errorType: 'Runtime.OutOfMemory' });
    expect(next.payload).toEqual({ alive: true });
  }, 30_000);

  it('reports a failed init as the invocation error, and tries init again next time', async () => {
    const first = await service.lambda.invoke('Broken', {});
    const second = await service.lambda.invoke('Broken', {});
    const missing = await service.lambda.invoke('NoHandler', {});

    expect(first).toMatchObject({
      functionError: 'Unhandled',
      payload: { errorType: 'ConfigError', errorMessage: 'TABLE_NAME is not set' },
    });
    expect(second.payload).toMatchObject({ errorType: 'ConfigError' });
    expect(service.stats().find((s) => s.name === 'Broken')?.coldStarts).toBe(2);
    expect(missing.payload).toMatchObject({
      errorType: 'Runtime.HandlerNotFound',
      errorMessage: 'index.missing is undefined or not exported',
    });
  });

  it("answers a thrown error in Lambda's shape", async () => {
    const result = await service.lambda.invoke('ThrowsOnce', {});

    expect(result.functionError).toBe('Unhandled');
    const error = result.payload as { errorType: string; errorMessage: string; trace: string[] };
    expect(error.errorType).toBe('ReservationError');
    expect(error.errorMessage).toBe('no rooms left in Chicago');
    expect(error.trace[0]).toBe('ReservationError: no rooms left in Chicago');
  });

  it('serves Invoke to the SDK: payload, function error header, 404, throttle, Event', async () => {
    const ok = await client.send(
      new InvokeCommand({
        FunctionName: 'Echo',
        Payload: JSON.stringify({ via: 'sdk' }),
        LogType: 'Tail',
      }),
    );
    expect(ok.StatusCode).toBe(200);
    expect(ok.ExecutedVersion).toBe('$LATEST');
    const tail = Buffer.from(ok.LogResult ?? '', 'base64')
      .toString()
      .split('\n');
    expect(tail[0]).toMatch(/^START RequestId: \S+ Version: \$LATEST$/);
    expect(tail[1]).toMatch(/\tINFO\techo {"via":"sdk"}$/);
    expect(tail[2]).toMatch(/^END RequestId/);
    expect(tail[3]).toMatch(/^REPORT RequestId/);
    const payload = JSON.parse(Buffer.from(ok.Payload ?? []).toString()) as EchoPayload;
    expect(payload.event).toEqual({ via: 'sdk' });

    const failed = await client.send(new InvokeCommand({ FunctionName: 'ThrowsOnce' }));
    expect(failed.FunctionError).toBe('Unhandled');
    expect(JSON.parse(Buffer.from(failed.Payload ?? []).toString())).toMatchObject({
      errorType: 'ReservationError',
    });

    await expect(client.send(new InvokeCommand({ FunctionName: 'Missing' }))).rejects.toMatchObject(
      {
        name: 'ResourceNotFoundException',
        message: 'Function not found: arn:aws:lambda:us-east-1:000000000000:function:Missing',
      },
    );
    await expect(
      client.send(new InvokeCommand({ FunctionName: 'Disabled' })),
    ).rejects.toMatchObject({ name: 'TooManyRequestsException' });

    const queued = await client.send(
      new InvokeCommand({ FunctionName: 'Echo', InvocationType: 'Event', Payload: '{"a":1}' }),
    );
    expect(queued.StatusCode).toBe(202);
  });

  it('retries a failing async invoke twice, then sends the event to its dead-letter queue', async () => {
    sent.length = 0;
    const before = lines.filter(({ fn, line }) => fn === 'Throws' && line.startsWith('START'));

    await service.lambda.invoke('Throws', { booking: 7 }, { invocationType: 'Event' });
    await service.drainAsync();

    const starts = lines.filter(({ fn, line }) => fn === 'Throws' && line.startsWith('START'));
    expect(starts.length - before.length).toBe(3);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({
      queue: 'arn:aws:sqs:us-east-1:000000000000:throws-dlq',
      body: JSON.stringify({ booking: 7 }),
      attributes: {
        ErrorCode: { DataType: 'Number', StringValue: '200' },
        ErrorMessage: { DataType: 'String', StringValue: 'no rooms left in Chicago' },
      },
    });
  });

  it("sends the invocation record to the on-failure destination after EventInvokeConfig's retries", async () => {
    sent.length = 0;

    await service.lambda.invoke('ThrowsOnce', { booking: 8 }, { invocationType: 'Event' });
    await service.drainAsync();

    expect(sent).toHaveLength(1);
    expect(sent[0]?.queue).toBe('arn:aws:sqs:us-east-1:000000000000:failures');
    expect(JSON.parse(sent[0]?.body ?? '{}')).toMatchObject({
      version: '1.0',
      requestContext: {
        functionArn: 'arn:aws:lambda:us-east-1:000000000000:function:ThrowsOnce:$LATEST',
        condition: 'RetriesExhausted',
        approximateInvokeCount: 1,
      },
      requestPayload: { booking: 8 },
      responseContext: { statusCode: 200, functionError: 'Unhandled' },
      responsePayload: { errorType: 'ReservationError' },
    });
  });
});

describe('function definitions', () => {
  it('lists a function of another runtime and refuses to invoke it, naming it', async () => {
    const service = createLambdaService({
      resources: [
        localResource('AWS::Lambda::Function', 'PyFn', {
          Runtime: 'python3.13',
          Code: { S3Key: 'x.zip' },
        }),
      ],
      region: 'us-east-1',
      accountId: '000000000000',
      endpoint: 'http://127.0.0.1:1',
      authorize: allow,
    });

    expect(service.functions[0]?.unsupported).toMatch(/TestStack\/PyFn: runtime python3.13/);
    await expect(service.lambda.invoke('PyFn', {})).rejects.toThrow(
      'TestStack/PyFn: runtime python3.13 is not emulated',
    );
  });

  it('names a function whose asset is missing', () => {
    expect(() =>
      createLambdaService({
        resources: [
          localResource('AWS::Lambda::Function', 'Gone', {
            Runtime: 'nodejs22.x',
            Code: { S3Key: 'gone.zip' },
          }),
        ],
        region: 'us-east-1',
        accountId: '000000000000',
        endpoint: 'http://127.0.0.1:1',
        authorize: allow,
      }),
    ).toThrow(/TestStack\/Gone: its asset gone\.zip is not in/);
  });
});

interface EchoPayload {
  event: unknown;
  invocations: number;
  loadedAt: number;
  context: {
    functionName: string;
    awsRequestId: string;
    invokedFunctionArn: string;
    logGroupName: string;
    memoryLimitInMB: string;
    remaining: number;
  };
  env: Record<string, string | undefined>;
}
