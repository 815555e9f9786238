import type { LocalResource } from '../../src/edge/contracts';

/** A LocalResource as lc-core's loader hands it over, for tests that build templates by hand. */
export function localResource(
  logicalId: string,
  type: string,
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
