import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { LocalResource } from '../edge/contracts';
import { bindTaskResources, type TaskServices } from './bind-task-resources';
import { resolvedStateMachineDefinition } from './state-machine-definition';

/** A template's state machine, ready to run: validated once, its tasks bound once. */
export interface LocalStateMachine {
  arn: string;
  name: string;
  type: 'STANDARD' | 'EXPRESS';
  roleArn: string;
  definition: StateMachineDefinition;
  /** Validated by aws-local-stepfunctions at start-up (≈ 65 ms each), reused by every run. */
  engine: StateMachine;
  handlers: ReturnType<typeof bindTaskResources>;
  /** Task state name → its Resource. */
  taskResources: ReadonlyMap<string, string>;
  createdAt: Date;
  stackName: string;
  logicalId: string;
}

/**
 * Builds an `AWS::StepFunctions::StateMachine` resource. Refuses (throws, naming the stack and
 * logical id) a definition the engine rejects or a Task with no local implementation, so a bad
 * workflow fails start-up as it would fail deployment.
 */
export function localStateMachine(
  resource: LocalResource,
  services: TaskServices,
): LocalStateMachine {
  const description = `State machine ${resource.stackName}/${resource.logicalId}`;
  const { properties } = resource;
  const arn = resource.arn ?? resource.physicalId;
  const name = /:stateMachine:([^:]+)$/.exec(arn)?.[1];
  if (!name) throw new Error(`${description}: "${arn}" is not a state machine ARN`);
  const type = properties.StateMachineType ?? 'STANDARD';
  if (type !== 'STANDARD' && type !== 'EXPRESS') {
    throw new Error(`${description}: unknown StateMachineType ${String(type)}`);
  }
  try {
    const definition = resolvedStateMachineDefinition(properties, description);
    if ((definition as { QueryLanguage?: string }).QueryLanguage === 'JSONata') {
      // aws-local-stepfunctions would ignore JSONata silently and compute wrong results.
      throw new Error('JSONata is not supported locally: write the definition in JSONPath');
    }
    const engine = new StateMachine(definition);
    return {
      arn,
      name,
      type,
      roleArn: String(properties.RoleArn ?? ''),
      definition,
      engine,
      handlers: bindTaskResources(definition, services),
      taskResources: taskResourcesOf(definition),
      createdAt: new Date(),
      stackName: resource.stackName,
      logicalId: resource.logicalId,
    };
  } catch (error) {
    throw new Error(`${description}: ${(error as Error).message}`, { cause: error });
  }
}

type States = Record<string, { Type?: string; Resource?: string } & Record<string, unknown>>;

function taskResourcesOf(definition: StateMachineDefinition): Map<string, string> {
  const resources = new Map<string, string>();
  const walk = (states: States) => {
    for (const [name, state] of Object.entries(states)) {
      if (state.Type === 'Task' && state.Resource) resources.set(name, state.Resource);
      for (const branch of (state.Branches ?? []) as { States: States }[]) walk(branch.States);
      const processor = (state.ItemProcessor ?? state.Iterator) as { States: States } | undefined;
      if (processor) walk(processor.States);
    }
  };
  walk(definition.States as unknown as States);
  return resources;
}
