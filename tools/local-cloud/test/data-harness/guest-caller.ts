import type { Authorize, Caller } from '../../src/edge/contracts';
import type { GuestCredentials } from '../../src/cognito';

/** A guest the tiny edge recognises by its access key, without going through Cognito. */
export const GUEST: GuestCredentials = {
  accessKeyId: 'ASIAGUESTLOCAL000000',
  secretAccessKey: 'guest-secret',
  sessionToken: 'guest-token',
  identityId: 'us-east-1:aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
  roleArn: 'arn:aws:iam::000000000000:role/GuestRole',
  arn: 'arn:aws:sts::000000000000:assumed-role/GuestRole/CognitoIdentityCredentials',
  expiration: new Date(Date.now() + 3_600_000),
};

export const lookupGuest = (accessKeyId: string) =>
  accessKeyId === GUEST.accessKeyId ? GUEST : undefined;

export interface AuthorizeCall {
  caller: Caller;
  action: string;
  resource: string;
  context?: Record<string, string | string[]>;
}

/** A fake `Authorize` allowing what `allow` says, recording every question it was asked. */
export function recordingAuthorize(allow: (action: string, resource: string) => boolean): {
  authorize: Authorize;
  calls: AuthorizeCall[];
} {
  const calls: AuthorizeCall[] = [];
  return {
    calls,
    authorize: async (caller, action, resource, context) => {
      calls.push({ caller, action, resource, ...(context ? { context } : {}) });
      return caller.kind === 'admin' || allow(action, resource);
    },
  };
}

export const guestClientCredentials = {
  accessKeyId: GUEST.accessKeyId,
  secretAccessKey: GUEST.secretAccessKey,
  sessionToken: GUEST.sessionToken,
};
