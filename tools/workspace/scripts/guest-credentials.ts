import {
  type CognitoIdentityClient,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
} from '@aws-sdk/client-cognito-identity';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

/** Credentials this close to their expiration are fetched again rather than used. */
export const REFRESH_BEFORE_MS = 60_000;

/**
 * A guest of the identity pool, as the chat page is: one identity for the whole chat (its
 * conversations are its own), whose hour-long credentials are fetched again, for the same
 * identity, when they are about to expire — a terminal chat may stay open all afternoon.
 */
export function guestCredentials(options: {
  /** GetId and GetCredentialsForIdentity are unsigned: the client's own credentials are unused. */
  cognito: CognitoIdentityClient;
  identityPoolId: string;
  now?: () => number;
}): AwsCredentialIdentityProvider {
  const { cognito, identityPoolId, now = Date.now } = options;
  let identityId: string | undefined;
  let current: AwsCredentialIdentity | undefined;
  return async () => {
    if (current?.expiration && current.expiration.getTime() - now() > REFRESH_BEFORE_MS) {
      return current;
    }
    identityId ??= (await cognito.send(new GetIdCommand({ IdentityPoolId: identityPoolId })))
      .IdentityId;
    const { Credentials } = await cognito.send(
      new GetCredentialsForIdentityCommand({ IdentityId: identityId }),
    );
    if (!Credentials?.AccessKeyId || !Credentials.SecretKey || !Credentials.SessionToken) {
      throw new Error(`Cognito gave identity ${identityId} no credentials`);
    }
    current = {
      accessKeyId: Credentials.AccessKeyId,
      secretAccessKey: Credentials.SecretKey,
      sessionToken: Credentials.SessionToken,
      expiration: Credentials.Expiration,
    };
    return current;
  };
}
