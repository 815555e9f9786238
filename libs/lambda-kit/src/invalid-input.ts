import { ParseError } from '@aws-lambda-powertools/parser';
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { z } from 'zod';

/**
 * The event did not match the handler's schema. The message names every bad field
 * (`✖ Invalid UUID → at detail.data.reservationId`) and never a value; `zodError` is the
 * ZodError itself and `issues` its issues. It extends the Powertools ParseError, so
 * `instanceof ParseError` checks keep working.
 */
export class InvalidInputError extends ParseError {
  override readonly name = 'InvalidInputError';
  // Private, not `cause`: the logger prints an error's cause and enumerable fields, and the
  // ZodError's message is a JSON dump of every issue (regexes included) with a useless stack.
  readonly #zodError: z.ZodError;

  constructor(zodError: z.ZodError) {
    super(`Invalid input: ${z.prettifyError(zodError)}`);
    this.#zodError = zodError;
  }

  /** The parse error, for an onError that maps issues to a response (e.g. an HTTP 400). */
  get zodError(): z.ZodError {
    return this.#zodError;
  }

  get issues(): z.ZodError['issues'] {
    return this.#zodError.issues;
  }
}

/**
 * Replaces the event with the schema's output, or throws InvalidInputError. Used instead of the
 * Powertools parser middleware, whose error says only "Failed to parse schema".
 */
export function validateInput<TResult>(
  schema: z.ZodType,
): MiddlewareObj<unknown, TResult, Error, Context> {
  return {
    before: (request) => {
      const result = schema.safeParse(request.event);
      if (!result.success) throw new InvalidInputError(result.error);
      request.event = result.data;
    },
  };
}
