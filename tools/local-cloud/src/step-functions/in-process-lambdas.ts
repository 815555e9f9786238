import type { Context } from 'aws-lambda';
import type { LambdaInvoker } from './bind-task-resources';

type Handler = (event: never, context: Context) => Promise<unknown>;

/**
 * A LambdaInvoker that calls handlers in this process by function name: what workflow tests
 * bind `lambda:invoke` tasks to. (The local cloud runs each bundle in its own worker instead.)
 */
export function inProcessLambdas(handlers: Record<string, Handler>): LambdaInvoker {
  return async (functionName, payload) => {
    const handler = handlers[functionName];
    if (!handler) {
      throw Object.assign(new Error(`Function not found: ${functionName}`), {
        name: 'Lambda.ResourceNotFoundException',
      });
    }
    return handler(structuredClone(payload) as never, context(functionName));
  };
}

function context(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:us-east-1:000000000000:function:${functionName}`,
    memoryLimitInMB: '512',
    awsRequestId: crypto.randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 30_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
