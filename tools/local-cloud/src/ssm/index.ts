// SSM Parameter Store for the local cloud.
//
// createSsm(deps):
//   resources  the loaded stacks' LocalResources (AWS::SSM::Parameter with Name and a string
//              Value, intrinsics resolved)
//   parameters values that win over the templates' (cross-stack values resolved by the
//              caller, the local API URL, …)
//   authorize  guests need ssm:GetParameter(s) / ssm:GetParametersByPath on the parameter ARN
//   region, accountId  for parameter ARNs
// returns { service, setParameter, parameters, stop }.
import type { Authorize, EdgeService, LocalResource } from '../edge/contracts';
import { ParameterStore } from './parameter-store';
import { ssmService } from './ssm-service';

export interface SsmDeps {
  resources: readonly LocalResource[];
  parameters?: Record<string, string>;
  authorize: Authorize;
  region: string;
  accountId: string;
}

export interface LocalSsm {
  service: EdgeService;
  /** Overrides a value at run time (e.g. once the local API's URL is known). */
  setParameter(name: string, value: string): void;
  /** Every parameter's current value, by name (for `/_booktrip/outputs`). */
  parameters(): Record<string, string>;
  stop(): Promise<void>;
}

export function createSsm(deps: SsmDeps): LocalSsm {
  const store = new ParameterStore(deps.resources, deps.parameters);
  return {
    service: ssmService({
      store,
      authorize: deps.authorize,
      region: deps.region,
      accountId: deps.accountId,
    }),
    setParameter: (name, value) => store.set(name, value),
    parameters: () => store.values(),
    stop: async () => undefined,
  };
}

export { ParameterStore } from './parameter-store';
export type { StoredParameter } from './parameter-store';
