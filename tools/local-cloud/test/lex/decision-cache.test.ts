import type { Authorize, Caller } from '../../src/edge/contracts';
import { rememberDecisions } from '../../src/lex/decision-cache';

const guest = (identityId: string): Caller => ({
  kind: 'guest',
  accessKeyId: `ASIA${identityId}`,
  identityId: `us-east-1:${identityId}`,
  roleArn: 'arn:aws:iam::000000000000:role/Guest',
  arn: `arn:aws:sts::000000000000:assumed-role/Guest/CognitoIdentityCredentials`,
  identityPoolId: 'us-east-1:pool',
});
const alias = 'arn:aws:lex:us-east-1:000000000000:bot-alias/Bot/LiveAlias';

/** An IAM stand-in that allows RecognizeText on the alias only, counting its evaluations. */
function countingAuthorize(): { authorize: Authorize; evaluations: () => number } {
  let evaluations = 0;
  return {
    authorize: (_caller, action, resource) => {
      evaluations++;
      return Promise.resolve(action === 'lex:RecognizeText' && resource === alias);
    },
    evaluations: () => evaluations,
  };
}

describe('rememberDecisions', () => {
  it('evaluates a guest’s (action, resource) once, grants and denials alike', async () => {
    const iam = countingAuthorize();
    const authorize = rememberDecisions(iam.authorize);
    for (let turn = 0; turn < 3; turn++) {
      expect(await authorize(guest('a'), 'lex:RecognizeText', alias)).toBe(true);
      expect(await authorize(guest('a'), 'lex:GetSession', alias)).toBe(false);
    }
    expect(iam.evaluations()).toBe(2);
  });

  it('asks again for another identity, action or resource, and for calls with context', async () => {
    const iam = countingAuthorize();
    const authorize = rememberDecisions(iam.authorize);
    await authorize(guest('a'), 'lex:RecognizeText', alias);
    expect(await authorize(guest('b'), 'lex:RecognizeText', alias)).toBe(true);
    expect(await authorize(guest('a'), 'lex:RecognizeText', `${alias}x`)).toBe(false);
    await authorize(guest('a'), 'lex:RecognizeText', alias, { 'aws:SourceIp': '127.0.0.1' });
    await authorize(guest('a'), 'lex:RecognizeText', alias, { 'aws:SourceIp': '127.0.0.1' });
    expect(iam.evaluations()).toBe(5);
  });

  it('does not remember a failed evaluation', async () => {
    let calls = 0;
    const authorize = rememberDecisions(() => {
      calls++;
      return calls === 1 ? Promise.reject(new Error('policy engine down')) : Promise.resolve(true);
    });
    await expect(authorize(guest('a'), 'lex:RecognizeText', alias)).rejects.toThrow('down');
    expect(await authorize(guest('a'), 'lex:RecognizeText', alias)).toBe(true);
  });

  it('forgets the oldest decision past its bound', async () => {
    const iam = countingAuthorize();
    const authorize = rememberDecisions(iam.authorize, 2);
    await authorize(guest('a'), 'lex:RecognizeText', alias);
    await authorize(guest('b'), 'lex:RecognizeText', alias);
    await authorize(guest('c'), 'lex:RecognizeText', alias);
    await authorize(guest('c'), 'lex:RecognizeText', alias);
    expect(iam.evaluations()).toBe(3);
    await authorize(guest('a'), 'lex:RecognizeText', alias);
    expect(iam.evaluations()).toBe(4);
  });
});
