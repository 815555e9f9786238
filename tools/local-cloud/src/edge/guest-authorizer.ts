import { runSimulation, runUnsafeSimulation, type Simulation } from '@cloud-copilot/iam-simulate';
import { LOCAL_ACCOUNT } from '../assembly/local-arns';
import type { Authorize, Caller, LocalResource } from './contracts';

type PolicyDocument = Simulation['identityPolicies'][number]['policy'];
interface NamedPolicy {
  name: string;
  policy: PolicyDocument;
}

/**
 * The IAM decision for guest callers: the policies the templates attach to the caller's role
 * (inline, `AWS::IAM::Policy` and `AWS::IAM::ManagedPolicy` naming the role), evaluated by
 * `@cloud-copilot/iam-simulate` with the Cognito identity's keys as policy variables and
 * condition keys. Admins are always allowed, anonymous callers never.
 *
 * It uses the library's `runUnsafeSimulation`: the validating `runSimulation` drops
 * `cognito-identity.amazonaws.com:*` keys as "not applicable to the action" (so
 * `${cognito-identity.amazonaws.com:sub}` never matches) and rejects Lex V2 alias ARNs (its
 * iam-data lists two ARN formats in one string). The policies themselves are still validated
 * once, up front, with `runSimulation`.
 */
export async function createGuestAuthorizer(
  resources: readonly LocalResource[],
): Promise<Authorize> {
  const roles = resources.filter((resource) => resource.type === 'AWS::IAM::Role');
  const policiesByRoleArn = new Map<string, NamedPolicy[]>();
  for (const role of roles) {
    if (role.arn) policiesByRoleArn.set(role.arn, policiesOf(role, resources));
  }
  for (const roleArn of guestRoleArns(resources)) {
    const policies = policiesByRoleArn.get(roleArn);
    if (!policies) throw new Error(`The identity pool's role ${roleArn} is not in the templates`);
    await validate(roleArn, policies);
  }

  return (caller: Caller, action: string, resource: string, context = {}) => {
    if (caller.kind === 'admin') return Promise.resolve(true);
    if (caller.kind === 'anonymous') return Promise.resolve(false);
    const result = runUnsafeSimulation(
      {
        identityPolicies: policiesByRoleArn.get(caller.roleArn) ?? [],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        request: {
          action,
          principal: caller.arn,
          resource: { accountId: LOCAL_ACCOUNT, resource },
          contextVariables: {
            'aws:PrincipalArn': caller.roleArn,
            'aws:PrincipalAccount': LOCAL_ACCOUNT,
            'aws:userid': `${caller.roleArn.split('/').pop() ?? ''}:CognitoIdentityCredentials`,
            'cognito-identity.amazonaws.com:sub': caller.identityId,
            'cognito-identity.amazonaws.com:amr': 'unauthenticated',
            ...(caller.identityPoolId
              ? { 'cognito-identity.amazonaws.com:aud': caller.identityPoolId }
              : {}),
            ...context,
          },
        },
      },
      {},
    );
    return Promise.resolve(result === 'Allowed');
  };
}

/** Roles identity pools hand out (`AWS::Cognito::IdentityPoolRoleAttachment`). */
export function guestRoleArns(resources: readonly LocalResource[]): string[] {
  return resources
    .filter((resource) => resource.type === 'AWS::Cognito::IdentityPoolRoleAttachment')
    .flatMap((attachment) =>
      Object.values((attachment.properties.Roles ?? {}) as Record<string, unknown>),
    )
    .filter((arn): arn is string => typeof arn === 'string');
}

function policiesOf(role: LocalResource, resources: readonly LocalResource[]): NamedPolicy[] {
  const inline = (
    (role.properties.Policies ?? []) as { PolicyName: string; PolicyDocument: PolicyDocument }[]
  ).map((policy) => ({
    name: `${role.physicalId}/${policy.PolicyName}`,
    policy: policy.PolicyDocument,
  }));
  const managedArns = new Set((role.properties.ManagedPolicyArns ?? []) as string[]);
  const attached = resources
    .filter(
      (resource) =>
        (resource.type === 'AWS::IAM::Policy' || resource.type === 'AWS::IAM::ManagedPolicy') &&
        (((resource.properties.Roles ?? []) as string[]).includes(role.physicalId) ||
          managedArns.has(resource.physicalId) ||
          (resource.arn !== undefined && managedArns.has(resource.arn))),
    )
    .map((resource) => ({
      name: `${resource.stackName}/${resource.logicalId}`,
      policy: resource.properties.PolicyDocument as PolicyDocument,
    }));
  const known = new Set(
    resources
      .filter((resource) => resource.type === 'AWS::IAM::ManagedPolicy')
      .flatMap((resource) => [resource.physicalId, resource.arn]),
  );
  const foreign = [...managedArns].filter((arn) => !known.has(arn));
  if (foreign.length > 0) {
    // AWS-managed policies are not in the templates; evaluating without them would deny what
    // AWS allows, so only roles that guests never assume may have them.
    return [...inline, ...attached, ...foreign.map((arn) => unknownManaged(arn))];
  }
  return [...inline, ...attached];
}

function unknownManaged(arn: string): NamedPolicy {
  return {
    name: `unresolvable:${arn}`,
    policy: { Version: '2012-10-17', Statement: [] } as PolicyDocument,
  };
}

async function validate(roleArn: string, policies: NamedPolicy[]): Promise<void> {
  const unresolvable = policies.filter((policy) => policy.name.startsWith('unresolvable:'));
  if (unresolvable.length > 0) {
    throw new Error(
      `The guest role ${roleArn} uses managed policies the templates do not contain: ${unresolvable
        .map((policy) => policy.name.slice('unresolvable:'.length))
        .join(', ')}`,
    );
  }
  const probe = await runSimulation(
    {
      identityPolicies: policies,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      request: {
        action: 'sts:GetCallerIdentity',
        principal: roleArn,
        resource: { accountId: LOCAL_ACCOUNT, resource: '*' },
        contextVariables: {},
      },
    },
    {},
  );
  if (probe.resultType === 'error' && probe.errors.identityPolicyErrors) {
    throw new Error(
      `The guest role ${roleArn} has invalid policies: ${JSON.stringify(probe.errors.identityPolicyErrors)}`,
    );
  }
}
