import type { LocalResource } from '../edge/contracts';
import { compileEventPattern, type EventPatternPredicate } from './match-event-pattern';
import { busNameOf } from './recording-bus';
import { compileTargetInput, type RuleContext, type TargetInputSettings } from './target-input';

export interface LocalTarget {
  id: string;
  arn: string;
  kind: 'lambda' | 'sqs' | 'states' | 'events';
  input: (event: Record<string, unknown>, rule: RuleContext) => string;
  retry: { maximumRetryAttempts: number; maximumEventAgeSeconds: number };
  deadLetterArn?: string;
}

export interface LocalRule {
  name: string;
  arn: string;
  logicalId: string;
  eventBusName: string;
  enabled: boolean;
  matches: EventPatternPredicate;
  targets: LocalTarget[];
}

interface CfnTarget extends TargetInputSettings {
  Id?: string;
  Arn?: string;
  RetryPolicy?: { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number };
  DeadLetterConfig?: { Arn?: string };
}

/** EventBridge's defaults: 185 retries over 24 hours. */
const DEFAULT_RETRY = { maximumRetryAttempts: 185, maximumEventAgeSeconds: 86_400 };

/**
 * The template's `AWS::Events::Rule`s, validated as PutRule and PutTargets validate them: an
 * invalid pattern, a bus that does not exist, a target type the local cloud cannot deliver to,
 * or a scheduled rule (not emulated) throws, naming the rule.
 */
export function compileRules(
  resources: readonly LocalResource[],
  context: {
    region: string;
    accountId: string;
    buses: ReadonlyMap<string, string>;
    deliverable: { lambda: boolean; sqs: boolean; states: boolean };
  },
): LocalRule[] {
  return resources
    .filter((resource) => resource.type === 'AWS::Events::Rule')
    .map((resource) => {
      const props = resource.properties;
      const name = String(props.Name ?? resource.physicalId);
      const where = `rule ${resource.stackName}/${resource.logicalId} (${name})`;
      const eventBusName = busNameOf(String(props.EventBusName ?? 'default'));
      if (!context.buses.has(eventBusName)) {
        throw new Error(`${where}: its event bus ${eventBusName} is not in the templates`);
      }
      if (props.ScheduleExpression !== undefined) {
        throw new Error(
          `${where}: scheduled rules (${String(props.ScheduleExpression)}) are not emulated`,
        );
      }
      if (props.EventPattern === undefined) throw new Error(`${where}: it has no EventPattern`);
      let matches: EventPatternPredicate;
      try {
        matches = compileEventPattern(props.EventPattern);
      } catch (error) {
        throw new Error(`${where}: invalid EventPattern: ${(error as Error).message}`);
      }
      const cfnTargets = (props.Targets as CfnTarget[] | undefined) ?? [];
      if (cfnTargets.length > 5) throw new Error(`${where}: a rule has at most 5 targets`);
      const arn =
        eventBusName === 'default'
          ? `arn:aws:events:${context.region}:${context.accountId}:rule/${name}`
          : `arn:aws:events:${context.region}:${context.accountId}:rule/${eventBusName}/${name}`;
      return {
        name,
        arn,
        logicalId: resource.logicalId,
        eventBusName,
        enabled: String(props.State ?? 'ENABLED') === 'ENABLED',
        matches,
        targets: cfnTargets.map((target) =>
          localTarget(target, `${where} target ${target.Id}`, context),
        ),
      };
    });
}

function localTarget(
  target: CfnTarget,
  where: string,
  context: Parameters<typeof compileRules>[1],
): LocalTarget {
  const arn = String(target.Arn ?? '');
  const service = arn.split(':')[2];
  const kind =
    service === 'lambda'
      ? 'lambda'
      : service === 'sqs'
        ? 'sqs'
        : service === 'states'
          ? 'states'
          : service === 'events' && arn.includes(':event-bus/')
            ? 'events'
            : undefined;
  if (!kind) {
    throw new Error(`${where}: targets of type ${service ?? arn} are not emulated (${arn})`);
  }
  if (kind !== 'events' && !context.deliverable[kind]) {
    throw new Error(`${where}: no local ${kind} service is wired to deliver to ${arn}`);
  }
  if (kind === 'events' && !context.buses.has(busNameOf(arn))) {
    throw new Error(`${where}: its target bus ${arn} is not in the templates`);
  }
  const retry = {
    maximumRetryAttempts:
      target.RetryPolicy?.MaximumRetryAttempts ?? DEFAULT_RETRY.maximumRetryAttempts,
    maximumEventAgeSeconds:
      target.RetryPolicy?.MaximumEventAgeInSeconds ?? DEFAULT_RETRY.maximumEventAgeSeconds,
  };
  return {
    id: String(target.Id ?? arn),
    arn,
    kind,
    input: compileTargetInput(target, where),
    retry,
    deadLetterArn: target.DeadLetterConfig?.Arn,
  };
}
