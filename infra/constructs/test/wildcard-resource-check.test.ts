import { Validations } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { BookTripApp, ServiceStack } from '../src';

function appWithRole(statement: PolicyStatement) {
  const app = new BookTripApp({ context: { stage: 'test' } });
  const stack = new ServiceStack(app, 'Stack', { service: 'booking', stage: 'test' });
  const role = new Role(stack, 'Role', { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
  role.addToPolicy(statement);
  // What ServiceFunction acknowledges on every role: it must not let other grants through.
  Validations.of(role).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason: 'X-Ray' });
  return app;
}

describe('WildcardResourceCheck', () => {
  it('fails synthesis on a grant on Resource "*" beyond the wildcard-only actions', () => {
    const app = appWithRole(
      new PolicyStatement({ actions: ['xray:PutTraceSegments', 's3:GetObject'], resources: ['*'] }),
    );

    expect(() => app.synth()).toThrow(/Grants s3:GetObject on Resource "\*"/);
  });

  it('lets the actions AWS supports only on "*" through', () => {
    const app = appWithRole(
      new PolicyStatement({
        actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
        resources: ['*'],
      }),
    );

    expect(() => app.synth()).not.toThrow();
  });
});
