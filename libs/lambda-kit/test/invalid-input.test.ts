import { ParseError } from '@aws-lambda-powertools/parser';
import { lambdaContext } from '@booktrip/test-kit';
import middy from '@middy/core';
import { z } from 'zod';
import { InvalidInputError, validateInput } from '../src/invalid-input';

const Booking = z.object({ nights: z.int().min(1), city: z.string().min(1) });

function handlerReceiving() {
  const received: unknown[] = [];
  const handler = middy<unknown, string>()
    .use(validateInput<string>(Booking))
    .handler(async (event) => {
      received.push(event);
      return 'done';
    });
  return { handler, received };
}

describe('validateInput', () => {
  it('hands the schema’s output to the handler', async () => {
    const { handler, received } = handlerReceiving();

    await handler({ nights: 3, city: 'Chicago', extra: 'dropped' }, lambdaContext());

    expect(received).toEqual([{ nights: 3, city: 'Chicago' }]);
  });

  it('throws an InvalidInputError naming every bad field, and never calls the handler', async () => {
    const { handler, received } = handlerReceiving();

    const invoking = handler({ nights: 0, city: '' }, lambdaContext());

    await expect(invoking).rejects.toThrow(
      'Invalid input: ✖ Too small: expected number to be >=1\n  → at nights\n' +
        '✖ Too small: expected string to have >=1 characters\n  → at city',
    );
    expect(received).toEqual([]);
  });
});

describe('InvalidInputError', () => {
  const zodError = Booking.safeParse({ nights: 'three', city: 'Chicago' }).error as z.ZodError;

  it('is a Powertools ParseError, so existing instanceof checks keep working', () => {
    const error = new InvalidInputError(zodError);

    expect(error).toBeInstanceOf(ParseError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('InvalidInputError');
  });

  it('carries the ZodError and its issues', () => {
    const error = new InvalidInputError(zodError);

    expect(error.zodError).toBe(zodError);
    expect(error.issues.map((issue) => issue.path)).toEqual([['nights']]);
  });

  it('keeps the ZodError out of what a logger serializes', () => {
    const error = new InvalidInputError(zodError);

    expect(error.cause).toBeUndefined();
    expect(Object.keys(error)).toEqual(['name']);
  });
});
