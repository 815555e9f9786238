import type { EnvironmentSpec } from '@booktrip/lambda-kit/definition';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';

/** A variable's value, and the access the function needs to use what it names. */
export interface Binding {
  readonly value: string;
  /** Grants the function what the value names (read the table, write the bucket, …). */
  readonly grant?: (fn: LambdaFunction) => void;
}

type Optional<S extends EnvironmentSpec> = {
  [K in keyof S]: S[K] extends { optional: true } ? K : never;
}[keyof S];

/** A value (or a binding) for every required variable of `S`, and maybe for the optional ones. */
export type EnvironmentBindings<S extends EnvironmentSpec> = {
  readonly [K in Exclude<keyof S, Optional<S>>]: string | Binding;
} & { readonly [K in Optional<S>]?: string | Binding };

/**
 * Sets a function's environment from its definition's spec, granting with each value what it
 * names: the variable names come from the definition the handler reads, so the stack cannot
 * misspell one, and a required variable without a value does not compile.
 */
export function bindEnvironment<S extends EnvironmentSpec>(
  fn: LambdaFunction,
  spec: S,
  bindings: EnvironmentBindings<S>,
): void {
  const given = bindings as Record<string, string | Binding | undefined>;
  for (const [key, variable] of Object.entries(spec)) {
    const bound = given[key];
    if (bound === undefined) {
      if (variable.optional) continue;
      throw new Error(`${fn.node.path}: no value for ${variable.name}`);
    }
    const binding = typeof bound === 'string' ? { value: bound } : bound;
    fn.addEnvironment(variable.name, binding.value);
    binding.grant?.(fn);
  }
}
