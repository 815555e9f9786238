import { lambdaContext } from '@booktrip/test-kit';
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { LocalLambda, LocalResource } from '../../src/edge/contracts';

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

export interface RecordedPutEvent {
  Source: string;
  DetailType: string;
  Detail: string;
  EventBusName?: string;
}

/** A fake EventBridge that accepts every PutEvents entry and records it. */
export async function recordingEventBridge(): Promise<{
  endpoint: string;
  entries: RecordedPutEvent[];
  close(): Promise<void>;
}> {
  const entries: RecordedPutEvent[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as {
        Entries?: RecordedPutEvent[];
      };
      entries.push(...(body.Entries ?? []));
      response.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(
        JSON.stringify({
          FailedEntryCount: 0,
          Entries: (body.Entries ?? []).map(() => ({ EventId: randomUUID() })),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    entries,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * The synthesized function's own bundle (its asset in cdk.out, the code `cdk deploy` uploads),
 * loaded in this process with the function's environment, behind the `LocalLambda` seam. The
 * local cloud runs the same bundle in a worker thread; this keeps the Lex tests to one process.
 * A handler that throws is reported as Lambda reports it (`functionError: 'Unhandled'`).
 */
export function inProcessFunction(
  fn: LocalResource,
  environment: Record<string, string>,
  wrap: (handler: Handler) => Handler = (handler) => handler,
): LocalLambda {
  const properties = fn.properties as {
    Code: { S3Key: string };
    Handler: string;
    Environment?: { Variables?: Record<string, string> };
  };
  const hash = properties.Code.S3Key.replace(/\.zip$/, '');
  const [file, exportName] = properties.Handler.split('.') as [string, string];
  Object.assign(process.env, properties.Environment?.Variables ?? {}, environment);
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle is CommonJS and its path is only known at run time
  const module = require(join(fn.assemblyDir, `asset.${hash}`, `${file}.js`)) as Record<
    string,
    Handler
  >;
  const loaded = module[exportName];
  if (!loaded) throw new Error(`${fn.logicalId}: the bundle exports no ${exportName}`);
  const handler = wrap(loaded);
  return {
    async invoke(functionNameOrArn, payload) {
      try {
        const result = await handler(
          structuredClone(payload),
          lambdaContext({
            functionName: fn.physicalId,
            invokedFunctionArn: functionNameOrArn,
            awsRequestId: randomUUID(),
          }),
        );
        return { statusCode: 200, payload: result };
      } catch (error) {
        return {
          statusCode: 200,
          payload: {
            errorType: (error as Error).name,
            errorMessage: (error as Error).message,
            trace: [],
          },
          functionError: 'Unhandled',
        };
      }
    },
  };
}
