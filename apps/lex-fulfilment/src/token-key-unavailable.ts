/**
 * The conversation token key could not be read (a Secrets Manager outage), so no turn can be
 * checked. The hook fails the invocation with it instead of answering: Lex then returns
 * DependencyFailedException and keeps the session as it was, so the owner's booking in progress
 * survives the outage and their retry carries on, while an unproven caller is shown nothing.
 */
export class TokenKeyUnavailableError extends Error {
  override readonly name = 'TokenKeyUnavailableError';

  constructor(cause: unknown) {
    super('The conversation token key could not be read', { cause });
  }
}
