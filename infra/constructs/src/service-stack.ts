import { Stack, Tags, type StackProps } from 'aws-cdk-lib';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { ssmNames, type SsmNames } from './ssm-names';
import { isProduction } from './stage';

export interface ServiceStackProps extends StackProps {
  /** Service name as in ARCHITECTURE.md, e.g. `booking`. */
  service: string;
  stage: string;
}

/** One service's stack, named `booktrip-<stage>-<service>`. */
export class ServiceStack extends Stack {
  readonly service: string;
  readonly stage: string;
  /** SSM parameter names of this stage. */
  readonly ssm: SsmNames;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    const { service, stage, ...stackProps } = props;
    super(scope, id, {
      stackName: `booktrip-${stage}-${service}`,
      description: `BookTrip ${service} (${stage})`,
      terminationProtection: isProduction(stage),
      ...stackProps,
    });
    this.service = service;
    this.stage = stage;
    this.ssm = ssmNames(stage);
    Tags.of(this).add('booktrip:service', service);
    Tags.of(this).add('booktrip:stage', stage);
  }

  get isProduction(): boolean {
    return isProduction(this.stage);
  }

  /** A value another stack published, resolved when this stack deploys. */
  sharedValue(parameterName: string): string {
    return StringParameter.valueForStringParameter(this, parameterName);
  }

  /** Publishes a value for other stacks under one of the names of `ssmNames`. */
  share(id: string, parameterName: string, value: string): StringParameter {
    return new StringParameter(this, id, { parameterName, stringValue: value });
  }
}
