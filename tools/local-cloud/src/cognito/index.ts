// Cognito identity for the local cloud.
//
// createCognitoIdentity(deps):
//   resources  the loaded stacks' LocalResources (AWS::Cognito::IdentityPool and
//              AWS::Cognito::IdentityPoolRoleAttachment are read)
//   region     the identity ids' prefix (`us-east-1:<uuid>`)
//   persistDir under --persist: identities and issued credentials survive a restart
//              (<persistDir>/cognito-identity.json)
// returns { service, lookupCredentials, pools, stop }: the edge routes the unsigned
// AWSCognitoIdentityService.* calls to `service` and verifies guests' signatures with
// `lookupCredentials(accessKeyId)` (expired credentials are returned too: answer them
// ExpiredTokenException, never as the administrator).
import type { EdgeService, LocalResource } from '../edge/contracts';
import { cognitoIdentityService } from './cognito-identity-service';
import { createCredentialStore, type GuestCredentials } from './credential-store';
import { identityPoolsOf, type LocalIdentityPool } from './identity-pools';

export interface CognitoIdentityDeps {
  resources: readonly LocalResource[];
  region: string;
  persistDir?: string;
}

export interface CognitoIdentity {
  service: EdgeService;
  lookupCredentials(accessKeyId: string): GuestCredentials | undefined;
  pools: readonly LocalIdentityPool[];
  stop(): Promise<void>;
}

export function createCognitoIdentity(deps: CognitoIdentityDeps): CognitoIdentity {
  const pools = identityPoolsOf(deps.resources);
  const store = createCredentialStore({ persistDir: deps.persistDir });
  return {
    service: cognitoIdentityService({ pools, store, region: deps.region }),
    lookupCredentials: (accessKeyId) => store.lookupCredentials(accessKeyId),
    pools,
    stop: async () => undefined,
  };
}

export { assumedRoleArn, createCredentialStore } from './credential-store';
export type { CredentialStore, GuestCredentials } from './credential-store';
export type { LocalIdentityPool } from './identity-pools';
