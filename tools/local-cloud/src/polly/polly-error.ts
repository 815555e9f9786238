import type { EdgeResponse } from '../edge/contracts';

/** A Polly error as the SDK reads it: status, `x-amzn-errortype`, `{ message }`. */
export class PollyError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = code;
  }

  toResponse(): EdgeResponse {
    return {
      status: this.status,
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': this.code },
      body: JSON.stringify({ message: this.message }),
    };
  }
}
