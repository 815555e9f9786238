import type { LambdaInvokeResult, LocalLambda } from '../../../src';

type FakeFunction = (payload: unknown) => Promise<unknown> | unknown;

/**
 * A LocalLambda answering from in-test functions by name, recording every call. A function
 * that throws answers as Lambda does for a function error: `functionError` and the error object.
 */
export function fakeLambda(functions: Record<string, FakeFunction>) {
  const calls: { functionName: string; payload: unknown }[] = [];
  const lambda: LocalLambda = {
    async invoke(functionNameOrArn, payload): Promise<LambdaInvokeResult> {
      const functionName = functionNameOrArn.replace(/^arn:.*:function:([^:]+).*$/, '$1');
      calls.push({ functionName, payload: structuredClone(payload) });
      const fn = functions[functionName];
      if (!fn) {
        throw Object.assign(new Error(`Function not found: ${functionNameOrArn}`), {
          name: 'ResourceNotFoundException',
        });
      }
      try {
        return { statusCode: 200, payload: await fn(structuredClone(payload)) };
      } catch (error) {
        const { name, message } = error as Error;
        return {
          statusCode: 200,
          functionError: 'Unhandled',
          payload: { errorType: name, errorMessage: message, trace: [] },
        };
      }
    },
  };
  return { lambda, calls };
}
