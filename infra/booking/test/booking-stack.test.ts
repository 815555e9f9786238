import { ReservationConfirmed, ReservationFailed, ReservationRequested } from '@booktrip/events';
import { stateMachineDefinition, type CfnTemplate } from '@booktrip/local-cloud';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { BookTripApp, SERVICE_TAG_KEY, ssmNames } from '@booktrip/constructs';
import { BookingStack } from '../src/booking-stack';
import {
  BookingStates,
  DYNAMODB_TRANSIENT_ERRORS,
  RESERVATION_WRITE_CONDITION,
} from '../src/booking-workflow';
import { onlyResourceOf } from '@booktrip/local-cloud';
import { synthesizeBookingStack, TEST_STAGE } from './support/synth';

const { eventBusName: BUS_PARAM, eventDlqArn: DLQ_PARAM } = ssmNames(TEST_STAGE).platform;

type State = Record<string, unknown> & {
  Type: string;
  Next?: string;
  End?: boolean;
  Retry?: Record<string, unknown>[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  Parameters?: Record<string, unknown>;
};

let template: Template;
let json: CfnTemplate;
let states: Record<string, State>;

beforeAll(() => {
  // Synthesizing runs cdk-nag (AwsSolutions): an unacknowledged finding throws here.
  ({ template } = synthesizeBookingStack());
  json = template.toJSON() as CfnTemplate;
  const definition = stateMachineDefinition(json, undefined, {
    ssm: { [BUS_PARAM]: 'booktrip-test' },
  });
  states = definition.States as unknown as Record<string, State>;
});

const state = (name: string): State => {
  const found = states[name];
  if (!found) throw new Error(`no state ${name}`);
  return found;
};
/** The logical id of the role Step Functions assumes: the workflow's role. */
const onlyStatesRole = (): string => {
  const [roleId, ...others] = Object.entries(json.Resources)
    .filter(
      ([, resource]) =>
        resource.Type === 'AWS::IAM::Role' &&
        JSON.stringify(resource.Properties).includes('states.amazonaws.com'),
    )
    .map(([id]) => id);
  if (!roleId || others.length > 0) throw new Error('expected exactly one Step Functions role');
  return roleId;
};
const ssmParameterId = (name: string) =>
  Object.entries(json.Parameters ?? {}).find(([, p]) => p.Default === name)?.[0];

describe('the booking stack', () => {
  it('is a Standard workflow with X-Ray and all-transition logging without execution data', () => {
    template.hasResourceProperties('AWS::StepFunctions::StateMachine', {
      StateMachineType: 'STANDARD',
      TracingConfiguration: { Enabled: true },
      LoggingConfiguration: {
        Level: 'ALL',
        IncludeExecutionData: false,
        Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: Match.anyValue() } }],
      },
    });
  });

  it('validates first, then saves a valid request or reports an invalid one', () => {
    expect(state(BookingStates.validate)).toMatchObject({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      OutputPath: '$.Payload',
      Next: BookingStates.isValid,
      Catch: [{ ErrorEquals: ['States.ALL'], Next: BookingStates.validationCrashed }],
    });
    expect(state(BookingStates.isValid)).toMatchObject({
      Type: 'Choice',
      Choices: [{ Variable: '$.valid', BooleanEquals: true, Next: BookingStates.save }],
      Default: BookingStates.requestInvalid,
    });
  });

  it('keeps the raw event when validation crashes and reports in its conversation only if its ids are strings', () => {
    const usable = (path: string) => [
      { Variable: path, IsPresent: true },
      { Variable: path, IsString: true },
      { Not: { Variable: path, StringEquals: '' } },
    ];

    expect(state(BookingStates.validate).Catch).toEqual([
      expect.objectContaining({ ResultPath: '$.error' }),
    ]);
    // IsPresent leads each group: a comparison on a missing path would fail the execution.
    expect(state(BookingStates.validationCrashed)).toMatchObject({
      Type: 'Choice',
      Choices: [
        {
          And: [
            ...usable('$.detail.metadata.correlationId'),
            ...usable('$.detail.metadata.conversationId'),
          ],
          Next: BookingStates.crashInConversation,
        },
      ],
      Default: BookingStates.crashWithoutConversation,
    });
  });

  it('writes the reservation with a condition that refuses a second booking of the same id', () => {
    const save = state(BookingStates.save);

    expect(save).toMatchObject({
      Resource: 'arn:aws:states:::dynamodb:putItem',
      Parameters: {
        ConditionExpression: RESERVATION_WRITE_CONDITION,
        Item: {
          PK: { 'S.$': "States.Format('RES#{}', $.reservation.reservationId)" },
          GSI1PK: { 'S.$': "States.Format('CONV#{}', $.metadata.conversationId)" },
          GSI1SK: { 'S.$': '$$.State.EnteredTime' },
          eventId: { 'S.$': '$.eventId' },
        },
      },
      Next: BookingStates.publishConfirmed,
    });
    expect(RESERVATION_WRITE_CONDITION).toBe('attribute_not_exists(PK)');
  });

  it('retries throttled writes with exponential backoff and full jitter', () => {
    expect(state(BookingStates.save).Retry).toEqual([
      expect.objectContaining({
        ErrorEquals: DYNAMODB_TRANSIENT_ERRORS,
        BackoffRate: 2,
        JitterStrategy: 'FULL',
        MaxAttempts: expect.any(Number),
      }),
    ]);
    expect(DYNAMODB_TRANSIENT_ERRORS).toEqual(
      expect.arrayContaining([
        'DynamoDB.ProvisionedThroughputExceededException',
        'DynamoDB.ThrottlingException',
        'DynamoDB.RequestLimitExceeded',
        'DynamoDB.InternalServerErrorException',
      ]),
    );
    expect(state(BookingStates.validate).Retry).toEqual([
      expect.objectContaining({
        ErrorEquals: expect.arrayContaining(['Lambda.TooManyRequestsException']),
        BackoffRate: 2,
        JitterStrategy: 'FULL',
      }),
    ]);
  });

  it('treats a duplicate as success without publishing, and any other write error as a failure', () => {
    expect(state(BookingStates.save).Catch).toEqual([
      expect.objectContaining({
        ErrorEquals: ['DynamoDB.ConditionalCheckFailedException'],
        Next: BookingStates.alreadyBooked,
      }),
      expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: BookingStates.storageFailed }),
    ]);
    expect(state(BookingStates.alreadyBooked).Type).toBe('Succeed');
  });

  it('publishes both outcomes on the platform bus with the contracts’ source and detail type', () => {
    const entry = (name: string) =>
      (state(name).Parameters as { Entries: Record<string, unknown>[] }).Entries;

    expect(entry(BookingStates.publishConfirmed)).toEqual([
      expect.objectContaining({
        Source: ReservationConfirmed.source,
        DetailType: ReservationConfirmed.detailType,
        EventBusName: 'arn:aws:events:us-east-1:000000000000:event-bus/booktrip-test',
        Detail: expect.objectContaining({ 'data.$': '$.reservation' }),
      }),
    ]);
    expect(entry(BookingStates.publishFailed)).toEqual([
      expect.objectContaining({
        Source: ReservationFailed.source,
        DetailType: ReservationFailed.detailType,
        EventBusName: 'arn:aws:events:us-east-1:000000000000:event-bus/booktrip-test',
      }),
    ]);
    for (const failure of [
      BookingStates.requestInvalid,
      BookingStates.crashInConversation,
      BookingStates.crashWithoutConversation,
      BookingStates.storageFailed,
    ]) {
      expect(state(failure).Next).toBe(BookingStates.publishFailed);
    }
  });

  it('fails the execution after reporting a failure that is ours, not the user’s', () => {
    expect(state(BookingStates.wasRequestInvalid)).toMatchObject({
      Choices: [
        {
          Variable: '$.data.reason',
          StringEquals: 'INVALID_REQUEST',
          Next: BookingStates.requestRejected,
        },
      ],
      Default: BookingStates.bookingFailed,
    });
    expect(state(BookingStates.bookingFailed).Type).toBe('Fail');
  });

  it('raises an alarm on failed executions', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/States',
      MetricName: 'ExecutionsFailed',
      Dimensions: [
        {
          Name: 'StateMachineArn',
          Value: { Ref: onlyResourceOf(json, 'AWS::StepFunctions::StateMachine') },
        },
      ],
      Threshold: 1,
    });
  });

  it('starts the workflow on Reservation Requested from the bus named in SSM, with DLQ and retries', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      EventBusName: { Ref: ssmParameterId(BUS_PARAM) },
      EventPattern: ReservationRequested.pattern,
      Targets: [
        Match.objectLike({
          Arn: { Ref: onlyResourceOf(json, 'AWS::StepFunctions::StateMachine') },
          // No Input: the target receives the whole event, whose id is the idempotency key.
          Input: Match.absent(),
          DeadLetterConfig: {
            Arn: { Ref: ssmParameterId(DLQ_PARAM) },
          },
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 7200 },
        }),
      ],
    });
  });

  it('grants the workflow only PutItem on its table, PutEvents on the bus, and invoking the validate step', () => {
    const roleId = onlyStatesRole();
    const policies = Object.values(json.Resources).filter(
      (resource) =>
        resource.Type === 'AWS::IAM::Policy' &&
        JSON.stringify(resource.Properties?.Roles).includes(String(roleId)),
    );
    const statements = policies.flatMap(
      (policy) =>
        (policy.Properties?.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement,
    );
    const byAction = (action: string) =>
      statements.filter((s) => [s.Action].flat().includes(action)).map((s) => s.Resource);
    const tableId = onlyResourceOf(json, 'AWS::DynamoDB::Table');
    const functionId = onlyResourceOf(json, 'AWS::Lambda::Function');

    expect(byAction('dynamodb:PutItem')).toEqual([
      { 'Fn::Join': ['', expect.arrayContaining([':table/', { Ref: tableId }])] },
    ]);
    expect(byAction('events:PutEvents')).toEqual([
      {
        'Fn::Join': [
          '',
          expect.arrayContaining([':event-bus/', { Ref: ssmParameterId(BUS_PARAM) }]),
        ],
      },
    ]);
    expect(byAction('lambda:InvokeFunction')).toEqual([
      [
        { 'Fn::GetAtt': [functionId, 'Arn'] },
        { 'Fn::Join': ['', [{ 'Fn::GetAtt': [functionId, 'Arn'] }, ':*']] },
      ],
    ]);
    const dataActions = statements
      .flatMap((s) => [s.Action].flat() as string[])
      .filter((action) => !action.startsWith('xray:') && !action.startsWith('logs:'));
    expect(dataActions.sort()).toEqual([
      'dynamodb:PutItem',
      'events:PutEvents',
      'lambda:InvokeFunction',
    ]);
  });

  it('tags the workflow role booktrip:service=booking, the tag the bus policy lets publish booktrip.booking', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: Match.objectLike({
        Statement: [Match.objectLike({ Principal: { Service: 'states.amazonaws.com' } })],
      }),
      Tags: Match.arrayWith([{ Key: SERVICE_TAG_KEY, Value: 'booking' }]),
    });
  });

  it('shares the workflow role ARN in SSM as the booking publisher role', () => {
    const roleId = onlyStatesRole();

    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: ssmNames(TEST_STAGE).booking.publisherRoleArn,
      Type: 'String',
      Value: { 'Fn::GetAtt': [roleId, 'Arn'] },
    });
  });

  it('owns an on-demand, encrypted reservations table with PITR and a by-conversation index', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [{ AttributeName: 'PK', KeyType: 'HASH' }],
      BillingMode: 'PAY_PER_REQUEST',
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      GlobalSecondaryIndexes: [
        Match.objectLike({
          IndexName: 'GSI1',
          KeySchema: [
            { AttributeName: 'GSI1PK', KeyType: 'HASH' },
            { AttributeName: 'GSI1SK', KeyType: 'RANGE' },
          ],
        }),
      ],
    });
  });

  it('passes the cdk-nag AwsSolutions checks, every exception acknowledged with a reason', () => {
    const app = new BookTripApp({ context: { stage: TEST_STAGE, 'aws:cdk:bundling-stacks': [] } });
    new BookingStack(app, 'Booking', { service: 'booking', stage: TEST_STAGE });

    // The validation plugin throws at synthesis on any unacknowledged finding.
    expect(() => app.synth()).not.toThrow();
  });

  it('is named for its stage and service, so the deploy target touches only this stack', () => {
    const { stack } = synthesizeBookingStack();

    expect(stack.stackName).toBe('booktrip-test-booking');
  });
});
