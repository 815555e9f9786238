/** An event that does not match its contract, on publish or on consume. */
export class EventValidationError extends Error {
  override readonly name = 'EventValidationError';
  constructor(
    message: string,
    readonly issues: readonly { path: readonly PropertyKey[]; message: string }[] = [],
  ) {
    super(message);
  }
}

/** PutEvents left some entries unpublished after every retry. */
export class PublishError extends Error {
  override readonly name = 'PublishError';
  constructor(
    message: string,
    readonly failures: readonly { detailType: string; errorCode?: string; errorMessage?: string }[],
  ) {
    super(message);
  }
}
