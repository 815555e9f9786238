import {
  CognitoIdentityClient,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
} from '@aws-sdk/client-cognito-identity';
import { mockClient } from 'aws-sdk-client-mock';
import { guestCredentials, REFRESH_BEFORE_MS } from '../scripts/guest-credentials';

const cognito = mockClient(CognitoIdentityClient);
const HOUR = 3_600_000;
const start = Date.parse('2026-12-01T12:00:00Z');

/** Cognito as the local cloud answers: hour-long credentials, a new key pair each time. */
function issuing() {
  let issued = 0;
  cognito.on(GetIdCommand).resolves({ IdentityId: 'us-east-1:guest-1' });
  cognito.on(GetCredentialsForIdentityCommand).callsFake(async () => {
    issued += 1;
    return {
      IdentityId: 'us-east-1:guest-1',
      Credentials: {
        AccessKeyId: `ASIA${issued}`,
        SecretKey: `secret-${issued}`,
        SessionToken: `token-${issued}`,
        Expiration: new Date(start + issued * HOUR),
      },
    };
  });
}

beforeEach(() => cognito.reset());

describe('guestCredentials (npm run chat)', () => {
  it('reuses the credentials while they are valid, and fetches new ones for the same identity when they are about to expire', async () => {
    issuing();
    let clock = start;
    const credentials = guestCredentials({
      cognito: new CognitoIdentityClient({ region: 'us-east-1' }),
      identityPoolId: 'us-east-1:pool',
      now: () => clock,
    });

    const first = await credentials();
    clock = start + HOUR - REFRESH_BEFORE_MS - 1;
    const stillFirst = await credentials();
    clock = start + HOUR - REFRESH_BEFORE_MS;
    const renewed = await credentials();

    expect(first.accessKeyId).toBe('ASIA1');
    expect(stillFirst).toBe(first);
    expect(renewed).toMatchObject({ accessKeyId: 'ASIA2', sessionToken: 'token-2' });
    expect(renewed.expiration).toEqual(new Date(start + 2 * HOUR));
    // One identity for the whole chat: its conversations stay its own after the refresh.
    expect(cognito.commandCalls(GetIdCommand)).toHaveLength(1);
    expect(
      cognito
        .commandCalls(GetCredentialsForIdentityCommand)
        .map((call) => call.args[0].input.IdentityId),
    ).toEqual(['us-east-1:guest-1', 'us-east-1:guest-1']);
  });

  it('says so when Cognito gives the identity no credentials', async () => {
    cognito.on(GetIdCommand).resolves({ IdentityId: 'us-east-1:guest-1' });
    cognito.on(GetCredentialsForIdentityCommand).resolves({ IdentityId: 'us-east-1:guest-1' });
    const credentials = guestCredentials({
      cognito: new CognitoIdentityClient({ region: 'us-east-1' }),
      identityPoolId: 'us-east-1:pool',
    });

    await expect(credentials()).rejects.toThrow(
      'Cognito gave identity us-east-1:guest-1 no credentials',
    );
  });
});
