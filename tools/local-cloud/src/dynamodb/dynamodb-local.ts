import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { freePort } from '../net/free-port';

export interface DynamoDbLocal {
  endpoint: string;
  /** A client bound to this emulator with the local cloud's fixed credentials. */
  client: DynamoDBClient;
  stop(): Promise<void>;
}

export interface DynamoDbLocalOptions {
  port?: number;
  /** Keep tables on disk in this folder instead of in memory (`npm start -- --persist`). */
  dbPath?: string;
  /**
   * Give up waiting for the emulator after this long (default 120 s: it usually takes ~1.5 s,
   * but a JVM starting on two cores shared with a parallel test run can take tens of seconds).
   */
  startTimeoutMs?: number;
}

/** The credentials every local client uses; DynamoDB Local keys tables by access key. */
export const LOCAL_CREDENTIALS = { accessKeyId: 'local', secretAccessKey: 'local' };
export const LOCAL_REGION = 'us-east-1';

/**
 * Starts AWS's own DynamoDB Local (the jar shipped in the amplify-dynamodb-simulator npm
 * package) on the machine's Java. We spawn the jar ourselves: the package's wrapper looks for
 * it under ~/.amplify, which a clean machine does not have. dynalite is faster but lacks
 * transactions, TTL and ReturnValuesOnConditionCheckFailure (TOOLCHAIN-NOTES.md).
 */
export async function startDynamoDbLocal(
  options: DynamoDbLocalOptions = {},
): Promise<DynamoDbLocal> {
  if (options.port !== undefined) return launch(options.port, options);
  // A free port is only free until someone binds it, and the JVM binds seconds later: another
  // process (a parallel test's server) may take it first. Then the JVM exits, and a new port is
  // tried, as the caller did not ask for this one.
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await launch(await freePort(), options);
    } catch (error) {
      if (attempt >= 3 || !PORT_TAKEN.test((error as Error).message)) throw error;
    }
  }
}

const PORT_TAKEN = /Failed to bind|BindException|Address already in use/;

async function launch(port: number, options: DynamoDbLocalOptions): Promise<DynamoDbLocal> {
  const jarDir = join(
    dirname(require.resolve('amplify-dynamodb-simulator/package.json')),
    'emulator',
  );
  const args = [
    // A short-lived emulator on a small machine: the C1 compiler alone and the serial collector
    // warm up sooner than C2 and G1. Measured here (3 starts each, load ≈ 5): ready in 2.1 s
    // instead of 3.5 s, and 1 000 puts in 1.8 s instead of 2.5 s.
    '-XX:TieredStopAtLevel=1',
    '-XX:+UseSerialGC',
    '-Djava.library.path=./DynamoDBLocal_lib',
    '-jar',
    'DynamoDBLocal.jar',
    '-port',
    String(port),
    // The JVM runs in the emulator's folder: a relative folder is resolved from ours first.
    ...(options.dbPath ? ['-dbPath', resolve(options.dbPath)] : ['-inMemory']),
    // One database whatever the caller's access key and region: without it, DynamoDB Local
    // keeps tables per key and a function with other credentials would see none of them.
    '-sharedDb',
  ];
  const child = spawn('java', args, { cwd: jarDir, stdio: ['ignore', 'pipe', 'pipe'] });
  // A test run or `npm start` that dies must not leave a JVM behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  let output = '';
  const spawnError = new Promise<never>((_, reject) => {
    // Jetty's failed bind kills the main thread but not the JVM: read it from the output.
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-4000);
      if (PORT_TAKEN.test(output))
        reject(new Error(`DynamoDB Local could not bind port ${port}:\n${output}`));
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    child.once('error', (error) =>
      reject(new Error(`Cannot start DynamoDB Local (is Java 17+ installed?): ${error.message}`)),
    );
    child.once('exit', (code) =>
      reject(new Error(`DynamoDB Local exited with code ${code} during start-up:\n${output}`)),
    );
  });
  spawnError.catch(() => undefined);

  const endpoint = `http://127.0.0.1:${port}`;
  const start = new AbortController();
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  try {
    await Promise.race([
      waitUntilReady(client, options.startTimeoutMs ?? 120_000, start.signal),
      spawnError,
    ]);
  } catch (error) {
    start.abort();
    // Gone before the caller tries again or gives up: no JVM outlives a failed start.
    await stop(child, client, 'SIGKILL');
    throw error;
  }
  child.removeAllListeners('exit');

  return {
    endpoint,
    client,
    stop: () => stop(child, client),
  };
}

async function waitUntilReady(
  client: DynamoDBClient,
  timeoutMs: number,
  cancelled: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cancelled.aborted) {
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal: cancelled });
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`DynamoDB Local did not answer within ${timeoutMs} ms: ${String(error)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function stop(
  child: ChildProcess,
  client: DynamoDBClient,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  client.destroy();
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
