export { PlatformStack, ARCHIVE_RETENTION } from './platform-stack';
export { GuestIdentityPool } from './guest-identity-pool';
export { RuleTargetDeadLetterQueue } from './rule-target-dead-letter-queue';
export type { RuleTargetDeadLetterQueueProps } from './rule-target-dead-letter-queue';
export { ownerOf, sourceOwnershipPolicy } from './source-ownership-policy';
