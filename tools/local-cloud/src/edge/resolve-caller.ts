import { LOCAL_ACCOUNT } from '../assembly/local-arns';
import type { Caller, GuestCredentialSource } from './contracts';
import { SigV4Error, verifySigV4, type SigV4Claims, type SignedRequest } from './sigv4';

/** The administrator every credential not issued by the local Cognito acts as. */
export const ADMIN_ARN = `arn:aws:iam::${LOCAL_ACCOUNT}:root`;

/**
 * Who signed the request. Guests' signatures are verified against the secret the local Cognito
 * issued (their policies are enforced, so a forged key must not pass); other keys are the
 * administrator's, as in other local emulators, and are not checked.
 */
export async function resolveCaller(
  request: SignedRequest,
  claims: SigV4Claims | undefined,
  credentials: GuestCredentialSource | undefined,
  now = new Date(),
): Promise<Caller> {
  if (!claims) return { kind: 'anonymous' };
  const issued = credentials?.lookupCredentials(claims.accessKeyId);
  if (!issued) return { kind: 'admin', accessKeyId: claims.accessKeyId, arn: ADMIN_ARN };
  if (issued.expiration.getTime() < now.getTime()) {
    throw new SigV4Error('ExpiredToken', 'The security token included in the request is expired');
  }
  if (claims.sessionToken !== issued.sessionToken) {
    throw new SigV4Error(
      'InvalidClientTokenId',
      'The security token included in the request is invalid',
    );
  }
  await verifySigV4(request, claims, issued.secretAccessKey, now);
  const roleName = issued.roleArn.split('/').pop() ?? issued.roleArn;
  return {
    kind: 'guest',
    accessKeyId: issued.accessKeyId,
    identityId: issued.identityId,
    roleArn: issued.roleArn,
    identityPoolId: issued.identityPoolId,
    arn:
      issued.arn ??
      `arn:aws:sts::${LOCAL_ACCOUNT}:assumed-role/${roleName}/CognitoIdentityCredentials`,
  };
}
