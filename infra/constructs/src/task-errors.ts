/**
 * Step Functions error names worth retrying, one list per service integration, shared by every
 * workflow so that none retries less than another for the same fault.
 */
export const TaskErrors = {
  /** Errors of the Lambda service itself (not of our code). */
  lambdaTransient: [
    'Lambda.ServiceException',
    'Lambda.AWSLambdaException',
    'Lambda.SdkClientException',
    'Lambda.TooManyRequestsException',
    'Lambda.ClientExecutionTimeoutException',
  ],
  /** PutEvents refused an entry or was throttled: retrying publishes the same detail again. */
  eventBridgeTransient: [
    'EventBridge.FailedEntry',
    'EventBridge.InternalException',
    'EventBridge.ThrottlingException',
  ],
} as const;
