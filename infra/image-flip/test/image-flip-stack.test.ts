import { BookTripApp, ssmNames } from '@booktrip/constructs';
import { ImageFlipped, ImageRejected, S3ObjectCreated } from '@booktrip/events';
import type { CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ImageFlipStack } from '../src/image-flip-stack';
import { TaskErrors } from '@booktrip/constructs';
import { ImageFlipStates } from '../src/image-workflow';

const ssm = ssmNames('test');

function synth(stage = 'test') {
  const app = new BookTripApp({ context: { stage, 'aws:cdk:bundling-stacks': [] } });
  const stack = new ImageFlipStack(app, 'ImageFlip', { service: 'image-flip', stage });
  // Template.fromStack runs cdk-nag: any unacknowledged finding throws here.
  return { stack, template: Template.fromStack(stack) };
}

const { stack, template } = synth();
const idOf = (construct: { node: { defaultChild?: unknown } }) =>
  stack.resolve(stack.getLogicalId(construct.node.defaultChild as CfnElement)) as string;
const uploads = idOf(stack.uploadsBucket);
const output = idOf(stack.outputBucket);

/** The state machine's ASL, with CloudFormation tokens left as `{token}` placeholders. */
function definition(): {
  TimeoutSeconds?: number;
  States: Record<string, Record<string, unknown> & { Retry?: Record<string, unknown>[] }>;
} {
  const machine = Object.values(template.findResources('AWS::StepFunctions::StateMachine'))[0];
  const parts = machine?.Properties.DefinitionString['Fn::Join'][1] as unknown[];
  return JSON.parse(parts.map((part) => (typeof part === 'string' ? part : '{token}')).join(''));
}

function policyOf(role: string) {
  const policies = template.findResources('AWS::IAM::Policy', {
    Properties: { Roles: [{ Ref: role }] },
  });
  return Object.values(policies).flatMap(
    (policy) => policy.Properties.PolicyDocument.Statement as Record<string, unknown>[],
  );
}

describe('uploads bucket', () => {
  it('is private, encrypted, versioned, TLS-only and logs access', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: Match.anyValue(),
      LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: 'uploads/' },
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: uploads },
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('lets browsers PUT uploads (CORS) and expires originals after 30 days', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: {
        CorsRules: [Match.objectLike({ AllowedMethods: ['PUT'], AllowedOrigins: ['*'] })],
      },
      LifecycleConfiguration: {
        Rules: [
          Match.objectLike({
            Prefix: 'uploads/',
            ExpirationInDays: 30,
            NoncurrentVersionExpiration: { NoncurrentDays: 30 },
          }),
        ],
      },
    });
  });

  it('sends its events to EventBridge', () => {
    template.hasResourceProperties('Custom::S3BucketNotifications', {
      BucketName: { Ref: uploads },
      NotificationConfiguration: { EventBridgeConfiguration: {} },
    });
  });
});

describe('the rule that starts the workflow', () => {
  it('matches Object Created under uploads/ of the uploads bucket, on the default bus', () => {
    const pattern = S3ObjectCreated.pattern('BUCKET', 'uploads/');
    const rules = template.findResources('AWS::Events::Rule');
    const [rule] = Object.values(rules);
    expect(rule?.Properties.EventBusName).toBeUndefined();
    expect(rule?.Properties.EventPattern).toEqual({
      ...pattern,
      detail: { ...pattern.detail, bucket: { name: [{ Ref: uploads }] } },
    });
  });

  it('targets the state machine with retries and the platform dead-letter queue', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      Targets: [
        Match.objectLike({
          Arn: { Ref: Match.stringLikeRegexp('WorkflowStateMachine') },
          RetryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 3600 },
          DeadLetterConfig: { Arn: { Ref: Match.stringLikeRegexp('eventdlqarn') } },
        }),
      ],
    });
  });
});

describe('the workflow', () => {
  it('is an Express state machine with X-Ray and full logging, without execution data', () => {
    expect(definition().TimeoutSeconds).toBe(300);
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'EXPRESS',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: Match.objectLike({ Level: 'ALL', IncludeExecutionData: false }),
    });
  });

  it('retries both Lambda steps on Lambda errors, then twice on their own, with full jitter', () => {
    const states = definition().States;
    for (const step of [ImageFlipStates.validate, ImageFlipStates.flip]) {
      expect(states[step]?.Resource).toBe('arn:{token}:states:::lambda:invoke');
      expect(states[step]?.Retry).toEqual([
        expect.objectContaining({
          ErrorEquals: TaskErrors.lambdaTransient,
          BackoffRate: 2,
          JitterStrategy: 'FULL',
        }),
        {
          ErrorEquals: ['States.TaskFailed'],
          IntervalSeconds: 2,
          BackoffRate: 2,
          MaxAttempts: 2,
          JitterStrategy: 'FULL',
        },
      ]);
    }
  });

  it('branches on the steps\u2019 results and publishes through the EventBridge integration', () => {
    const states = definition().States;
    expect(states[ImageFlipStates.isValid]).toMatchObject({
      Type: 'Choice',
      Choices: [{ Variable: '$.valid', BooleanEquals: true, Next: ImageFlipStates.flip }],
      Default: ImageFlipStates.publishRejected,
    });
    // A run that finds the output already made announces it again: no branch ends silently.
    expect(states[ImageFlipStates.isFlipped]).toEqual({
      Type: 'Choice',
      Choices: [
        { Variable: '$.flipped', BooleanEquals: true, Next: ImageFlipStates.publishFlipped },
      ],
      Default: ImageFlipStates.publishRejected,
    });
    expect(Object.values(states).filter((state) => state.Type === 'Succeed')).toEqual([]);
    for (const [state, contract] of [
      [ImageFlipStates.publishFlipped, ImageFlipped],
      [ImageFlipStates.publishRejected, ImageRejected],
      [ImageFlipStates.publishFailure, ImageRejected],
    ] as const) {
      expect(states[state]).toMatchObject({
        Resource: 'arn:{token}:states:::events:putEvents',
        Parameters: {
          Entries: [
            {
              Source: contract.source,
              DetailType: contract.detailType,
              'Detail.$': '$.detail',
              EventBusName: 'arn:{token}:events:{token}:{token}:event-bus/{token}',
            },
          ],
        },
      });
    }
  });

  it('reports its own failures as Image Rejected and still fails the execution', () => {
    const states = definition().States;
    expect(states[ImageFlipStates.flip]?.Catch).toEqual([
      { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: ImageFlipStates.describeFailure },
    ]);
    expect(states[ImageFlipStates.validate]?.Catch).toEqual([
      { ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: ImageFlipStates.identifyUpload },
    ]);
    expect(states[ImageFlipStates.identifyUpload]?.Next).toBe(ImageFlipStates.describeFailure);
    expect(states[ImageFlipStates.describeFailure]).toMatchObject({
      Next: ImageFlipStates.publishFailure,
      Parameters: { detail: { metadata: { 'producedAt.$': '$$.State.EnteredTime' } } },
    });
    expect(states[ImageFlipStates.publishFailure]?.Next).toBe(ImageFlipStates.failed);
    expect(states[ImageFlipStates.failed]?.Type).toBe('Fail');
  });

  it('alarms on failed or timed-out executions', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Metrics: Match.arrayWith([
        Match.objectLike({
          MetricStat: Match.objectLike({
            Metric: Match.objectLike({ MetricName: 'ExecutionsFailed', Namespace: 'AWS/States' }),
          }),
        }),
      ]),
      Threshold: 1,
    });
  });

  it('may put events on the BookTrip bus named in SSM, and nothing else there', () => {
    const statements = policyOf(idOf(stack.workflow.stateMachine.role));
    const putEvents = statements.filter((statement) => statement.Action === 'events:PutEvents');
    expect(putEvents).toHaveLength(1);
    expect(JSON.stringify(putEvents[0]?.Resource)).toContain('platformeventbusname');
  });
});

describe('least privilege', () => {
  it('lets validate-upload only read uploads', () => {
    const statements = policyOf(idOf(stack.validateUpload.role!));
    const s3 = statements.filter((statement) => JSON.stringify(statement.Action).includes('s3:'));
    expect(s3).toEqual([
      expect.objectContaining({
        Action: ['s3:GetObject', 's3:GetObjectVersion'],
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [uploads, 'Arn'] }, '/uploads/*']] },
      }),
    ]);
  });

  it('lets flip-image read uploads and write only under flipped/ of the output bucket', () => {
    const statements = policyOf(idOf(stack.flipImage.role!));
    const s3 = statements.filter((statement) => JSON.stringify(statement.Action).includes('s3:'));
    expect(s3).toEqual([
      expect.objectContaining({
        Action: ['s3:GetObject', 's3:GetObjectVersion'],
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [uploads, 'Arn'] }, '/uploads/*']] },
      }),
      expect.objectContaining({
        Action: ['s3:GetObject', 's3:PutObject'],
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [output, 'Arn'] }, '/flipped/*']] },
      }),
      expect.objectContaining({
        Action: 's3:ListBucket',
        Condition: { StringLike: { 's3:prefix': ['flipped/*'] } },
      }),
    ]);
  });

  it('lets guests PutObject only under their own identity prefix, on the guest role from SSM', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('platformguestrolename') }],
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: 's3:PutObject',
            Resource: {
              'Fn::Join': [
                '',
                [
                  { 'Fn::GetAtt': [uploads, 'Arn'] },
                  '/uploads/${cognito-identity.amazonaws.com:sub}/*',
                ],
              ],
            },
          },
        ],
      },
    });
  });
});

describe('functions', () => {
  it('gives flip-image the output bucket, room for big pictures, and arm64 outside local', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ OUTPUT_BUCKET_NAME: { Ref: output } }) },
      MemorySize: 2048,
      Timeout: 60,
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
    });
  });

  it('builds flip-image for this machine\u2019s CPU in the local stage', () => {
    const local = synth('local').template;
    local.hasResourceProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ OUTPUT_BUCKET_NAME: Match.anyValue() }) },
      Architectures: [process.arch === 'arm64' ? 'arm64' : 'x86_64'],
    });
  });
});

it('publishes the bucket names and the publisher role to SSM for other stacks', () => {
  for (const [name, value] of [
    [ssm.imageFlip.uploadsBucketName, { Ref: uploads }],
    [ssm.imageFlip.outputBucketName, { Ref: output }],
  ] as const) {
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: name, Value: value });
  }
  template.hasResourceProperties('AWS::SSM::Parameter', {
    Name: ssm.imageFlip.publisherRoleArn,
    Value: { 'Fn::GetAtt': [idOf(stack.workflow.stateMachine.role), 'Arn'] },
  });
});
