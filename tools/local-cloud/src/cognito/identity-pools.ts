import type { LocalResource } from '../edge/contracts';

/** An identity pool as the local Cognito serves it. */
export interface LocalIdentityPool {
  /** What `Ref` of the pool gives: the id clients pass to GetId. */
  id: string;
  logicalId: string;
  allowUnauthenticated: boolean;
  /** From the pool's `AWS::Cognito::IdentityPoolRoleAttachment`, if it names one. */
  unauthenticatedRoleArn?: string;
}

/**
 * The template's identity pools with the unauthenticated role their role attachment names.
 * Role attachments for pools the templates do not declare fail loudly: the wiring is wrong.
 */
export function identityPoolsOf(resources: readonly LocalResource[]): LocalIdentityPool[] {
  const pools = new Map<string, LocalIdentityPool>();
  for (const resource of resources) {
    if (resource.type !== 'AWS::Cognito::IdentityPool') continue;
    pools.set(resource.physicalId, {
      id: resource.physicalId,
      logicalId: resource.logicalId,
      allowUnauthenticated: resource.properties.AllowUnauthenticatedIdentities === true,
    });
  }
  for (const resource of resources) {
    if (resource.type !== 'AWS::Cognito::IdentityPoolRoleAttachment') continue;
    const poolId = String(resource.properties.IdentityPoolId);
    const pool = pools.get(poolId);
    if (!pool) {
      throw new Error(
        `${resource.stackName}/${resource.logicalId}: role attachment for unknown identity pool ${poolId}`,
      );
    }
    const roles = (resource.properties.Roles ?? {}) as Record<string, unknown>;
    if (typeof roles.unauthenticated === 'string')
      pool.unauthenticatedRoleArn = roles.unauthenticated;
  }
  return [...pools.values()];
}
