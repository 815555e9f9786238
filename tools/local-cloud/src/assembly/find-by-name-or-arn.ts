/** How a resource may be named in a request: its name, its ARN, or a partial ARN. */
export interface ResourceIdentifiers {
  name: string;
  arn: string;
  /** Secrets Manager's ARN without its random six-letter suffix, which `SecretId` may be. */
  partialArn?: string;
}

/**
 * The resource an SDK caller's identifier names — SSM's `Name` and Secrets Manager's
 * `SecretId` take a name or an ARN alike — or undefined when none matches.
 */
export function findByNameOrArn<T>(
  resources: Iterable<T>,
  identifier: string,
  identifiersOf: (resource: T) => ResourceIdentifiers,
): T | undefined {
  for (const resource of resources) {
    const { name, arn, partialArn } = identifiersOf(resource);
    if (identifier === name || identifier === arn || identifier === partialArn) return resource;
  }
  return undefined;
}
