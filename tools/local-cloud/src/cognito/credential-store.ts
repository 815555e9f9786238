import { randomBytes, randomInt } from 'node:crypto';
import { join } from 'node:path';
import { JsonStateFile } from '../state-file/json-state-file';

/** What the edge needs to verify a guest's signature and build its `Caller`. */
export interface GuestCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  identityId: string;
  roleArn: string;
  /** The assumed-role ARN the guest acts as (`GetCallerIdentity`, `requestContext.identity`). */
  arn: string;
  /**
   * After this the credentials are expired: the edge must answer `ExpiredTokenException`, not
   * fall back to treating the key as the administrator's.
   */
  expiration: Date;
}

export interface CredentialStore {
  /** The credentials the local Cognito issued under this access key, expired ones included. */
  lookupCredentials(accessKeyId: string): GuestCredentials | undefined;
  issue(identityId: string, roleArn: string): GuestCredentials;
  /** The pool an identity belongs to, if the local Cognito created it. */
  poolOfIdentity(identityId: string): string | undefined;
  createIdentity(poolId: string, region: string): string;
}

interface StoredCredentials extends Omit<GuestCredentials, 'expiration'> {
  expiration: string;
}
interface StoredState {
  identities: Record<string, string>;
  credentials: Record<string, StoredCredentials>;
}

/** Cognito's credentials last an hour. */
const LIFETIME_MS = 60 * 60 * 1000;
/** Expired credentials are kept a day so their use is answered "expired", then forgotten. */
const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;
/** The session name Cognito gives the role sessions it opens. */
const SESSION_NAME = 'CognitoIdentityCredentials';

/**
 * Identities and the temporary credentials issued for them. Under `--persist` they live in
 * `<persistDir>/cognito-identity.json`, so a page reloaded after a restart keeps its identity
 * and its credentials keep working.
 */
export function createCredentialStore(
  options: { persistDir?: string; now?: () => Date } = {},
): CredentialStore {
  const now = options.now ?? (() => new Date());
  const file = new JsonStateFile<StoredState>(
    options.persistDir ? join(options.persistDir, 'cognito-identity.json') : undefined,
    () => ({ identities: {}, credentials: {} }),
  );

  return {
    lookupCredentials(accessKeyId) {
      const stored = file.get().credentials[accessKeyId];
      return stored ? { ...stored, expiration: new Date(stored.expiration) } : undefined;
    },
    issue(identityId, roleArn) {
      const issuedAt = now();
      const credentials: GuestCredentials = {
        // ASIA marks temporary credentials, as STS issues them; 20 characters like AWS's.
        accessKeyId: `ASIA${randomCharacters(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')}`,
        secretAccessKey: randomBytes(30).toString('base64'),
        sessionToken: randomBytes(192).toString('base64'),
        identityId,
        roleArn,
        arn: assumedRoleArn(roleArn),
        expiration: new Date(issuedAt.getTime() + LIFETIME_MS),
      };
      const state = file.get();
      const kept = Object.entries(state.credentials).filter(
        ([, stored]) => Date.parse(stored.expiration) + FORGET_AFTER_MS > issuedAt.getTime(),
      );
      file.set({
        ...state,
        credentials: {
          ...Object.fromEntries(kept),
          [credentials.accessKeyId]: {
            ...credentials,
            expiration: credentials.expiration.toISOString(),
          },
        },
      });
      return credentials;
    },
    poolOfIdentity(identityId) {
      return file.get().identities[identityId];
    },
    createIdentity(poolId, region) {
      const identityId = `${region}:${crypto.randomUUID()}`;
      const state = file.get();
      file.set({ ...state, identities: { ...state.identities, [identityId]: poolId } });
      return identityId;
    },
  };
}

/** `arn:aws:iam::<account>:role/<path/>name` → `arn:aws:sts::<account>:assumed-role/name/<session>`. */
export function assumedRoleArn(roleArn: string): string {
  const match = /^arn:([^:]+):iam::(\d+):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
  if (!match) throw new Error(`Not an IAM role ARN: ${roleArn}`);
  const [, partition, account, roleName] = match;
  return `arn:${partition}:sts::${account}:assumed-role/${roleName}/${SESSION_NAME}`;
}

function randomCharacters(count: number, alphabet: string): string {
  return Array.from({ length: count }, () => alphabet[randomInt(alphabet.length)]).join('');
}
