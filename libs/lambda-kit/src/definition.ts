/**
 * What a handler and the stack that deploys it agree on, as plain data: no Powertools, no SDK,
 * no CDK. Service definitions (`apps/<svc>/src/definition.ts`) and infra/constructs import it
 * from `@booktrip/lambda-kit/definition`; handlers read their environment with it.
 */

/** Metric emitted for every error that reaches the error policy; ServiceFunction alarms on it. */
export const HANDLER_ERROR_METRIC = 'HandlerErrors';

/** One environment variable a function reads. */
export interface EnvironmentVariable {
  readonly name: string;
  /** Absent in some stages (say why where it is declared). */
  readonly optional?: boolean;
  /** What a well-formed value looks like; anything else fails the cold start. */
  readonly pattern?: RegExp;
}

/** A function's environment: its variables by the name the code uses. */
export type EnvironmentSpec = Readonly<Record<string, EnvironmentVariable>>;

/** The parsed environment: a string per required variable, maybe one per optional variable. */
export type EnvironmentOf<S extends EnvironmentSpec> = {
  readonly [K in keyof S]: S[K] extends { optional: true } ? string | undefined : string;
};

/** A variable is missing or malformed: the function is misconfigured, not the event. */
export class EnvironmentError extends Error {
  override readonly name = 'EnvironmentError';
}

/**
 * Reads and checks a function's environment. Call it once per container, before the first
 * event is handled: a missing or malformed variable then fails the cold start with a message
 * naming it, instead of failing some later call with an SDK error.
 */
export function readEnvironment<S extends EnvironmentSpec>(
  spec: S,
  env: Readonly<Record<string, string | undefined>> = process.env,
): EnvironmentOf<S> {
  const values: Record<string, string | undefined> = {};
  for (const [key, variable] of Object.entries(spec)) {
    const value = env[variable.name];
    if (value === undefined || value === '') {
      if (variable.optional) continue;
      throw new EnvironmentError(`Environment variable ${variable.name} is not set`);
    }
    if (variable.pattern && !variable.pattern.test(value)) {
      throw new EnvironmentError(
        `Environment variable ${variable.name} is malformed: it must match ${variable.pattern}`,
      );
    }
    values[key] = value;
  }
  return values as EnvironmentOf<S>;
}

/** Reads the environment on first use and keeps it: for module-scope defaults of handlers. */
export function environmentOnce<S extends EnvironmentSpec>(spec: S): () => EnvironmentOf<S> {
  let parsed: EnvironmentOf<S> | undefined;
  return () => (parsed ??= readEnvironment(spec));
}
