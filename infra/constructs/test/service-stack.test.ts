import { Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { BookTripApp, ServiceStack, ssmNames } from '../src';

const newApp = (stage = 'test') =>
  new BookTripApp({ context: { stage, 'aws:cdk:bundling-stacks': [] } });

describe('ServiceStack', () => {
  it('is named booktrip-<stage>-<service>', () => {
    const stack = new ServiceStack(newApp(), 'Booking', { service: 'booking', stage: 'test' });

    expect(stack.stackName).toBe('booktrip-test-booking');
    expect(stack.ssm).toEqual(ssmNames('test'));
  });

  it('tags every resource, IAM roles included, with its service and stage', () => {
    const stack = new ServiceStack(newApp(), 'Booking', { service: 'booking', stage: 'test' });
    new Role(stack, 'Role', { assumedBy: new ServicePrincipal('states.amazonaws.com') });
    new Queue(stack, 'Queue', { enforceSSL: true });
    Validations.of(stack).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'test queue' });
    const template = Template.fromStack(stack);
    const tags = [
      { Key: 'booktrip:service', Value: 'booking' },
      { Key: 'booktrip:stage', Value: 'test' },
    ];

    for (const type of ['AWS::IAM::Role', 'AWS::SQS::Queue']) {
      const [resource] = Object.values(template.findResources(type));
      expect(resource?.Properties.Tags).toEqual(expect.arrayContaining(tags));
    }
  });

  it('protects production stacks from deletion, not the others', () => {
    const app = newApp('prod');
    const prod = new ServiceStack(app, 'Prod', { service: 'booking', stage: 'prod' });
    const dev = new ServiceStack(newApp('dev'), 'Dev', { service: 'booking', stage: 'dev' });

    expect(prod.terminationProtection).toBe(true);
    expect(prod.isProduction).toBe(true);
    expect(dev.terminationProtection).toBe(false);
  });

  it('publishes a shared value as an SSM String parameter under the given name', () => {
    const stack = new ServiceStack(newApp(), 'Platform', { service: 'platform', stage: 'test' });
    stack.share('BusName', stack.ssm.platform.eventBusName, 'booktrip-test');

    Template.fromStack(stack).hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/booktrip/test/platform/event-bus-name',
      Type: 'String',
      Value: 'booktrip-test',
    });
  });

  it('resolves another stack’s value from SSM at deploy time, never through Fn::ImportValue', () => {
    const stack = new ServiceStack(newApp(), 'Booking', { service: 'booking', stage: 'test' });
    new Queue(stack, 'Queue', {
      enforceSSL: true,
      queueName: stack.sharedValue(stack.ssm.platform.eventBusName),
    });
    Validations.of(stack).acknowledge({ id: 'AwsSolutions-SQS3', reason: 'test queue' });
    const template = Template.fromStack(stack).toJSON();

    const parameters = Object.values(template.Parameters ?? {}) as {
      Type: string;
      Default: string;
    }[];
    expect(parameters).toContainEqual({
      Type: 'AWS::SSM::Parameter::Value<String>',
      Default: '/booktrip/test/platform/event-bus-name',
    });
    expect(JSON.stringify(template)).not.toContain('Fn::ImportValue');
  });

  it.each(['Booking', 'booking_', 'image flip', '-booking', 'booking-'])(
    'rejects the service name %j',
    (service) => {
      expect(() => new ServiceStack(newApp(), 'S', { service, stage: 'test' })).toThrow(
        /Invalid service name/,
      );
    },
  );
});
