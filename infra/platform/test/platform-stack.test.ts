import { SERVICE_TAG_KEY, ssmNames, type SsmNames } from '@booktrip/constructs';
import { Sources } from '@booktrip/events';
import { Match } from 'aws-cdk-lib/assertions';
import { synthPlatform } from './synth-platform';

interface Statement {
  Sid?: string;
  Effect: string;
  Principal: unknown;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, Record<string, unknown>>;
}

const busArnOfStage = (stage: string) => ({
  'Fn::Join': [
    '',
    [
      'arn:',
      { Ref: 'AWS::Partition' },
      ':events:',
      { Ref: 'AWS::Region' },
      ':',
      { Ref: 'AWS::AccountId' },
      `:event-bus/booktrip-${stage}`,
    ],
  ],
});

describe('PlatformStack', () => {
  const { stack, template, logicalId } = synthPlatform('test');

  function busPolicyStatements(): Statement[] {
    const buses = template.findResources('AWS::Events::EventBus');
    const [bus] = Object.values(buses);
    return (bus?.Properties.Policy.Statement ?? []) as Statement[];
  }

  it('is the stack booktrip-<stage>-platform', () => {
    expect(stack.stackName).toBe('booktrip-test-platform');
  });

  it('creates the custom event bus booktrip-<stage>, tagged with its owning service', () => {
    template.resourceCountIs('AWS::Events::EventBus', 1);
    template.hasResourceProperties('AWS::Events::EventBus', {
      Name: 'booktrip-test',
      Tags: Match.arrayWith([{ Key: SERVICE_TAG_KEY, Value: 'platform' }]),
    });
  });

  it('archives every BookTrip source of the bus for 30 days, for replay', () => {
    template.hasResourceProperties('AWS::Events::Archive', {
      SourceArn: { 'Fn::GetAtt': [logicalId(stack.bus), 'Arn'] },
      EventPattern: { source: Object.values(Sources) },
      RetentionDays: 30,
    });
  });

  it('denies publishing each source to every principal not tagged with its owning service', () => {
    const statements = busPolicyStatements();

    expect(statements).toHaveLength(Object.values(Sources).length);
    for (const source of Object.values(Sources)) {
      const owner = source.replace(/^booktrip\./, '');
      expect(statements).toContainEqual({
        Sid: expect.any(String),
        Effect: 'Deny',
        Principal: '*',
        Action: 'events:PutEvents',
        Resource: busArnOfStage('test'),
        Condition: {
          'ForAnyValue:StringEquals': { 'events:source': source },
          StringNotEquals: { [`aws:PrincipalTag/${SERVICE_TAG_KEY}`]: owner },
        },
      });
    }
  });

  it('grants nothing through the bus policy: publishers need their own events:PutEvents', () => {
    expect(busPolicyStatements().filter((statement) => statement.Effect !== 'Deny')).toEqual([]);
  });

  it('encrypts the rule-target dead-letter queue and refuses requests without TLS', () => {
    const queueId = logicalId(stack.deadLetterQueue.queue);
    template.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: queueId }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Action: 'sqs:*',
            Principal: { AWS: '*' },
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('lets only BookTrip rules (on its bus or its stacks’ default-bus rules) dead-letter events', () => {
    const rule = (name: string) => ({
      'Fn::Join': [
        '',
        [
          'arn:',
          { Ref: 'AWS::Partition' },
          ':events:',
          { Ref: 'AWS::Region' },
          ':',
          { Ref: 'AWS::AccountId' },
          `:rule/${name}`,
        ],
      ],
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          {
            Sid: 'EventBridgeRulesDeadLetter',
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Resource: { 'Fn::GetAtt': [logicalId(stack.deadLetterQueue.queue), 'Arn'] },
            Condition: {
              ArnLike: { 'aws:SourceArn': [rule('booktrip-test/*'), rule('booktrip-test-*')] },
            },
          },
        ]),
      },
    });
  });

  it('alarms as soon as one undelivered event waits in the dead-letter queue', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: { 'Fn::GetAtt': [logicalId(stack.deadLetterQueue.queue), 'QueueName'] },
        },
      ],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });

  it('lets guests in through the identity pool without the classic flow', () => {
    template.hasResourceProperties('AWS::Cognito::IdentityPool', {
      AllowUnauthenticatedIdentities: true,
      AllowClassicFlow: false,
    });
  });

  it('lets only unauthenticated identities of this pool assume the guest role', () => {
    const poolId = logicalId(stack.guests.pool);
    const roleId = logicalId(stack.guests.guestRole);
    template.hasResourceProperties('AWS::Cognito::IdentityPoolRoleAttachment', {
      IdentityPoolId: { Ref: poolId },
      Roles: Match.objectLike({ unauthenticated: { 'Fn::GetAtt': [roleId, 'Arn'] } }),
    });
    const role = template.toJSON().Resources[roleId];
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual([
      {
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': { Ref: poolId } },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'unauthenticated' },
        },
      },
    ]);
  });

  it('gives the guest role no permission of its own (other stacks attach theirs)', () => {
    const roleId = logicalId(stack.guests.guestRole);
    const role = template.toJSON().Resources[roleId];
    expect(role.Properties.Policies).toBeUndefined();
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const policies = template.findResources('AWS::IAM::Policy');
    expect(JSON.stringify(policies)).not.toContain(roleId);
  });

  it('publishes every platform value under its ssmNames parameter', () => {
    const busId = logicalId(stack.bus);
    const roleId = logicalId(stack.guests.guestRole);
    const expected: Record<keyof SsmNames['platform'], unknown> = {
      eventBusName: { Ref: busId },
      eventBusArn: { 'Fn::GetAtt': [busId, 'Arn'] },
      eventDlqArn: { 'Fn::GetAtt': [logicalId(stack.deadLetterQueue.queue), 'Arn'] },
      identityPoolId: { Ref: logicalId(stack.guests.pool) },
      guestRoleName: { Ref: roleId },
      guestRoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] },
    };
    const names = ssmNames('test').platform;

    for (const [key, name] of Object.entries(names)) {
      template.hasResourceProperties('AWS::SSM::Parameter', {
        Name: name,
        Type: 'String',
        Value: expected[key as keyof typeof names],
      });
    }
    template.resourceCountIs('AWS::SSM::Parameter', Object.keys(names).length);
  });

  it('keeps the dead-letter queue when a production stack is deleted, not in other stages', () => {
    const prod = synthPlatform('prod');

    prod.template.hasResource('AWS::SQS::Queue', { DeletionPolicy: 'Retain' });
    template.hasResource('AWS::SQS::Queue', { DeletionPolicy: 'Delete' });
    expect(prod.stack.terminationProtection).toBe(true);
    prod.template.hasResourceProperties('AWS::Events::EventBus', { Name: 'booktrip-prod' });
  });
});
