import type { LocalResource } from '../edge/contracts';
import type { IgnoredResource, StackOutputs } from './load-resources';

/** `GET /_booktrip/outputs`: everything a client needs to talk to the local cloud. */
export interface LocalCloudOutputs {
  region: string;
  accountId: string;
  endpoint: string;
  webUrl: string;
  /** Any credentials act as the administrator; these are the ones the functions use. */
  adminCredentials: { accessKeyId: string; secretAccessKey: string };
  stacks: Record<
    string,
    {
      outputs: Record<string, string>;
      resources: Record<string, { type: string; physicalId: string; arn?: string }>;
    }
  >;
  /** SSM parameter values by name, as `GetParameter` answers them. */
  parameters: Record<string, string>;
  ignored: IgnoredResource[];
}

export function buildOutputs(input: {
  region: string;
  accountId: string;
  endpoint: string;
  webUrl: string;
  adminCredentials: { accessKeyId: string; secretAccessKey: string };
  resources: readonly LocalResource[];
  stacks: readonly StackOutputs[];
  parameters: Record<string, string>;
  ignored: IgnoredResource[];
}): LocalCloudOutputs {
  const stacks: LocalCloudOutputs['stacks'] = {};
  for (const stack of input.stacks) {
    stacks[stack.stackName] = { outputs: stack.outputs, resources: {} };
  }
  for (const resource of input.resources) {
    const stack = (stacks[resource.stackName] ??= { outputs: {}, resources: {} });
    stack.resources[resource.logicalId] = {
      type: resource.type,
      physicalId: resource.physicalId,
      ...(resource.arn ? { arn: resource.arn } : {}),
    };
  }
  return {
    region: input.region,
    accountId: input.accountId,
    endpoint: input.endpoint,
    webUrl: input.webUrl,
    adminCredentials: input.adminCredentials,
    stacks,
    parameters: input.parameters,
    ignored: input.ignored,
  };
}
