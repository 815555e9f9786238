import { lambdaContext } from '@booktrip/test-kit';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { localArn, type LoadedStack } from '../../../src';

type Handler = (event: unknown, context: unknown) => Promise<unknown>;

/**
 * The stack's Lambda functions as cdk.out bundles them, loaded in this process by their
 * handler string: for workflow tests whose Lambda runtime (worker threads, per-function
 * environment) belongs to another module. The template's environment variables are set on
 * this process, so give each test file the functions of one stack only.
 */
export function bundledFunctions(
  stack: LoadedStack,
): Record<string, (payload: unknown) => Promise<unknown>> {
  const functions: Record<string, (payload: unknown) => Promise<unknown>> = {};
  for (const [logicalId, resource] of Object.entries(stack.template.Resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const properties = resource.Properties ?? {};
    const key = (properties.Code as { S3Key?: unknown } | undefined)?.S3Key;
    if (typeof key !== 'string' || !String(properties.Runtime).startsWith('nodejs')) continue;
    const name = typeof properties.FunctionName === 'string' ? properties.FunctionName : logicalId;
    const [file, exportName] = String(properties.Handler).split('.') as [string, string];
    const environment =
      (properties.Environment as { Variables?: Record<string, unknown> })?.Variables ?? {};
    for (const [variable, value] of Object.entries(environment)) {
      if (typeof value === 'string' && variable !== 'NODE_OPTIONS') process.env[variable] = value;
    }
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle is CommonJS
    const bundle = require(
      join(stack.assemblyDir, `asset.${key.replace(/\.zip$/, '')}`, `${file}.js`),
    ) as Record<string, Handler>;
    const handler = bundle[exportName];
    if (!handler) throw new Error(`${name}: the bundle exports no ${exportName}`);
    functions[name] = (payload) =>
      handler(
        payload,
        lambdaContext({
          functionName: name,
          invokedFunctionArn: localArn.lambda(name),
          awsRequestId: randomUUID(),
        }),
      );
  }
  return functions;
}
