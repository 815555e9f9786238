import { ReservationRequested } from '@booktrip/events';
import {
  appEntry,
  ServiceFunction,
  ServiceStack,
  type ServiceStackProps,
} from '@booktrip/constructs';
import { Duration, Validations } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { SfnStateMachine } from 'aws-cdk-lib/aws-events-targets';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { BookingWorkflow } from './booking-workflow';
import { ReservationsTable } from './reservations-table';

/**
 * The booking service: its reservations table, the booking workflow and the rule that starts
 * it on *Reservation Requested* from the platform's bus (both found through SSM at deploy time).
 */
export class BookingStack extends ServiceStack {
  readonly workflow: BookingWorkflow;
  readonly table: ReservationsTable;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const eventBus = EventBus.fromEventBusName(
      this,
      'Bus',
      this.sharedValue(this.ssm.platform.eventBusName),
    );
    const deadLetterQueue = Queue.fromQueueArn(
      this,
      'EventDlq',
      this.sharedValue(this.ssm.platform.eventDlqArn),
    );

    this.table = new ReservationsTable(this, 'Reservations', { production: this.isProduction });

    const validateFunction = new ServiceFunction(this, 'ValidateRequestFunction', {
      entry: appEntry('booking', 'src/validate-request.ts'),
      service: this.service,
      description:
        'Booking workflow step: checks a Reservation Requested event against its contract',
    });

    this.workflow = new BookingWorkflow(this, 'Workflow', {
      table: this.table.table,
      eventBus,
      validateFunction,
      production: this.isProduction,
    });

    // The rule's input is the whole event: its id is the idempotency key of the booking.
    new Rule(this, 'OnReservationRequested', {
      description: 'Starts the booking workflow for every Reservation Requested',
      eventBus,
      eventPattern: ReservationRequested.pattern,
      targets: [
        new SfnStateMachine(this.workflow.stateMachine, {
          deadLetterQueue,
          retryAttempts: 8,
          maxEventAge: Duration.hours(2),
        }),
      ],
    });

    // The role that publishes booktrip.booking events, for whoever scopes the bus policy to it.
    this.share(
      'PublisherRoleArnParameter',
      this.ssm.booking.publisherRoleArn,
      this.workflow.stateMachine.role.roleArn,
    );

    this.acknowledgeWorkflowRoleFindings(validateFunction);
  }

  private acknowledgeWorkflowRoleFindings(validateFunction: ServiceFunction): void {
    const role = this.workflow.stateMachine.role;
    const functionId = this.getLogicalId(validateFunction.node.defaultChild as CfnFunction);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
      reason:
        'The LambdaInvoke task also grants the qualified ARNs (versions, aliases) of the validate function itself: still that one function.',
    });
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'X-Ray PutTraceSegments/GetSampling* and the CloudWatch Logs delivery actions (logs:CreateLogDelivery, …) that Step Functions logging needs accept only Resource "*".',
    });
  }
}
