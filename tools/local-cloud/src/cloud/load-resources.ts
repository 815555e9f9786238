import { createHash } from 'node:crypto';
import type { LoadedStack } from '../assembly/load-assemblies';
import { LOCAL_AWS_REGION } from '../assembly/local-arns';
import {
  physicalName,
  resolveTemplateValue,
  type CfnResource,
  type CfnTemplate,
  type ResolveOptions,
} from '../assembly/resolve-intrinsics';
import type { LocalResource } from '../edge/contracts';
import { fateOf, IGNORED_TYPES } from './resource-catalog';

/** A resource the local cloud skips, as listed in `--verbose` and the outputs. */
export interface IgnoredResource {
  stackName: string;
  logicalId: string;
  type: string;
  reason: string;
}

export interface StackOutputs {
  stackName: string;
  outputs: Record<string, string>;
}

export interface LoadedResources {
  resources: LocalResource[];
  /** Every SSM parameter the templates declare, by name, values resolved across stacks. */
  parameters: Record<string, string>;
  ignored: IgnoredResource[];
  stacks: StackOutputs[];
}

/** Start-up refused: every problem found, each naming its stack, logical id and type. */
export class UnsupportedTemplateError extends Error {
  constructor(readonly problems: string[]) {
    super(`The local cloud cannot run these templates:\n  - ${problems.join('\n  - ')}`);
  }
}

type TemplateWithExtras = CfnTemplate & {
  Outputs?: Record<string, { Value: unknown }>;
  Resources: Record<
    string,
    CfnResource & {
      Metadata?: Record<string, unknown>;
      DependsOn?: string | string[];
      Condition?: string;
    }
  >;
};

/**
 * Turns the synthesized stacks into the resources the emulators run: SSM parameters first
 * (resolved across stacks until no more resolve, since one stack's parameter may feed
 * another's), then every resource's properties with intrinsics and `valueForStringParameter`
 * parameters resolved. Types no emulator handles refuse start-up, all named at once.
 */
export function loadLocalResources(stacks: readonly LoadedStack[]): LoadedResources {
  const physicalNames = disambiguatedNames(stacks);
  const parameters = resolveParameters(stacks, physicalNames);
  const problems: string[] = [];
  const resources: LocalResource[] = [];
  const ignored: IgnoredResource[] = [];
  const outputs: StackOutputs[] = [];

  for (const stack of stacks) {
    const template = stack.template as TemplateWithExtras;
    const options: ResolveOptions = {
      ssm: parameters,
      physicalNames: physicalNames.get(stack.stackName),
      stackName: stack.stackName,
    };
    const providers = nativeProviders(template);
    for (const [logicalId, resource] of Object.entries(template.Resources)) {
      const where = `${resource.Type} ${logicalId} (stack ${stack.stackName})`;
      const fate = fateOf(resource.Type);
      const provides = providers.get(logicalId);
      if (fate === 'ignored' || provides) {
        ignored.push({
          stackName: stack.stackName,
          logicalId,
          type: resource.Type,
          reason: provides
            ? `runs ${provides} in AWS; the local cloud handles it natively`
            : (IGNORED_TYPES[resource.Type] ?? ''),
        });
        continue;
      }
      if (fate === 'refused') {
        problems.push(`${where}: resource type not emulated locally`);
        continue;
      }
      if (resource.Condition) {
        problems.push(
          `${where}: conditional resources (Condition ${resource.Condition}) are not supported`,
        );
        continue;
      }
      try {
        resources.push({
          stackName: stack.stackName,
          logicalId,
          type: resource.Type,
          properties: resolveTemplateValue(template, resource.Properties ?? {}, options) as Record<
            string,
            unknown
          >,
          physicalId: String(resolveTemplateValue(template, { Ref: logicalId }, options)),
          arn: arnOf(template, logicalId, options),
          assemblyDir: stack.assemblyDir,
          metadata: resource.Metadata,
          dependsOn:
            resource.DependsOn === undefined
              ? undefined
              : ([] as string[]).concat(resource.DependsOn),
        });
      } catch (error) {
        problems.push(`${where}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    const stackOutputs: Record<string, string> = {};
    for (const [name, output] of Object.entries(template.Outputs ?? {})) {
      try {
        stackOutputs[name] = String(resolveTemplateValue(template, output.Value, options));
      } catch (error) {
        problems.push(
          `Output ${name} (stack ${stack.stackName}): ${error instanceof Error ? error.message : String(error)}`,
        );
      }
    }
    outputs.push({ stackName: stack.stackName, outputs: stackOutputs });
  }
  if (problems.length > 0) throw new UnsupportedTemplateError(problems);
  return { resources, parameters, ignored, stacks: outputs };
}

/**
 * The functions (and their layers) that implement custom resources the local cloud handles
 * natively: bucket notifications and deployments run an AWS CLI / Python handler in AWS, which
 * locally would be both unrunnable and pointless. Keyed by logical id, valued by the custom type.
 */
function nativeProviders(template: TemplateWithExtras): Map<string, string> {
  const providers = new Map<string, string>();
  for (const resource of Object.values(template.Resources)) {
    if (!(resource.Type in NATIVE_CUSTOM_RESOURCES)) continue;
    const token = resource.Properties?.ServiceToken as
      { 'Fn::GetAtt'?: [string, string] } | undefined;
    const functionId = token?.['Fn::GetAtt']?.[0];
    const provider = functionId ? template.Resources[functionId] : undefined;
    if (!functionId || provider?.Type !== 'AWS::Lambda::Function') continue;
    providers.set(functionId, resource.Type);
    for (const layer of (provider.Properties?.Layers ?? []) as { Ref?: string }[]) {
      if (layer.Ref && template.Resources[layer.Ref]?.Type === 'AWS::Lambda::LayerVersion') {
        providers.set(layer.Ref, resource.Type);
      }
    }
  }
  return providers;
}

const NATIVE_CUSTOM_RESOURCES: Record<string, true> = {
  'Custom::S3BucketNotifications': true,
  'Custom::CDKBucketDeployment': true,
};

/**
 * SSM parameter values by name. A parameter whose value reads another stack's parameter
 * resolves on a later pass; whatever is still unresolved after no pass makes progress is an
 * error naming it (a cycle, or a parameter no stack publishes).
 */
function resolveParameters(
  stacks: readonly LoadedStack[],
  physicalNames: Map<string, Record<string, string>>,
): Record<string, string> {
  const values: Record<string, string> = {};
  let pending = stacks.flatMap((stack) =>
    Object.entries(stack.template.Resources)
      .filter(([, resource]) => resource.Type === 'AWS::SSM::Parameter')
      .map(([logicalId, resource]) => ({ stack, logicalId, resource })),
  );
  let lastError = new Map<string, string>();
  while (pending.length > 0) {
    const next: typeof pending = [];
    lastError = new Map();
    for (const entry of pending) {
      const options: ResolveOptions = {
        ssm: values,
        physicalNames: physicalNames.get(entry.stack.stackName),
        stackName: entry.stack.stackName,
      };
      try {
        const properties = resolveTemplateValue(
          entry.stack.template,
          entry.resource.Properties ?? {},
          options,
        ) as { Name?: unknown; Value?: unknown };
        const name =
          typeof properties.Name === 'string'
            ? properties.Name
            : String(resolveTemplateValue(entry.stack.template, { Ref: entry.logicalId }, options));
        values[name] = String(properties.Value);
      } catch (error) {
        next.push(entry);
        lastError.set(
          `${entry.stack.stackName}/${entry.logicalId}`,
          error instanceof Error ? error.message : String(error),
        );
      }
    }
    if (next.length === pending.length) break;
    pending = next;
  }
  if (pending.length > 0) {
    throw new UnsupportedTemplateError(
      pending.map(
        ({ stack, logicalId }) =>
          `AWS::SSM::Parameter ${logicalId} (stack ${stack.stackName}): ${lastError.get(`${stack.stackName}/${logicalId}`) ?? 'unresolved'}`,
      ),
    );
  }
  return values;
}

/** Types whose physical names live in one namespace per account and region. */
const NAMESPACED = new Set([
  'AWS::Lambda::Function',
  'AWS::DynamoDB::Table',
  'AWS::SQS::Queue',
  'AWS::S3::Bucket',
  'AWS::Events::EventBus',
  'AWS::Events::Rule',
  'AWS::StepFunctions::StateMachine',
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::SecretsManager::Secret',
  'AWS::ApiGateway::RestApi',
]);

/**
 * Physical names that would collide: CDK gives the same logical id to singletons in every stack
 * (the bucket-notifications handler, for one), and CloudFormation would name them apart by
 * stack. Those get `<stack>-<logicalId>`; identity pools get Cognito's `region:uuid` form.
 */
function disambiguatedNames(stacks: readonly LoadedStack[]): Map<string, Record<string, string>> {
  const byName = new Map<string, { stackName: string; logicalId: string }[]>();
  const names = new Map<string, Record<string, string>>();
  for (const stack of stacks) {
    const own: Record<string, string> = {};
    names.set(stack.stackName, own);
    for (const [logicalId, resource] of Object.entries(stack.template.Resources)) {
      if (resource.Type === 'AWS::Cognito::IdentityPool') {
        own[logicalId] = `${LOCAL_AWS_REGION}:${stableUuid(`${stack.stackName}/${logicalId}`)}`;
      }
      if (!NAMESPACED.has(resource.Type)) continue;
      const key = `${resource.Type} ${physicalName(logicalId, resource)}`;
      byName.set(key, [...(byName.get(key) ?? []), { stackName: stack.stackName, logicalId }]);
    }
  }
  for (const [key, owners] of byName) {
    if (owners.length < 2) continue;
    const stacksOf = new Set(owners.map((owner) => owner.stackName));
    if (stacksOf.size < owners.length) continue;
    for (const { stackName, logicalId } of owners) {
      const name = `${stackName}-${logicalId}`;
      const own = names.get(stackName);
      if (own) own[logicalId] = key.startsWith('AWS::S3::Bucket') ? name.toLowerCase() : name;
    }
  }
  return names;
}

function arnOf(
  template: CfnTemplate,
  logicalId: string,
  options: ResolveOptions,
): string | undefined {
  try {
    return String(resolveTemplateValue(template, { 'Fn::GetAtt': [logicalId, 'Arn'] }, options));
  } catch {
    // Not every type has an ARN the local cloud names (API Gateway methods, SSM parameters).
    return undefined;
  }
}

function stableUuid(seed: string): string {
  const hex = createHash('sha256').update(seed).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
