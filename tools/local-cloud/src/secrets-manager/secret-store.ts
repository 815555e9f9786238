import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { LocalResource } from '../edge/contracts';
import { JsonStateFile } from '../state-file/json-state-file';
import { generateSecretString, type GenerateSecretString } from './generate-secret-string';

export interface LocalSecret {
  arn: string;
  name: string;
  description?: string;
  value: string;
  versionId: string;
  createdDate: Date;
}

interface StoredSecret {
  value: string;
  versionId: string;
  createdDate: string;
}

const ARN_SUFFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * The templates' `AWS::SecretsManager::Secret`s with their values: `SecretString` as given, or
 * generated once per `GenerateSecretString`. Under `--persist` generated values are kept in
 * `<persistDir>/secrets-manager.json` by stack and logical id, so they survive a restart (as a
 * deployed secret survives stack updates); a literal `SecretString` always follows the template.
 */
export function loadSecrets(
  resources: readonly LocalResource[],
  options: { region: string; accountId: string; persistDir?: string },
): LocalSecret[] {
  const file = new JsonStateFile<Record<string, StoredSecret>>(
    options.persistDir ? join(options.persistDir, 'secrets-manager.json') : undefined,
    () => ({}),
  );
  const stored = { ...file.get() };
  const secrets: LocalSecret[] = [];
  for (const resource of resources) {
    if (resource.type !== 'AWS::SecretsManager::Secret') continue;
    const key = `${resource.stackName}/${resource.logicalId}`;
    const properties = resource.properties;
    const name = typeof properties.Name === 'string' ? properties.Name : nameOf(resource);
    let entry = stored[key];
    if (typeof properties.SecretString === 'string') {
      if (properties.GenerateSecretString !== undefined) {
        throw new Error(`${key}: a secret cannot have both SecretString and GenerateSecretString`);
      }
      if (entry?.value !== properties.SecretString) {
        entry = {
          value: properties.SecretString,
          versionId: randomUUID(),
          createdDate: new Date().toISOString(),
        };
      }
    } else if (!entry) {
      let value: string;
      try {
        value = generateSecretString(
          (properties.GenerateSecretString ?? {}) as GenerateSecretString,
        );
      } catch (error) {
        throw new Error(`${key}: ${(error as Error).message}`);
      }
      entry = { value, versionId: randomUUID(), createdDate: new Date().toISOString() };
    }
    stored[key] = entry;
    secrets.push({
      // `Ref` of a secret is its ARN: keep whatever the loader resolved references to.
      arn:
        resource.arn ??
        (resource.physicalId.startsWith('arn:') ? resource.physicalId : arnFor(name, key, options)),
      name,
      ...(typeof properties.Description === 'string'
        ? { description: properties.Description }
        : {}),
      value: entry.value,
      versionId: entry.versionId,
      createdDate: new Date(entry.createdDate),
    });
  }
  file.set(stored);
  return secrets;
}

/** CloudFormation names an unnamed secret after its logical id; `Ref` gives its ARN. */
function nameOf(resource: LocalResource): string {
  const fromArn = /:secret:(.+)-[A-Za-z]{6}$/.exec(resource.physicalId);
  return fromArn?.[1] ?? resource.logicalId;
}

/** Secret ARNs end in `-` and six random letters; derived from the key here so they are stable. */
function arnFor(name: string, key: string, options: { region: string; accountId: string }): string {
  let hash = 2166136261;
  let suffix = '';
  for (let index = 0; suffix.length < 6; index += 1) {
    hash = Math.imul(hash ^ key.charCodeAt(index % key.length), 16777619) >>> 0;
    suffix += ARN_SUFFIX_ALPHABET[hash % ARN_SUFFIX_ALPHABET.length];
  }
  return `arn:aws:secretsmanager:${options.region}:${options.accountId}:secret:${name}-${suffix}`;
}
