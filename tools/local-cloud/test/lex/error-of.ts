/** The error an SDK call rejects with (name, message, HTTP status), failing if it succeeds. */
export async function errorOf(
  promise: Promise<unknown>,
): Promise<Error & { $metadata: { httpStatusCode?: number } }> {
  try {
    await promise;
  } catch (error) {
    return error as Error & { $metadata: { httpStatusCode?: number } };
  }
  throw new Error('the call succeeded');
}
