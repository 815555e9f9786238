import type { EdgeResponse } from '../edge/contracts';

export type LexErrorCode =
  | 'ValidationException'
  | 'AccessDeniedException'
  | 'ResourceNotFoundException'
  | 'ConflictException'
  | 'DependencyFailedException'
  | 'ThrottlingException'
  | 'InternalServerException'
  | 'BadGatewayException';

const STATUS: Record<LexErrorCode, number> = {
  ValidationException: 400,
  AccessDeniedException: 403,
  ResourceNotFoundException: 404,
  ConflictException: 409,
  DependencyFailedException: 424,
  ThrottlingException: 429,
  InternalServerException: 500,
  BadGatewayException: 502,
};

/** An error the Lex runtime API answers with, as Lex does: status, `x-amzn-errortype`, `{ message }`. */
export class LexError extends Error {
  constructor(
    readonly code: LexErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
  }

  get status(): number {
    return STATUS[this.code];
  }

  toResponse(): EdgeResponse {
    return {
      status: this.status,
      headers: { 'content-type': 'application/json', 'x-amzn-errortype': this.code },
      body: JSON.stringify({ message: this.message }),
    };
  }
}
