import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { functionNameOf } from '../assembly/local-arns';
import { LOCAL_CREDENTIALS } from '../dynamodb/dynamodb-local';
import type {
  Authorize,
  EdgeRequest,
  EdgeResponse,
  EdgeService,
  LambdaInvokeOptions,
  LambdaInvokeResult,
  LocalLambda,
  LocalResource,
} from '../edge/contracts';
import { jsonError } from '../edge/contracts';
import type { SendMessage } from '../sqs/send-message';
import { AsyncInvocations } from './async-invocations';
import { functionDefinitions, type FunctionDefinition } from './function-definition';
import {
  FunctionRunner,
  FunctionThrottledError,
  UnsupportedRuntimeError,
  type InvocationOutcome,
  type InvocationRequest,
} from './function-runner';

export interface LambdaServiceDeps {
  resources: readonly LocalResource[];
  region: string;
  accountId: string;
  /** The edge URL functions reach every AWS service at (`AWS_ENDPOINT_URL`). */
  endpoint: string;
  authorize: Authorize;
  /** The credentials functions run with (the local administrator's). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Every line of every function's output, and the runtime's START/END/REPORT lines. */
  log?: (functionName: string, line: string) => void;
  /** Dead-letter queues and SQS destinations of async invocations. */
  sendMessage?: SendMessage;
  /** EventBridge destinations of async invocations. */
  putEvents?: (entries: PutEventsRequestEntry[]) => Promise<unknown>;
  /** Workers per function without reserved concurrency (default 4: the machine is small). */
  defaultConcurrency?: number;
  /** Waits between async retries (default 1 s then 2 s; Lambda waits minutes). */
  asyncRetryDelaysMs?: readonly number[];
}

export interface LambdaService {
  service: EdgeService;
  lambda: LocalLambda;
  functions: readonly FunctionDefinition[];
  /** Resolves once every queued async invocation has finished (with its retries). */
  drainAsync(): Promise<void>;
  /** Cold starts and live workers per function, for the status page. */
  stats(): { name: string; coldStarts: number; workers: number }[];
  stop(): Promise<void>;
}

/** Sync payloads are capped at 6 MB, async (`Event`) at 1 MB. */
const MAX_SYNC_PAYLOAD = 6 * 1024 * 1024;
const MAX_ASYNC_PAYLOAD = 1024 * 1024;
const INVOKE_PATH = /^\/2015-03-31\/functions\/([^/]+)\/invocations$/;

/**
 * The Lambda runtime and its `Invoke` API: every `AWS::Lambda::Function` of the resources runs
 * in worker threads (see FunctionRunner) and is invoked by name or ARN, synchronously or as an
 * event with Lambda's retries, destinations and dead-letter queue.
 */
export function createLambdaService(deps: LambdaServiceDeps): LambdaService {
  const log = deps.log ?? (() => undefined);
  const functions = functionDefinitions(deps.resources);
  const runners = new Map<string, FunctionRunner>();
  for (const definition of functions) {
    runners.set(
      definition.name,
      new FunctionRunner(definition, {
        endpoint: deps.endpoint,
        region: deps.region,
        accountId: deps.accountId,
        credentials: deps.credentials ?? LOCAL_CREDENTIALS,
        log,
        defaultConcurrency: deps.defaultConcurrency ?? 4,
      }),
    );
  }
  const runnerOf = (nameOrArn: string) => runners.get(functionNameOf(nameOrArn));
  const run = (definition: FunctionDefinition, request: InvocationRequest) => {
    const runner = runners.get(definition.name);
    if (!runner) throw new Error(`Function not found: ${definition.arn}`);
    return runner.invoke(request);
  };
  const asyncInvocations: AsyncInvocations = new AsyncInvocations({
    run,
    invokeAsync: async (functionArn, event) => {
      const runner = runnerOf(functionArn);
      if (!runner) throw new Error(`Function not found: ${functionArn}`);
      asyncInvocations.enqueue(runner.definition, event);
    },
    sendMessage: deps.sendMessage,
    putEvents: deps.putEvents,
    log,
    retryDelaysMs: deps.asyncRetryDelaysMs ?? [1000, 2000],
  });

  const lambda: LocalLambda = {
    async invoke(functionNameOrArn, payload, options: LambdaInvokeOptions = {}) {
      const runner = runnerOf(functionNameOrArn);
      if (!runner) throw notFound(functionNameOrArn, deps);
      if (options.invocationType === 'Event') {
        asyncInvocations.enqueue(runner.definition, payload, options.traceId);
        return { statusCode: 202, payload: undefined };
      }
      return resultOf(await runner.invoke({ event: payload, traceId: options.traceId }));
    },
  };

  const service: EdgeService = {
    signingNames: ['lambda'],
    handle: (request) => handleInvoke(request),
  };

  async function handleInvoke(request: EdgeRequest): Promise<EdgeResponse> {
    const match = INVOKE_PATH.exec(request.path);
    if (request.method !== 'POST' || !match?.[1]) {
      return jsonError(
        400,
        'UnrecognizedClientException',
        `The local Lambda answers Invoke only, not ${request.method} ${request.path}`,
      );
    }
    const name = decodeURIComponent(match[1]);
    const runner = runnerOf(name);
    if (!runner) {
      const error = notFound(name, deps);
      return jsonError(404, 'ResourceNotFoundException', error.message);
    }
    if (request.caller.kind === 'guest') {
      const allowed = await deps.authorize(
        request.caller,
        'lambda:InvokeFunction',
        runner.definition.arn,
      );
      if (!allowed) {
        return jsonError(
          403,
          'AccessDeniedException',
          `User: ${request.caller.arn} is not authorized to perform: lambda:InvokeFunction on resource: ${runner.definition.arn}`,
        );
      }
    }
    const invocationType = headerOf(request, 'x-amz-invocation-type') ?? 'RequestResponse';
    const limit = invocationType === 'Event' ? MAX_ASYNC_PAYLOAD : MAX_SYNC_PAYLOAD;
    if (request.body.length > limit) {
      return jsonError(
        413,
        'RequestTooLargeException',
        `Request must be smaller than ${limit} bytes for the InvokeFunction operation`,
      );
    }
    let event: unknown = {};
    if (request.body.length > 0) {
      try {
        event = JSON.parse(request.body.toString('utf8'));
      } catch {
        return jsonError(
          400,
          'InvalidRequestContentException',
          'Could not parse request body into json: the payload is not valid JSON',
        );
      }
    }
    const traceId = headerOf(request, 'x-amzn-trace-id');
    const versionHeaders = { 'x-amz-executed-version': '$LATEST' };
    switch (invocationType) {
      case 'DryRun':
        return { status: 204, headers: versionHeaders };
      case 'Event': {
        const requestId = asyncInvocations.enqueue(runner.definition, event, traceId);
        return { status: 202, headers: { 'x-amzn-requestid': requestId } };
      }
      case 'RequestResponse':
        break;
      default:
        return jsonError(
          400,
          'InvalidParameterValueException',
          `Invalid X-Amz-Invocation-Type: ${invocationType} (RequestResponse, Event or DryRun)`,
        );
    }
    let clientContext: unknown;
    const contextHeader = headerOf(request, 'x-amz-client-context');
    if (contextHeader) {
      try {
        clientContext = JSON.parse(Buffer.from(contextHeader, 'base64').toString('utf8'));
      } catch {
        return jsonError(
          400,
          'InvalidRequestContentException',
          'Client context must be base64 JSON',
        );
      }
    }
    let outcome: InvocationOutcome;
    try {
      outcome = await runner.invoke({ event, traceId, clientContext });
    } catch (error) {
      if (error instanceof FunctionThrottledError) {
        return jsonError(429, 'TooManyRequestsException', error.message);
      }
      if (error instanceof UnsupportedRuntimeError) {
        return jsonError(502, 'InvalidRuntimeException', error.message);
      }
      throw error;
    }
    const headers: Record<string, string> = {
      ...versionHeaders,
      'content-type': 'application/json',
      'x-amzn-requestid': outcome.requestId,
    };
    if (headerOf(request, 'x-amz-log-type') === 'Tail') {
      headers['x-amz-log-result'] = logTail(outcome.logs ?? []);
    }
    if (!outcome.ok) {
      return {
        status: 200,
        headers: { ...headers, 'x-amz-function-error': 'Unhandled' },
        body: JSON.stringify(outcome.error),
      };
    }
    return { status: 200, headers, body: outcome.payload };
  }

  return {
    service,
    lambda,
    functions,
    drainAsync: () => asyncInvocations.drain(),
    stats: () =>
      [...runners.values()].map((runner) => ({
        name: runner.definition.name,
        coldStarts: runner.coldStarts,
        workers: runner.size,
      })),
    async stop() {
      asyncInvocations.stop();
      await Promise.all([...runners.values()].map((runner) => runner.stop()));
    },
  };
}

/** The last 4 KB of an invocation's log, base64, as `X-Amz-Log-Result` carries it. */
function logTail(lines: string[]): string {
  const text = Buffer.from(lines.join('\n') + '\n', 'utf8');
  return text.subarray(Math.max(0, text.length - 4096)).toString('base64');
}

function resultOf(outcome: InvocationOutcome): LambdaInvokeResult {
  if (outcome.ok) return { statusCode: 200, payload: JSON.parse(outcome.payload) as unknown };
  return { statusCode: 200, payload: outcome.error, functionError: 'Unhandled' };
}

function notFound(nameOrArn: string, deps: LambdaServiceDeps): Error {
  const name = functionNameOf(nameOrArn);
  return Object.assign(
    new Error(
      `Function not found: arn:aws:lambda:${deps.region}:${deps.accountId}:function:${name}`,
    ),
    { name: 'ResourceNotFoundException' },
  );
}

function headerOf(request: EdgeRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
