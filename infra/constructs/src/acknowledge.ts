import { Stack, Validations, type CfnElement } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/*
 * The one way to acknowledge a cdk-nag finding. A finding about one resource of a policy is
 * named `<rule>[Resource::<resource>]`, where cdk-nag writes a reference as `<LogicalId>` and
 * an attribute as `<LogicalId.Arn>`: `nagRef` and `nagArn` spell them.
 */

/** How cdk-nag names a reference to a construct's resource in a finding id: `<LogicalId>`. */
export function nagRef(construct: IConstruct): string {
  return `<${logicalIdOf(construct)}>`;
}

/** How cdk-nag names a construct's ARN in a finding id: `<LogicalId.Arn>`. */
export function nagArn(construct: IConstruct): string {
  return `<${logicalIdOf(construct)}.Arn>`;
}

/** Acknowledges a finding of `rule` on the construct, or on one of its resources or policies. */
export function acknowledge(
  construct: IConstruct | undefined,
  rule: string,
  reason: string,
  detail?: { resources?: readonly string[]; policies?: readonly string[] },
): void {
  if (!construct) return;
  const ids = [
    ...(detail?.resources ?? []).map((resource) => `${rule}[Resource::${resource}]`),
    ...(detail?.policies ?? []).map((policy) => `${rule}[Policy::${policy}]`),
  ];
  for (const id of ids.length > 0 ? ids : [rule]) {
    Validations.of(construct).acknowledge({ id, reason });
  }
}

function logicalIdOf(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  const stack = Stack.of(construct);
  return stack.resolve(stack.getLogicalId(element)) as string;
}
