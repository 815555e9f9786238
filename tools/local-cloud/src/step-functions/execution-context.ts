/**
 * The Context Object for a local execution. aws-local-stepfunctions provides only `Execution`;
 * our workflows also read `$$.State.EnteredTime` (producedAt of published events, createdAt of
 * stored items). In AWS it is one value for the whole state, however often the state reads it.
 * A state's paths are evaluated synchronously, and states are separated by awaited tasks, so
 * the time is taken at the first read and kept until the current job of the event loop ends:
 * every read within a state agrees, and the next state gets its own time.
 */
export function localExecutionContext() {
  let entered: string | undefined;
  return {
    State: {
      get EnteredTime(): string {
        if (entered === undefined) {
          entered = new Date().toISOString();
          queueMicrotask(() => {
            entered = undefined;
          });
        }
        return entered;
      },
    },
  };
}
