import type { LocalLambda } from '../edge/contracts';
import type { LambdaInvoker } from './bind-task-resources';

/**
 * The `LambdaInvoker` the task bindings call, backed by the local Lambda runtime. A function
 * error rejects under the function's own error type (what Retry/Catch match, as in AWS); a
 * failure of the Lambda service itself (unknown function, throttling) under `Lambda.<name>`.
 */
export function localLambdaInvoker(lambda: LocalLambda): LambdaInvoker {
  return async (functionName, payload) => {
    let result;
    try {
      result = await lambda.invoke(functionName, payload, { invocationType: 'RequestResponse' });
    } catch (error) {
      const { name, message } = error as Error;
      throw namedError(
        name.startsWith('Lambda.') ? name : `Lambda.${name || 'ServiceException'}`,
        message,
      );
    }
    if (result.functionError) {
      const { errorType, errorMessage } = (result.payload ?? {}) as {
        errorType?: string;
        errorMessage?: string;
      };
      throw namedError(errorType || 'Error', errorMessage ?? 'The function failed');
    }
    return result.payload;
  };
}

function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}
