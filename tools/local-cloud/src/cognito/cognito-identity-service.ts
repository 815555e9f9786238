import { createHmac, randomBytes } from 'node:crypto';
import { jsonError, type EdgeResponse, type EdgeService } from '../edge/contracts';
import {
  epochSeconds,
  dispatchJsonCall,
  isDispatched,
  jsonResult,
  requiredString,
} from '../json-protocol/json-protocol';
import type { CredentialStore } from './credential-store';
import type { LocalIdentityPool } from './identity-pools';

const TARGET_PREFIX = 'AWSCognitoIdentityService';

/**
 * Cognito identity's guest flow (GetId → GetCredentialsForIdentity, GetOpenIdToken) for the
 * template's pools. These calls are unsigned, so the edge routes them by `X-Amz-Target`.
 * Only unauthenticated identities exist locally: logins from identity providers are refused.
 */
export function cognitoIdentityService(deps: {
  pools: readonly LocalIdentityPool[];
  store: CredentialStore;
  region: string;
}): EdgeService {
  const pools = new Map(deps.pools.map((pool) => [pool.id, pool]));
  // GetOpenIdToken's tokens are only ever checked by this process, if at all.
  const tokenKey = randomBytes(32);

  const identityOf = (input: Record<string, unknown>) => {
    const identityId = requiredString(input, 'IdentityId');
    if (typeof identityId !== 'string') return identityId;
    if (hasLogins(input)) return loginsRefused();
    const poolId = deps.store.poolOfIdentity(identityId);
    const pool = poolId ? pools.get(poolId) : undefined;
    if (!pool)
      return jsonError(400, 'ResourceNotFoundException', `Identity '${identityId}' not found.`);
    return { identityId, pool };
  };

  const operations: Record<string, (input: Record<string, unknown>) => EdgeResponse> = {
    GetId(input) {
      const poolId = requiredString(input, 'IdentityPoolId');
      if (typeof poolId !== 'string') return poolId;
      const pool = pools.get(poolId);
      if (!pool)
        return jsonError(400, 'ResourceNotFoundException', `IdentityPool '${poolId}' not found.`);
      if (hasLogins(input)) return loginsRefused();
      if (!pool.allowUnauthenticated) {
        return jsonError(
          400,
          'NotAuthorizedException',
          'Unauthenticated access is not supported for this identity pool.',
        );
      }
      return jsonResult({ IdentityId: deps.store.createIdentity(pool.id, deps.region) });
    },
    GetCredentialsForIdentity(input) {
      const found = identityOf(input);
      if (!('pool' in found)) return found;
      const roleArn = found.pool.unauthenticatedRoleArn;
      if (!roleArn) {
        return jsonError(
          400,
          'InvalidIdentityPoolConfigurationException',
          'Invalid identity pool configuration. Check assigned IAM roles for this pool.',
        );
      }
      if (input.CustomRoleArn !== undefined && input.CustomRoleArn !== roleArn) {
        return jsonError(
          400,
          'NotAuthorizedException',
          'Unauthenticated identities cannot choose a custom role.',
        );
      }
      const credentials = deps.store.issue(found.identityId, roleArn, found.pool.id);
      return jsonResult({
        IdentityId: found.identityId,
        Credentials: {
          AccessKeyId: credentials.accessKeyId,
          SecretKey: credentials.secretAccessKey,
          SessionToken: credentials.sessionToken,
          Expiration: epochSeconds(credentials.expiration),
        },
      });
    },
    GetOpenIdToken(input) {
      const found = identityOf(input);
      if (!('pool' in found)) return found;
      return jsonResult({
        IdentityId: found.identityId,
        Token: openIdToken(found.identityId, found.pool.id, tokenKey),
      });
    },
  };

  return {
    signingNames: ['cognito-identity'],
    targetPrefixes: [TARGET_PREFIX],
    matches: (request) =>
      String(request.headers['x-amz-target'] ?? '').startsWith(`${TARGET_PREFIX}.`),
    async handle(request) {
      const dispatched = dispatchJsonCall(request, TARGET_PREFIX, operations, 'Cognito identity');
      return isDispatched(dispatched) ? dispatched.operation(dispatched.call.input) : dispatched;
    },
  };
}

function hasLogins(input: Record<string, unknown>): boolean {
  return (
    typeof input.Logins === 'object' &&
    input.Logins !== null &&
    Object.keys(input.Logins).length > 0
  );
}

function loginsRefused(): EdgeResponse {
  return jsonError(
    400,
    'NotAuthorizedException',
    'The local Cognito identity pool has no identity providers: only unauthenticated identities are supported.',
  );
}

/** A JWT shaped like Cognito's (issuer, audience = pool, amr), signed with a process-local key. */
function openIdToken(identityId: string, poolId: string, key: Buffer): string {
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT', kid: 'local' })}.${encode({
    iss: 'https://cognito-identity.amazonaws.com',
    sub: identityId,
    aud: poolId,
    amr: ['unauthenticated'],
    iat: now,
    exp: now + 600,
  })}`;
  return `${unsigned}.${createHmac('sha256', key).update(unsigned).digest('base64url')}`;
}
