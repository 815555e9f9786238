import { randomBytes, randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { Worker } from 'node:worker_threads';
import type { FunctionDefinition } from './function-definition';
import { WORKER_BOOTSTRAP_SOURCE } from './worker-bootstrap';

/** Lambda's error payload. */
export interface LambdaError {
  errorType: string;
  errorMessage: string;
  trace?: string[];
}

export type InvocationOutcome = (
  | { ok: true; payload: string; requestId: string }
  | { ok: false; error: LambdaError; requestId: string }
) & {
  /** The invocation's log lines, START to REPORT (what `X-Amz-Log-Type: Tail` returns). */
  logs?: string[];
};

export interface InvocationRequest {
  event: unknown;
  requestId?: string;
  traceId?: string;
  clientContext?: unknown;
}

export interface RunnerEnvironment {
  endpoint: string;
  region: string;
  accountId: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  /** Each line a function writes (stdout and stderr), and the runtime's START/END/REPORT lines. */
  log: (functionName: string, line: string) => void;
  /** Workers per function when it has no reserved concurrency. */
  defaultConcurrency: number;
}

/** Refused before running: a runtime the local cloud does not run. */
export class UnsupportedRuntimeError extends Error {
  override readonly name = 'InvalidRuntimeException';
}

/** Refused before running: reserved concurrency 0, as Lambda throttles it. */
export class FunctionThrottledError extends Error {
  override readonly name = 'TooManyRequestsException';
}

interface Pending {
  resolve: (outcome: InvocationOutcome) => void;
  timer: NodeJS.Timeout;
  requestId: string;
  lines: string[];
}

/** Lines kept per invocation for its log tail (Lambda returns the last 4 KB). */
const TAIL_LINES = 200;

/** One worker: one execution environment, one invocation at a time. */
class ExecutionEnvironment {
  readonly worker: Worker;
  readonly ready: Promise<{ initMs: number } | { error: LambdaError }>;
  private pending: Pending | undefined;
  private readonly partial: Record<string, string> = { stdout: '', stderr: '' };
  dead = false;

  constructor(
    private readonly definition: FunctionDefinition,
    env: Record<string, string>,
    private readonly log: (line: string) => void,
    private readonly onDeath: (environment: ExecutionEnvironment) => void,
  ) {
    this.worker = new Worker(WORKER_BOOTSTRAP_SOURCE, {
      eval: true,
      env,
      stdout: true,
      stderr: true,
      workerData: {
        taskRoot: definition.codeDir,
        handler: definition.handler,
        functionName: definition.name,
        memoryMb: definition.memoryMb,
        logFormat: definition.logFormat,
      },
      // The function's memory setting bounds the worker's heap, as it bounds Lambda's sandbox.
      resourceLimits: { maxOldGenerationSizeMb: definition.memoryMb },
    });
    this.worker.unref();
    // Whatever bypasses the bootstrap's stream hooks still reaches the log.
    forwardLines(this.worker.stdout, log);
    forwardLines(this.worker.stderr, log);
    this.worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'log') this.output(message.stream, message.text);
    });
    this.ready = new Promise((resolve) => {
      const onMessage = (message: { type: string; initMs?: number; error?: LambdaError }) => {
        if (message.type === 'ready') resolve({ initMs: message.initMs ?? 0 });
        else if (message.type === 'initError' && message.error) resolve({ error: message.error });
        else return;
        this.worker.off('message', onMessage);
      };
      this.worker.on('message', onMessage);
      this.worker.once('error', (error) =>
        resolve({ error: { errorType: 'Runtime.ExitError', errorMessage: error.message } }),
      );
      // A module that ends its thread while loading (process.exit) never says ready.
      this.worker.once('exit', (code) => resolve({ error: runtimeExit(`exit status ${code}`) }));
    });
    this.worker.on('message', (message: WorkerMessage) => this.settle(message));
    this.worker.on('error', (error: Error & { code?: string }) =>
      this.die(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? {
              errorType: 'Runtime.OutOfMemory',
              errorMessage: `Runtime exited with error: the function used more than its ${definition.memoryMb} MB (${error.message})`,
            }
          : runtimeExit(error.message),
      ),
    );
    this.worker.on('exit', (code) => this.die(runtimeExit(`exit status ${code}`)));
  }

  invoke(request: Required<Pick<InvocationRequest, 'requestId'>> & InvocationRequest) {
    const timeoutMs = this.definition.timeoutSeconds * 1000;
    return new Promise<InvocationOutcome>((resolve) => {
      const timer = setTimeout(() => {
        // Lambda stops the sandbox of a timed-out invocation; the next one starts a new one.
        this.pending = undefined;
        resolve({
          ok: false,
          requestId: request.requestId,
          error: {
            errorType: 'Sandbox.Timedout',
            errorMessage: `RequestId: ${request.requestId} Error: Task timed out after ${this.definition.timeoutSeconds.toFixed(2)} seconds`,
          },
        });
        this.log(
          `${new Date().toISOString()} ${request.requestId} Task timed out after ${this.definition.timeoutSeconds.toFixed(2)} seconds`,
        );
        this.kill();
      }, timeoutMs);
      this.pending = { resolve, timer, requestId: request.requestId, lines: [] };
      this.worker.postMessage({
        type: 'invoke',
        requestId: request.requestId,
        event: request.event,
        deadline: Date.now() + timeoutMs,
        invokedFunctionArn: this.definition.arn,
        traceId: request.traceId,
        clientContext: request.clientContext,
      });
    });
  }

  kill(): void {
    this.dead = true;
    this.onDeath(this);
    void this.worker.terminate();
  }

  private output(stream: string, text: string): void {
    const lines = ((this.partial[stream] ?? '') + text).split('\n');
    this.partial[stream] = lines.pop() ?? '';
    for (const line of lines) this.line(line);
  }

  private line(line: string): void {
    this.log(line);
    const lines = this.pending?.lines;
    if (!lines) return;
    lines.push(line);
    if (lines.length > TAIL_LINES) lines.shift();
  }

  private settle(message: WorkerMessage): void {
    const pending = this.pending;
    if (message.type !== 'result' && message.type !== 'error') return;
    if (!pending || message.requestId !== pending.requestId) return;
    for (const [stream, rest] of Object.entries(this.partial)) {
      if (rest) this.line(rest);
      this.partial[stream] = '';
    }
    this.pending = undefined;
    clearTimeout(pending.timer);
    const base = { requestId: pending.requestId, logs: pending.lines };
    if (message.type === 'result') {
      pending.resolve({ ...base, ok: true, payload: message.payload });
    } else {
      pending.resolve({ ...base, ok: false, error: message.error });
    }
  }

  private die(error: LambdaError): void {
    if (!this.dead) {
      this.dead = true;
      this.onDeath(this);
    }
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    pending.resolve({ ok: false, error, requestId: pending.requestId });
  }
}

/** A worker for one invocation; `initMs` when it was just created (a cold start). */
interface Slot {
  environment: ExecutionEnvironment;
  initMs?: { initMs: number } | { error: LambdaError };
}

type WorkerMessage =
  | { type: 'result'; requestId: string; payload: string }
  | { type: 'error'; requestId: string; error: LambdaError }
  | { type: 'log'; stream: string; text: string };

/**
 * Runs one function: a pool of warm workers up to its concurrency (reserved concurrency, or the
 * local default), each created on demand (a cold start, logged with its init duration) and
 * reused after. Invocations beyond the limit wait for a free worker instead of failing:
 * locally there is no burst limit worth emulating, and waiting keeps tests deterministic.
 */
export class FunctionRunner {
  private readonly idle: ExecutionEnvironment[] = [];
  private readonly all = new Set<ExecutionEnvironment>();
  private readonly waiting: { resolve: (slot: Slot) => void; reject: (error: Error) => void }[] =
    [];
  private readonly limit: number;
  private stopped = false;
  coldStarts = 0;

  constructor(
    readonly definition: FunctionDefinition,
    private readonly runtime: RunnerEnvironment,
  ) {
    this.limit = definition.reservedConcurrency ?? runtime.defaultConcurrency;
  }

  async invoke(request: InvocationRequest): Promise<InvocationOutcome> {
    if (this.definition.unsupported) {
      throw new UnsupportedRuntimeError(this.definition.unsupported);
    }
    if (this.limit <= 0) {
      throw new FunctionThrottledError('Rate Exceeded.');
    }
    if (this.stopped) throw new Error(`Function ${this.definition.name} has been stopped`);
    const requestId = request.requestId ?? randomUUID();
    const traceId = request.traceId ?? newTraceHeader();
    const log = (line: string) => this.runtime.log(this.definition.name, line);
    const { environment, initMs } = await this.acquire();
    if (initMs !== undefined && 'error' in initMs) {
      // An init failure is the invocation's error; Lambda retries init with the next invoke.
      log(`INIT_REPORT Status: error\tError Type: ${initMs.error.errorType}`);
      environment.kill();
      this.release(undefined);
      return { ok: false, requestId, error: initMs.error };
    }
    const start = `START RequestId: ${requestId} Version: $LATEST`;
    log(start);
    const started = performance.now();
    const outcome = await environment.invoke({ ...request, requestId, traceId });
    const duration = performance.now() - started;
    const end = [
      `END RequestId: ${requestId}`,
      `REPORT RequestId: ${requestId}\tDuration: ${duration.toFixed(2)} ms\tBilled Duration: ${Math.ceil(duration)} ms\tMemory Size: ${this.definition.memoryMb} MB` +
        (initMs ? `\tInit Duration: ${initMs.initMs.toFixed(2)} ms` : ''),
    ];
    for (const line of end) log(line);
    this.release(environment.dead ? undefined : environment);
    return { ...outcome, logs: [start, ...(outcome.logs ?? []), ...end] };
  }

  /** Workers alive now (idle or busy). */
  get size(): number {
    return this.all.size;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const waiter of this.waiting.splice(0)) {
      waiter.reject(new Error(`Function ${this.definition.name} has been stopped`));
    }
    await Promise.all([...this.all].map((environment) => environment.worker.terminate()));
    this.all.clear();
    this.idle.length = 0;
  }

  private async acquire(): Promise<Slot> {
    if (this.stopped) throw new Error(`Function ${this.definition.name} has been stopped`);
    const warm = this.idle.pop();
    if (warm) return { environment: warm };
    if (this.all.size < this.limit) {
      // A cold start, logged as Lambda logs one.
      this.runtime.log(
        this.definition.name,
        `INIT_START Runtime Version: ${this.definition.runtime}`,
      );
      const environment = this.spawn();
      this.coldStarts += 1;
      const init = await environment.ready;
      return { environment, initMs: init };
    }
    const slot = await new Promise<Slot>((resolve, reject) =>
      this.waiting.push({ resolve, reject }),
    );
    // A slot with a failed init is handed over as it is: the invocation reports the error.
    return slot.environment.dead && !slot.initMs ? this.acquire() : slot;
  }

  /** Returns a worker to the pool (or, when it died, lets a waiting invocation start a new one). */
  private release(environment: ExecutionEnvironment | undefined): void {
    const next = this.waiting.shift();
    if (environment) {
      if (next) next.resolve({ environment });
      else this.idle.push(environment);
      return;
    }
    if (next) this.acquire().then(next.resolve, next.reject);
  }

  private spawn(): ExecutionEnvironment {
    const environment = new ExecutionEnvironment(
      this.definition,
      this.workerEnv(),
      (line) => this.runtime.log(this.definition.name, line),
      (dead) => {
        this.all.delete(dead);
        const index = this.idle.indexOf(dead);
        if (index >= 0) this.idle.splice(index, 1);
      },
    );
    this.all.add(environment);
    return environment;
  }

  private workerEnv(): Record<string, string> {
    const { definition, runtime } = this;
    const logStream = `${new Date().toISOString().slice(0, 10).replace(/-/g, '/')}/[$LATEST]${randomBytes(16).toString('hex')}`;
    const credentials: Record<string, string> = {
      AWS_ACCESS_KEY_ID: runtime.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: runtime.credentials.secretAccessKey,
    };
    if (runtime.credentials.sessionToken) {
      credentials.AWS_SESSION_TOKEN = runtime.credentials.sessionToken;
    }
    return {
      PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
      LANG: 'en_US.UTF-8',
      TZ: ':UTC',
      ...definition.environment,
      AWS_REGION: runtime.region,
      AWS_DEFAULT_REGION: runtime.region,
      AWS_ENDPOINT_URL: runtime.endpoint,
      ...credentials,
      AWS_EXECUTION_ENV: `AWS_Lambda_${definition.runtime}`,
      AWS_LAMBDA_FUNCTION_NAME: definition.name,
      AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(definition.memoryMb),
      AWS_LAMBDA_LOG_GROUP_NAME: definition.logGroupName,
      AWS_LAMBDA_LOG_STREAM_NAME: logStream,
      AWS_LAMBDA_LOG_FORMAT: definition.logFormat,
      AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
      AWS_LAMBDA_RUNTIME_API: '127.0.0.1:9001',
      // Sampled=0 below, and X-Ray's SDK must not fail when no daemon listens.
      AWS_XRAY_CONTEXT_MISSING: 'LOG_ERROR',
      AWS_XRAY_DAEMON_ADDRESS: '127.0.0.1:2000',
      // Lambda's Node.js runtimes provide the AWS SDK v3 (CDK leaves `@aws-sdk/*` out of bundles
      // by default); locally it is the SDK the local cloud itself was installed with.
      NODE_PATH: runtimeNodeModules(),
      LAMBDA_TASK_ROOT: definition.codeDir,
      LAMBDA_RUNTIME_DIR: definition.codeDir,
      _HANDLER: definition.handler,
    };
  }
}

let nodeModules: string | undefined;

/** The node_modules folder holding the local cloud's AWS SDK: Lambda's `/var/runtime/node_modules`. */
function runtimeNodeModules(): string {
  nodeModules ??= dirname(dirname(dirname(require.resolve('@aws-sdk/client-sqs/package.json'))));
  return nodeModules;
}

/** An X-Ray trace header as Lambda passes it, not sampled (no daemon runs locally). */
export function newTraceHeader(): string {
  const epoch = Math.floor(Date.now() / 1000).toString(16);
  return `Root=1-${epoch}-${randomBytes(12).toString('hex')};Parent=${randomBytes(8).toString('hex')};Sampled=0`;
}

function runtimeExit(reason: string): LambdaError {
  return { errorType: 'Runtime.ExitError', errorMessage: `Runtime exited with error: ${reason}` };
}

function forwardLines(stream: Readable, log: (line: string) => void): void {
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', log);
}
