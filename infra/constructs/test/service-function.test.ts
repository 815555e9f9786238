import { RemovalPolicy, type CfnElement } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { join } from 'node:path';
import { BookTripApp, ServiceFunction, ServiceStack, type ServiceFunctionProps } from '../src';

const entry = join(__dirname, 'fixtures/handler.ts');

/** A function in a stack, bundling skipped: these tests read the template, not the asset. */
function functionIn(
  props: Partial<ServiceFunctionProps> = {},
  { stage = 'test', stackService = 'booking' } = {},
) {
  const app = new BookTripApp({ context: { stage, 'aws:cdk:bundling-stacks': [] } });
  const stack = new ServiceStack(app, 'Stack', { service: stackService, stage });
  const fn = new ServiceFunction(stack, 'Fn', { entry, service: 'booking', ...props });
  const template = Template.fromStack(stack);
  const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
    stack.getLogicalId(construct.node.defaultChild as CfnElement);
  return { fn, stack, template, logicalId };
}

describe('ServiceFunction', () => {
  it('runs on Node.js 24 on arm64 with X-Ray tracing active and JSON logs', () => {
    const { template } = functionIn();

    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      TracingConfig: { Mode: 'Active' },
      LoggingConfig: Match.objectLike({ LogFormat: 'JSON' }),
    });
  });

  it('adds the caller’s environment to the Powertools defaults, the caller winning conflicts', () => {
    const { template } = functionIn({
      environment: { TABLE_NAME: 'reservations', POWERTOOLS_LOG_LEVEL: 'DEBUG' },
    });

    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: {
          POWERTOOLS_SERVICE_NAME: 'booking',
          POWERTOOLS_METRICS_NAMESPACE: 'BookTrip',
          POWERTOOLS_LOG_LEVEL: 'DEBUG',
          NODE_OPTIONS: '--enable-source-maps',
          TABLE_NAME: 'reservations',
        },
      },
    });
  });

  it('logs to its own log group kept for a month, deleted with a non-production stack', () => {
    const { template, logicalId, fn } = functionIn();

    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 30 },
      DeletionPolicy: 'Delete',
    });
    const logGroupId = logicalId(fn.logGroup);
    template.hasResourceProperties('AWS::Lambda::Function', {
      LoggingConfig: { LogFormat: 'JSON', LogGroup: { Ref: logGroupId } },
    });
  });

  it('keeps its log group when a production stack is deleted', () => {
    const { template } = functionIn({}, { stage: 'prod' });

    template.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain' });
  });

  it('honours an explicit log removal policy', () => {
    const { template } = functionIn({ logRemovalPolicy: RemovalPolicy.RETAIN });

    template.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain' });
  });

  it('uses the caller’s log group instead of creating a second one', () => {
    const app = new BookTripApp({ context: { stage: 'test', 'aws:cdk:bundling-stacks': [] } });
    const stack = new ServiceStack(app, 'Stack', { service: 'booking', stage: 'test' });
    const logGroup = new LogGroup(stack, 'Shared', { retention: RetentionDays.ONE_WEEK });
    new ServiceFunction(stack, 'Fn', { entry, service: 'booking', logGroup });
    const template = Template.fromStack(stack);

    template.resourceCountIs('AWS::Logs::LogGroup', 1);
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 7 });
  });

  it('alarms on Lambda errors and on errors the handler reported as handled', () => {
    const { template, logicalId, fn } = functionIn();

    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: logicalId(fn) } }],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'BookTrip',
      MetricName: 'HandlerErrors',
      Dimensions: [{ Name: 'service', Value: 'booking' }],
      Statistic: 'Sum',
      Threshold: 1,
    });
    expect(fn.errorAlarm).not.toBe(fn.handledErrorAlarm);
  });

  it('tags its role with its own service, the principal tag the bus policy checks', () => {
    const { template, logicalId, fn } = functionIn(
      { service: 'lex-fulfilment' },
      { stackService: 'lex-bot' },
    );
    const role = template.toJSON().Resources[logicalId(fn.role!)];

    expect(role.Properties.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'booktrip:service', Value: 'lex-fulfilment' },
        { Key: 'booktrip:stage', Value: 'test' },
      ]),
    );
    expect(role.Properties.Tags).not.toContainEqual({ Key: 'booktrip:service', Value: 'lex-bot' });
  });
});
