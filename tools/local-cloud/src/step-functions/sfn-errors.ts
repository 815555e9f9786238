import { types } from 'node:util';
import type { EdgeResponse } from '../edge/contracts';

/** A Step Functions API error: its `name` is the exception the SDK throws (`ExecutionDoesNotExist`). */
export class StepFunctionsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}

/** Step Functions speaks AWS JSON 1.0; the SDK reads the error's code from `__type`. */
export function sfnJson(status: number, body: unknown, code?: string): EdgeResponse {
  return {
    status,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      ...(code && { 'x-amzn-errortype': code }),
    },
    body: JSON.stringify(body, function replacer(this: Record<string, unknown>, key, value) {
      // The JSON protocols carry timestamps as epoch seconds.
      const raw = this[key];
      return types.isDate(raw) ? raw.getTime() / 1000 : (value as unknown);
    }),
  };
}
