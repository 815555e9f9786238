// Secrets Manager for the local cloud: GetSecretValue and DescribeSecret.
//
// createSecretsManager(deps):
//   resources  the loaded stacks' LocalResources (AWS::SecretsManager::Secret: SecretString, or
//              GenerateSecretString honoured — length, excluded characters and classes,
//              SecretStringTemplate + GenerateStringKey)
//   authorize  guests need secretsmanager:<Operation> on the secret ARN
//   region, accountId  for ARNs of secrets whose LocalResource has none
//   persistDir under --persist generated values are stable across restarts
//              (<persistDir>/secrets-manager.json)
// returns { service, secrets, stop }.
import type { Authorize, EdgeService, LocalResource } from '../edge/contracts';
import { loadSecrets, type LocalSecret } from './secret-store';
import { secretsManagerService } from './secrets-manager-service';

export interface SecretsManagerDeps {
  resources: readonly LocalResource[];
  authorize: Authorize;
  region: string;
  accountId: string;
  persistDir?: string;
}

export interface LocalSecretsManager {
  service: EdgeService;
  secrets: readonly LocalSecret[];
  stop(): Promise<void>;
}

export function createSecretsManager(deps: SecretsManagerDeps): LocalSecretsManager {
  const secrets = loadSecrets(deps.resources, deps);
  return {
    service: secretsManagerService({ secrets, authorize: deps.authorize }),
    secrets,
    stop: async () => undefined,
  };
}

export { generateSecretString } from './generate-secret-string';
export type { GenerateSecretString } from './generate-secret-string';
export type { LocalSecret } from './secret-store';
