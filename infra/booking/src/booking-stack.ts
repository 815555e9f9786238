import { bookingDefinition } from '@booktrip/booking/definition';
import {
  acknowledge,
  appEntry,
  nagArn,
  pascalCase,
  ServiceFunction,
  ServiceStack,
  type ServiceStackProps,
} from '@booktrip/constructs';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { SfnStateMachine } from 'aws-cdk-lib/aws-events-targets';
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

    this.table = new ReservationsTable(this, 'Reservations', { production: this.isProduction });

    const validateFunction = new ServiceFunction(this, 'ValidateRequestFunction', {
      entry: appEntry('booking', bookingDefinition.functions.validateRequest.entry),
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
    for (const contract of bookingDefinition.consumes) {
      new Rule(this, `On${pascalCase(contract.detailType)}`, {
        description: `Starts the booking workflow for every ${contract.detailType}`,
        eventBus,
        eventPattern: contract.pattern,
        targets: [new SfnStateMachine(this.workflow.stateMachine, this.ruleTargetDelivery())],
      });
    }

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
    acknowledge(
      role,
      'AwsSolutions-IAM5',
      'The LambdaInvoke task also grants the qualified ARNs (versions, aliases) of the validate function itself: still that one function.',
      { resources: [`${nagArn(validateFunction)}:*`] },
    );
    acknowledge(
      role,
      'AwsSolutions-IAM5',
      'X-Ray PutTraceSegments/GetSampling* and the CloudWatch Logs delivery actions (logs:CreateLogDelivery, …) that Step Functions logging needs accept only Resource "*".',
      { resources: ['*'] },
    );
  }
}
