/**
 * The Context Object for a local execution. aws-local-stepfunctions provides only `Execution`;
 * our workflows also read `$$.State.EnteredTime` (producedAt of published events). A getter
 * reports the time the path is evaluated, which is when the state runs — what Step Functions
 * reports, to within the state's own duration.
 */
export function localExecutionContext() {
  return {
    State: {
      get EnteredTime() {
        return new Date().toISOString();
      },
    },
  };
}
