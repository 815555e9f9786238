import type { Caller, LocalResource } from '../../src/edge/contracts';
import { createGuestAuthorizer } from '../../src/edge/guest-authorizer';

const roleArn = 'arn:aws:iam::000000000000:role/GuestRole';
const resource = (
  logicalId: string,
  type: string,
  properties: Record<string, unknown>,
  extra: Partial<LocalResource> = {},
): LocalResource => ({
  stackName: 'stack',
  logicalId,
  type,
  properties,
  physicalId: logicalId,
  assemblyDir: '/nowhere',
  ...extra,
});
const statement = (Action: string, Resource: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action, Resource }],
});

// The shapes the templates give: the role in one stack, policies naming it in others.
const resources = [
  resource('GuestRole', 'AWS::IAM::Role', { AssumeRolePolicyDocument: {} }, { arn: roleArn }),
  resource('Attachment', 'AWS::Cognito::IdentityPoolRoleAttachment', {
    IdentityPoolId: 'us-east-1:pool',
    Roles: { unauthenticated: roleArn },
  }),
  resource('Uploads', 'AWS::IAM::Policy', {
    Roles: ['GuestRole'],
    PolicyDocument: statement(
      's3:PutObject',
      'arn:aws:s3:::uploads/uploads/${cognito-identity.amazonaws.com:sub}/*',
    ),
  }),
  resource('Chat', 'AWS::IAM::Policy', {
    Roles: ['GuestRole'],
    PolicyDocument: statement(
      'lex:RecognizeText',
      'arn:aws:lex:us-east-1:000000000000:bot-alias/Bot/Live',
    ),
  }),
  resource('Other', 'AWS::IAM::Policy', {
    Roles: ['SomeoneElse'],
    PolicyDocument: statement('sqs:*', '*'),
  }),
];
const guest: Caller = {
  kind: 'guest',
  accessKeyId: 'ASIA1',
  identityId: 'us-east-1:me',
  roleArn,
  arn: 'arn:aws:sts::000000000000:assumed-role/GuestRole/CognitoIdentityCredentials',
  identityPoolId: 'us-east-1:pool',
};

describe('guest authorizer', () => {
  it("allows a guest's own upload prefix and denies another identity's", async () => {
    const authorize = await createGuestAuthorizer(resources);
    await expect(
      authorize(guest, 's3:PutObject', 'arn:aws:s3:::uploads/uploads/us-east-1:me/a.png'),
    ).resolves.toBe(true);
    await expect(
      authorize(guest, 's3:PutObject', 'arn:aws:s3:::uploads/uploads/us-east-1:you/a.png'),
    ).resolves.toBe(false);
  });

  it('allows only the actions its policies grant (Lex V2 alias ARNs included)', async () => {
    const authorize = await createGuestAuthorizer(resources);
    await expect(
      authorize(
        guest,
        'lex:RecognizeText',
        'arn:aws:lex:us-east-1:000000000000:bot-alias/Bot/Live',
      ),
    ).resolves.toBe(true);
    await expect(
      authorize(guest, 's3:GetObject', 'arn:aws:s3:::uploads/uploads/us-east-1:me/a.png'),
    ).resolves.toBe(false);
    await expect(
      authorize(guest, 'sqs:SendMessage', 'arn:aws:sqs:us-east-1:000000000000:q'),
    ).resolves.toBe(false);
  });

  it('evaluates the conditions a policy uses with the request context', async () => {
    const authorize = await createGuestAuthorizer([
      ...resources,
      resource('Conditional', 'AWS::IAM::Policy', {
        Roles: ['GuestRole'],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: 'polly:SynthesizeSpeech',
              Resource: '*',
              Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1' } },
            },
          ],
        },
      }),
    ]);
    await expect(
      authorize(guest, 'polly:SynthesizeSpeech', '*', { 'aws:RequestedRegion': 'us-east-1' }),
    ).resolves.toBe(true);
    await expect(
      authorize(guest, 'polly:SynthesizeSpeech', '*', { 'aws:RequestedRegion': 'eu-west-1' }),
    ).resolves.toBe(false);
  });

  it('always allows the administrator and never an anonymous caller', async () => {
    const authorize = await createGuestAuthorizer(resources);
    await expect(
      authorize(
        { kind: 'admin', accessKeyId: 'x', arn: 'arn:aws:iam::000000000000:root' },
        'sqs:DeleteQueue',
        '*',
      ),
    ).resolves.toBe(true);
    await expect(
      authorize({ kind: 'anonymous' }, 's3:GetObject', 'arn:aws:s3:::uploads/a'),
    ).resolves.toBe(false);
  });

  it('refuses a guest role whose managed policy the templates do not contain', async () => {
    const withManaged = resources.map((r) =>
      r.logicalId === 'GuestRole'
        ? { ...r, properties: { ManagedPolicyArns: ['arn:aws:iam::aws:policy/ReadOnlyAccess'] } }
        : r,
    );
    await expect(createGuestAuthorizer(withManaged)).rejects.toThrow(/ReadOnlyAccess/);
  });
});
