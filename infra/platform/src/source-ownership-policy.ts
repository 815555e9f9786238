import { pascalCase, SERVICE_TAG_KEY } from '@booktrip/constructs';
import { Effect, PolicyDocument, PolicyStatement, StarPrincipal } from 'aws-cdk-lib/aws-iam';

const SOURCE_PREFIX = 'booktrip.';
const SERVICE_NAME = /^[a-z][a-z0-9-]*$/;

/** The service that owns an event source: `booktrip.image-flip` → `image-flip`. */
export function ownerOf(source: string): string {
  const service = source.slice(SOURCE_PREFIX.length);
  if (!source.startsWith(SOURCE_PREFIX) || !SERVICE_NAME.test(service)) {
    throw new Error(`Event source ${JSON.stringify(source)} is not booktrip.<service>`);
  }
  return service;
}

/**
 * The event bus resource policy: for each source, deny `events:PutEvents` to every principal
 * whose `booktrip:service` principal tag is not the source's owner (a missing tag counts as
 * "not the owner", as IAM evaluates negated operators to true when the key is absent).
 *
 * Ownership is expressed through the tag, not role ARNs, because the publishers' roles live in
 * stacks deployed after this one. The policy only denies: same-account publishers still need
 * `events:PutEvents` in their own identity policy.
 *
 * `ForAnyValue` on `events:source`: AWS's bus-policy examples treat the key as a set
 * (`ForAllValues`), so a deny must fire when *any* entry of a request carries the source.
 */
export function sourceOwnershipPolicy(busArn: string, sources: readonly string[]): PolicyDocument {
  return new PolicyDocument({
    statements: sources.map((source) => {
      const owner = ownerOf(source);
      return new PolicyStatement({
        sid: `Only${pascalCase(owner)}PublishesItsSource`,
        effect: Effect.DENY,
        principals: [new StarPrincipal()],
        actions: ['events:PutEvents'],
        resources: [busArn],
        conditions: {
          'ForAnyValue:StringEquals': { 'events:source': source },
          StringNotEquals: { [`aws:PrincipalTag/${SERVICE_TAG_KEY}`]: owner },
        },
      });
    }),
  });
}
