import { acknowledge, countAlarm } from '@booktrip/constructs';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface RuleTargetDeadLetterQueueProps {
  /**
   * ARN patterns (`ArnLike`) of the EventBridge rules allowed to dead-letter into the queue.
   * The rules belong to other stacks, so they are named by pattern, not by reference.
   */
  ruleArnPatterns: string[];
  /** Keep undelivered events when the stack is deleted. */
  retain: boolean;
}

/**
 * The shared dead-letter queue of EventBridge rule targets: events a rule could not deliver
 * after its retries land here (SSE, TLS only, 14 days), and an alarm fires on the first one.
 */
export class RuleTargetDeadLetterQueue extends Construct {
  readonly queue: Queue;
  /** Fires when any undelivered event is waiting in the queue. */
  readonly alarm: Alarm;

  constructor(scope: Construct, id: string, props: RuleTargetDeadLetterQueueProps) {
    super(scope, id);
    this.queue = new Queue(this, 'Queue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: props.retain ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    this.queue.addToResourcePolicy(
      new PolicyStatement({
        sid: 'EventBridgeRulesDeadLetter',
        principals: [new ServicePrincipal('events.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [this.queue.queueArn],
        conditions: { ArnLike: { 'aws:SourceArn': props.ruleArnPatterns } },
      }),
    );
    acknowledge(
      this.queue,
      'AwsSolutions-SQS3',
      'This queue is itself the dead-letter queue of EventBridge rule targets.',
    );

    this.alarm = countAlarm(this, 'MessagesAlarm', {
      description: 'EventBridge could not deliver an event to a rule target (see the DLQ)',
      metric: this.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
    });
  }
}
