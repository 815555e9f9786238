import { ServiceStack, type ServiceStackProps } from '@booktrip/constructs';
import { Sources } from '@booktrip/events';
import { Duration } from 'aws-cdk-lib';
import { EventBus, type Archive, type CfnEventBus } from 'aws-cdk-lib/aws-events';
import type { Construct } from 'constructs';
import { GuestIdentityPool } from './guest-identity-pool';
import { RuleTargetDeadLetterQueue } from './rule-target-dead-letter-queue';
import { sourceOwnershipPolicy } from './source-ownership-policy';

/** How long the archive keeps events for replay. */
export const ARCHIVE_RETENTION = Duration.days(30);

/**
 * What every service shares: the `booktrip-<stage>` event bus (with its source-ownership
 * policy and an archive for replay), the dead-letter queue of rule targets, and the guests'
 * identity pool. Everything other stacks need is published under `ssm.platform.*`.
 */
export class PlatformStack extends ServiceStack {
  readonly bus: EventBus;
  readonly archive: Archive;
  readonly deadLetterQueue: RuleTargetDeadLetterQueue;
  readonly guests: GuestIdentityPool;

  constructor(scope: Construct, id: string, props: ServiceStackProps) {
    super(scope, id, props);
    const sources = Object.values(Sources);

    // The name is part of the architecture (ARCHITECTURE.md): rules and the local cloud use it.
    const busName = `booktrip-${this.stage}`;
    this.bus = new EventBus(this, 'Bus', {
      eventBusName: busName,
      description: `BookTrip events (${this.stage})`,
    });
    // Built from the name, not the bus's Arn attribute, which the bus cannot reference itself.
    const busArn = this.formatArn({
      service: 'events',
      resource: 'event-bus',
      resourceName: busName,
    });
    // The bus's own Policy property, not EventBusPolicy resources: CloudFormation identifies
    // those by statement id account-wide, so two stages' stacks would collide.
    (this.bus.node.defaultChild as CfnEventBus).policy = sourceOwnershipPolicy(busArn, sources);

    this.archive = this.bus.archive('Archive', {
      description: `Every BookTrip event of ${this.stage}, for replay`,
      eventPattern: { source: sources },
      retention: ARCHIVE_RETENTION,
    });

    const rule = (name: string) =>
      this.formatArn({ service: 'events', resource: 'rule', resourceName: name });
    this.deadLetterQueue = new RuleTargetDeadLetterQueue(this, 'RuleTargetDlq', {
      ruleArnPatterns: [
        // Rules on the BookTrip bus: rule/<bus>/<rule>.
        rule(`${busName}/*`),
        // The services' rules on the default bus (S3 Object Created): CloudFormation names
        // them after their stack, booktrip-<stage>-<service>-….
        rule(`${busName}-*`),
      ],
      retain: this.isProduction,
    });

    this.guests = new GuestIdentityPool(this, 'Guests');

    const shared = this.ssm.platform;
    this.share('EventBusNameParameter', shared.eventBusName, this.bus.eventBusName);
    this.share('EventBusArnParameter', shared.eventBusArn, this.bus.eventBusArn);
    this.share('EventDlqArnParameter', shared.eventDlqArn, this.deadLetterQueue.queue.queueArn);
    this.share('IdentityPoolIdParameter', shared.identityPoolId, this.guests.pool.identityPoolId);
    this.share('GuestRoleNameParameter', shared.guestRoleName, this.guests.guestRole.roleName);
    this.share('GuestRoleArnParameter', shared.guestRoleArn, this.guests.guestRole.roleArn);
  }
}
