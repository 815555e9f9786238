import type { LoadedStack } from '../../src/assembly/load-assemblies';
import type { CfnTemplate } from '../../src/assembly/resolve-intrinsics';
import { loadLocalResources, UnsupportedTemplateError } from '../../src/cloud/load-resources';

const stack = (stackName: string, template: CfnTemplate & { Outputs?: object }): LoadedStack => ({
  project: stackName,
  stackName,
  assemblyDir: `/assemblies/${stackName}`,
  template,
});

// A producer publishing its bus name in SSM, a consumer reading it with
// valueForStringParameter, and a third stack reading the consumer's own parameter.
const producer = stack('producer', {
  Resources: {
    Bus: { Type: 'AWS::Events::EventBus', Properties: { Name: 'shared-bus' } },
    BusName: {
      Type: 'AWS::SSM::Parameter',
      Properties: { Name: '/app/bus-name', Type: 'String', Value: { Ref: 'Bus' } },
    },
    Pool: {
      Type: 'AWS::Cognito::IdentityPool',
      Properties: { AllowUnauthenticatedIdentities: true },
    },
    Logs: { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 7 } },
  },
});
const consumer = stack('consumer', {
  Parameters: {
    BusParam: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/app/bus-name' },
  },
  Resources: {
    Queue: { Type: 'AWS::SQS::Queue', Properties: {} },
    Rule: {
      Type: 'AWS::Events::Rule',
      Properties: {
        EventBusName: { Ref: 'BusParam' },
        Targets: [{ Arn: { 'Fn::GetAtt': ['Queue', 'Arn'] }, Id: 'q' }],
      },
    },
    QueueUrl: {
      Type: 'AWS::SSM::Parameter',
      Properties: { Name: '/app/queue-url', Type: 'String', Value: { Ref: 'Queue' } },
    },
    Handler: {
      Type: 'AWS::Lambda::Function',
      Properties: {},
      Metadata: { 'aws:asset:path': 'asset.1' },
    } as never,
  },
  Outputs: { QueueArn: { Value: { 'Fn::GetAtt': ['Queue', 'Arn'] } } },
});
const third = stack('third', {
  Parameters: {
    QueueParam: { Type: 'AWS::SSM::Parameter::Value<String>', Default: '/app/queue-url' },
  },
  Resources: {
    Echo: {
      Type: 'AWS::SSM::Parameter',
      Properties: { Name: '/app/echo', Type: 'String', Value: { Ref: 'QueueParam' } },
    },
    Handler: { Type: 'AWS::Lambda::Function', Properties: {} },
  },
});

describe('loadLocalResources', () => {
  it('resolves SSM parameters across stacks in whatever order they depend on each other', () => {
    const loaded = loadLocalResources([third, consumer, producer]);
    expect(loaded.parameters).toEqual({
      '/app/bus-name': 'shared-bus',
      '/app/queue-url': 'http://sqs.us-east-1.localhost/000000000000/Queue',
      '/app/echo': 'http://sqs.us-east-1.localhost/000000000000/Queue',
    });
    const rule = loaded.resources.find((resource) => resource.logicalId === 'Rule');
    expect(rule?.properties).toEqual({
      EventBusName: 'shared-bus',
      Targets: [{ Arn: 'arn:aws:sqs:us-east-1:000000000000:Queue', Id: 'q' }],
    });
  });

  it('gives each resource its physical id, ARN, assembly folder and metadata', () => {
    const { resources, stacks } = loadLocalResources([producer, consumer, third]);
    const queue = resources.find((resource) => resource.logicalId === 'Queue');
    expect(queue).toMatchObject({
      stackName: 'consumer',
      physicalId: 'http://sqs.us-east-1.localhost/000000000000/Queue',
      arn: 'arn:aws:sqs:us-east-1:000000000000:Queue',
      assemblyDir: '/assemblies/consumer',
    });
    expect(stacks.find((s) => s.stackName === 'consumer')?.outputs).toEqual({
      QueueArn: 'arn:aws:sqs:us-east-1:000000000000:Queue',
    });
    const pool = resources.find((resource) => resource.type === 'AWS::Cognito::IdentityPool');
    expect(pool?.physicalId).toMatch(
      /^us-east-1:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('names apart the same logical id in two stacks, as CloudFormation would', () => {
    const { resources } = loadLocalResources([producer, consumer, third]);
    const handlers = resources.filter((resource) => resource.logicalId === 'Handler');
    expect(handlers.map((handler) => handler.physicalId).sort()).toEqual([
      'consumer-Handler',
      'third-Handler',
    ]);
    expect(handlers.find((h) => h.stackName === 'consumer')?.metadata).toEqual({
      'aws:asset:path': 'asset.1',
    });
  });

  it('lists types that do not matter locally as ignored, with why', () => {
    const { ignored, resources } = loadLocalResources([producer, consumer, third]);
    expect(ignored).toEqual([
      {
        stackName: 'producer',
        logicalId: 'Logs',
        type: 'AWS::Logs::LogGroup',
        reason: 'logs go to the console',
      },
    ]);
    expect(resources.some((resource) => resource.logicalId === 'Logs')).toBe(false);
  });

  it('ignores archives and resource policies (bus, queue, function), each with its reason', () => {
    const policies = stack('policies', {
      Resources: {
        Archive: { Type: 'AWS::Events::Archive', Properties: { SourceArn: 'arn:bus' } },
        BusPolicy: { Type: 'AWS::Events::EventBusPolicy', Properties: { StatementId: 's' } },
        QueuePolicy: { Type: 'AWS::SQS::QueuePolicy', Properties: { Queues: [] } },
        Permission: { Type: 'AWS::Lambda::Permission', Properties: { Action: 'lambda:Invoke' } },
      },
    });
    const { ignored, resources } = loadLocalResources([policies]);
    expect(ignored.map((resource) => resource.type)).toEqual([
      'AWS::Events::Archive',
      'AWS::Events::EventBusPolicy',
      'AWS::SQS::QueuePolicy',
      'AWS::Lambda::Permission',
    ]);
    for (const resource of ignored) expect(resource.reason).toMatch(/\w+ \w+/);
    expect(resources).toEqual([]);
  });

  it('keeps a CloudFront distribution, its S3 origin and access control resolved for the web port', () => {
    const site = stack('site', {
      Resources: {
        Site: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'site' } },
        Logs: { Type: 'AWS::S3::Bucket', Properties: { BucketName: 'logs' } },
        Oac: { Type: 'AWS::CloudFront::OriginAccessControl', Properties: {} },
        Headers: { Type: 'AWS::CloudFront::ResponseHeadersPolicy', Properties: {} },
        Cdn: {
          Type: 'AWS::CloudFront::Distribution',
          Properties: {
            DistributionConfig: {
              Origins: [
                {
                  Id: 'o1',
                  DomainName: { 'Fn::GetAtt': ['Site', 'RegionalDomainName'] },
                  OriginAccessControlId: { 'Fn::GetAtt': ['Oac', 'Id'] },
                },
              ],
              DefaultCacheBehavior: {
                TargetOriginId: 'o1',
                ResponseHeadersPolicyId: { Ref: 'Headers' },
              },
              Logging: { Bucket: { 'Fn::GetAtt': ['Logs', 'DomainName'] } },
            },
          },
        },
        Domain: {
          Type: 'AWS::SSM::Parameter',
          Properties: {
            Name: '/site/domain',
            Type: 'String',
            Value: { 'Fn::GetAtt': ['Cdn', 'DomainName'] },
          },
        },
      },
    });
    const { resources, ignored, parameters } = loadLocalResources([site]);
    const cdn = resources.find((resource) => resource.logicalId === 'Cdn');
    expect(cdn?.properties.DistributionConfig).toMatchObject({
      Origins: [{ DomainName: 'site.s3.us-east-1.amazonaws.com', OriginAccessControlId: 'Oac' }],
      DefaultCacheBehavior: { ResponseHeadersPolicyId: 'Headers' },
      Logging: { Bucket: 'logs.s3.amazonaws.com' },
    });
    expect(resources.some((resource) => resource.logicalId === 'Headers')).toBe(true);
    expect(ignored.map((resource) => resource.logicalId)).toEqual(['Oac']);
    expect(parameters['/site/domain']).toBe('cdn.cloudfront.net');
  });

  it('refuses start-up naming every unsupported type and logical id at once', () => {
    const bad = stack('bad', {
      Resources: {
        Topic: { Type: 'AWS::SNS::Topic', Properties: {} },
        Stream: { Type: 'AWS::Kinesis::Stream', Properties: {} },
      },
    });
    expect(() => loadLocalResources([producer, bad])).toThrow(UnsupportedTemplateError);
    expect(() => loadLocalResources([producer, bad])).toThrow(
      /AWS::SNS::Topic Topic \(stack bad\)[\s\S]*AWS::Kinesis::Stream Stream \(stack bad\)/,
    );
  });

  it('skips the Python provider functions of custom resources it handles natively', () => {
    const notifications = stack('notifications', {
      Resources: {
        Uploads: { Type: 'AWS::S3::Bucket', Properties: {} },
        Handler: {
          Type: 'AWS::Lambda::Function',
          Properties: { Runtime: 'python3.13', Layers: [{ Ref: 'Cli' }] },
        },
        Cli: { Type: 'AWS::Lambda::LayerVersion', Properties: {} },
        Notifications: {
          Type: 'Custom::S3BucketNotifications',
          Properties: {
            ServiceToken: { 'Fn::GetAtt': ['Handler', 'Arn'] },
            BucketName: { Ref: 'Uploads' },
            NotificationConfiguration: { EventBridgeConfiguration: {} },
          },
        },
      },
    });
    const { resources, ignored } = loadLocalResources([notifications]);
    expect(resources.map((resource) => resource.logicalId).sort()).toEqual([
      'Notifications',
      'Uploads',
    ]);
    expect(ignored.map((resource) => [resource.logicalId, resource.reason])).toEqual([
      ['Handler', 'runs Custom::S3BucketNotifications in AWS; the local cloud handles it natively'],
      ['Cli', 'runs Custom::S3BucketNotifications in AWS; the local cloud handles it natively'],
    ]);
  });

  it('names a parameter no stack publishes', () => {
    expect(() => loadLocalResources([consumer])).toThrow(
      /AWS::Events::Rule Rule \(stack consumer\): SSM parameter \/app\/bus-name \(template parameter BusParam\) has no local value/,
    );
  });
});
