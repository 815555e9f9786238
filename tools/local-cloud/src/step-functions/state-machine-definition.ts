import type { StateMachineDefinition } from 'aws-local-stepfunctions';
import {
  resolveTemplateValue,
  type CfnTemplate,
  type ResolveOptions,
} from '../assembly/resolve-intrinsics';

/**
 * The ASL of a synthesized state machine with every token resolved to local names. Without a
 * logical id, the template must hold exactly one state machine.
 */
export function stateMachineDefinition(
  template: CfnTemplate,
  logicalId?: string,
  options: ResolveOptions = {},
): StateMachineDefinition {
  const machines = Object.entries(template.Resources).filter(
    ([id, resource]) =>
      resource.Type === 'AWS::StepFunctions::StateMachine' && (!logicalId || id === logicalId),
  );
  const [machine, ...others] = machines;
  if (!machine || others.length > 0) {
    throw new Error(
      logicalId
        ? `No state machine ${logicalId} in the template`
        : `Expected one state machine in the template, found ${machines.length}: pass its logical id`,
    );
  }
  const [id, resource] = machine;
  const properties = resource.Properties ?? {};
  if (properties.Definition) {
    return resolveTemplateValue(template, properties.Definition, options) as StateMachineDefinition;
  }
  const text = resolveTemplateValue(template, properties.DefinitionString, options);
  if (typeof text !== 'string') throw new Error(`State machine ${id} has no DefinitionString`);
  const substitutions = Object.fromEntries(
    Object.entries((properties.DefinitionSubstitutions ?? {}) as Record<string, unknown>).map(
      ([key, value]) => [key, resolveTemplateValue(template, value, options)],
    ),
  );
  return parseDefinition(text, substitutions);
}

/**
 * The ASL of a state machine whose properties are already resolved (a `LocalResource`):
 * `Definition` as an object, or `DefinitionString` with its `DefinitionSubstitutions`.
 */
export function resolvedStateMachineDefinition(
  properties: Record<string, unknown>,
  description: string,
): StateMachineDefinition {
  if (properties.DefinitionS3Location) {
    throw new Error(`${description}: DefinitionS3Location is not supported locally`);
  }
  if (properties.Definition) return properties.Definition as StateMachineDefinition;
  if (typeof properties.DefinitionString !== 'string') {
    throw new Error(`${description} has no Definition or DefinitionString`);
  }
  return parseDefinition(
    properties.DefinitionString,
    (properties.DefinitionSubstitutions ?? {}) as Record<string, unknown>,
  );
}

function parseDefinition(
  text: string,
  substitutions: Record<string, unknown>,
): StateMachineDefinition {
  const substituted = text.replace(/\$\{([^}]+)\}/g, (whole, key: string) =>
    key in substitutions ? String(substitutions[key]) : whole,
  );
  return JSON.parse(substituted) as StateMachineDefinition;
}
