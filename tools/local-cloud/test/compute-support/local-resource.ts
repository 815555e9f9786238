import type { LocalResource } from '../../src/edge/contracts';

/** A template resource as the loader hands it over, for tests that build their own. */
export function localResource(
  type: string,
  logicalId: string,
  properties: Record<string, unknown>,
  extra: Partial<LocalResource> = {},
): LocalResource {
  return {
    stackName: 'TestStack',
    logicalId,
    type,
    properties,
    physicalId: logicalId,
    assemblyDir: '/nonexistent',
    ...extra,
  };
}
