import { Duration, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import { Queue, type IQueue } from 'aws-cdk-lib/aws-sqs';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';
import { ssmNames, type SsmNames } from './ssm-names';
import { isProduction } from './stage';
import { SERVICE_TAG_KEY, STAGE_TAG_KEY } from './tags';

/** Service names become stack names, tag values and event sources (`booktrip.<service>`). */
const SERVICE_NAME = /^[a-z][a-z0-9-]*[a-z0-9]$/;

/**
 * How every EventBridge rule target is delivered: retried with backoff for a while, then put
 * in the platform's rule-target DLQ (which alarms), never dropped. EventBridge's default
 * without them is 185 attempts over 24 h, and then the event is gone.
 */
export interface RuleTargetDelivery {
  readonly deadLetterQueue: IQueue;
  readonly retryAttempts: number;
  readonly maxEventAge: Duration;
}

export interface ServiceStackProps extends StackProps {
  /** Service name as in ARCHITECTURE.md, e.g. `booking`. */
  service: string;
  stage: string;
}

/**
 * One service's stack, named `booktrip-<stage>-<service>`. Every taggable resource in it, IAM
 * roles included, is tagged `booktrip:service=<service>` and `booktrip:stage=<stage>`.
 */
export class ServiceStack extends Stack {
  readonly service: string;
  readonly stage: string;
  /** SSM parameter names of this stage. */
  readonly ssm: SsmNames;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    const { service, stage, ...stackProps } = props;
    if (!SERVICE_NAME.test(service)) {
      throw new Error(
        `Invalid service name ${JSON.stringify(service)}: use kebab-case, e.g. image-flip`,
      );
    }
    super(scope, id, {
      stackName: `booktrip-${stage}-${service}`,
      description: `BookTrip ${service} (${stage})`,
      terminationProtection: isProduction(stage),
      ...stackProps,
    });
    this.service = service;
    this.stage = stage;
    this.ssm = ssmNames(stage);
    Tags.of(this).add(SERVICE_TAG_KEY, service);
    Tags.of(this).add(STAGE_TAG_KEY, stage);
  }

  private eventDlq?: IQueue;

  /**
   * The delivery settings every rule target of this stack must use (spread them into the
   * target's props); `overrides` for a target that may wait longer or retry more.
   */
  ruleTargetDelivery(overrides: Partial<Omit<RuleTargetDelivery, 'deadLetterQueue'>> = {}) {
    this.eventDlq ??= Queue.fromQueueArn(
      this,
      'EventDlq',
      this.sharedValue(this.ssm.platform.eventDlqArn),
    );
    return {
      deadLetterQueue: this.eventDlq,
      retryAttempts: 8,
      maxEventAge: Duration.hours(2),
      ...overrides,
    } satisfies RuleTargetDelivery;
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
