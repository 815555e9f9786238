import { lambdaContext } from '@booktrip/test-kit';
import type { Context } from 'aws-lambda';
import { randomUUID } from 'node:crypto';
import { localArn } from '../assembly/local-arns';
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
    return handler(
      structuredClone(payload) as never,
      lambdaContext({
        functionName,
        invokedFunctionArn: localArn.lambda(functionName),
        awsRequestId: randomUUID(),
        logGroupName: `/aws/lambda/${functionName}`,
      }),
    );
  };
}
