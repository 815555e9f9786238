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
  const port = options.port ?? (await freePort());
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
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const spawnError = new Promise<never>((_, reject) => {
    child.once('error', (error) =>
      reject(new Error(`Cannot start DynamoDB Local (is Java 17+ installed?): ${error.message}`)),
    );
    child.once('exit', (code) =>
      reject(new Error(`DynamoDB Local exited with code ${code} during start-up:\n${output}`)),
    );
  });
  spawnError.catch(() => undefined);

  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  try {
    await Promise.race([waitUntilReady(client, options.startTimeoutMs ?? 120_000), spawnError]);
  } catch (error) {
    child.kill('SIGKILL');
    client.destroy();
    throw error;
  }
  child.removeAllListeners('exit');

  return {
    endpoint,
    client,
    stop: () => stop(child, client),
  };
}

async function waitUntilReady(client: DynamoDBClient, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await client.send(new ListTablesCommand({ Limit: 1 }));
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`DynamoDB Local did not answer within ${timeoutMs} ms: ${String(error)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

function stop(child: ChildProcess, client: DynamoDBClient): Promise<void> {
  client.destroy();
  if (child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
