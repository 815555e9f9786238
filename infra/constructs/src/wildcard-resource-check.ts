import type {
  IPolicyValidationContext,
  IPolicyValidationPlugin,
  PolicyValidationPluginReport,
  PolicyViolatingResource,
} from 'aws-cdk-lib';
import { readFileSync } from 'node:fs';

/**
 * Actions AWS accepts only on `Resource: "*"`: X-Ray segments and sampling, the CloudWatch Logs
 * log-delivery APIs Step Functions logging uses, and Polly. Nothing else may be granted on "*".
 */
export const WILDCARD_ONLY_ACTIONS: ReadonlySet<string> = new Set([
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'logs:CreateLogDelivery',
  'logs:GetLogDelivery',
  'logs:UpdateLogDelivery',
  'logs:DeleteLogDelivery',
  'logs:ListLogDeliveries',
  'logs:PutResourcePolicy',
  'logs:DescribeResourcePolicies',
  'logs:DescribeLogGroups',
  'polly:SynthesizeSpeech',
]);

interface Statement {
  Effect?: string;
  Action?: string | string[];
  Resource?: unknown;
}
interface Template {
  Resources?: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
}

/**
 * Fails synthesis on any Allow statement that grants an action other than the wildcard-only
 * ones on `Resource: "*"`. cdk-nag's IAM5 finding for X-Ray has to be acknowledged on every
 * function role, and an acknowledgement would otherwise hide a careless `*` grant next to it.
 */
export class WildcardResourceCheck implements IPolicyValidationPlugin {
  readonly name = 'BookTrip-WildcardResources';
  readonly ruleIds = ['BookTrip-WildcardResource'];

  validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const violating: (PolicyViolatingResource & { actions: string[] })[] = [];
    for (const templatePath of context.templatePaths) {
      const template = JSON.parse(readFileSync(templatePath, 'utf8')) as Template;
      for (const [logicalId, resource] of Object.entries(template.Resources ?? {})) {
        const actions = policyDocuments(resource)
          .flatMap((document) => document.Statement ?? [])
          .filter((statement) => statement.Effect === 'Allow' && grantsOnWildcard(statement))
          .flatMap((statement) => [statement.Action ?? []].flat())
          .filter((action) => !WILDCARD_ONLY_ACTIONS.has(action));
        if (actions.length > 0) {
          violating.push({ resourceLogicalId: logicalId, templatePath, locations: [], actions });
        }
      }
    }
    return {
      success: violating.length === 0,
      violations: violating.map(({ actions, ...resource }) => ({
        ruleName: 'BookTrip-WildcardResource',
        description: `Grants ${actions.join(', ')} on Resource "*"`,
        fix: 'Scope the statement to the resources it needs (grant* methods of the resource).',
        violatingResources: [resource],
      })),
    };
  }
}

function grantsOnWildcard(statement: Statement): boolean {
  return [statement.Resource].flat().includes('*');
}

function policyDocuments(resource: {
  Type: string;
  Properties?: Record<string, unknown>;
}): { Statement?: Statement[] }[] {
  const properties = resource.Properties ?? {};
  switch (resource.Type) {
    case 'AWS::IAM::Policy':
    case 'AWS::IAM::ManagedPolicy':
      return [properties.PolicyDocument as { Statement?: Statement[] }];
    case 'AWS::IAM::Role':
      return ((properties.Policies ?? []) as { PolicyDocument: { Statement?: Statement[] } }[]).map(
        (policy) => policy.PolicyDocument,
      );
    default:
      return [];
  }
}
