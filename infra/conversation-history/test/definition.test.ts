import { METRICS_NAMESPACE } from '@booktrip/constructs';
import { historyDefinition } from '@booktrip/conversation-history/definition';
import {
  envNames,
  handWrittenFacts,
  isDefinitionOrTest,
  PLATFORM_ENV,
  ruleTargetsWithoutDelivery,
  sharedFacts,
  undeclaredNames,
} from '@booktrip/workspace';
import { synthesize } from './support';

const env = envNames(historyDefinition.env);
const metrics = [...sharedFacts().names, ...Object.values(historyDefinition.metrics)];

describe('the conversation-history definition is the one place its shared facts live', () => {
  const template = synthesize().template.toJSON();

  it('leaves no env var, metric, detail type or upload prefix spelled in the stack or handlers', () => {
    const shared = sharedFacts();
    const found = handWrittenFacts(
      ['apps/conversation-history/src', 'infra/conversation-history/src'],
      { names: [...shared.names, ...env, ...metrics], prefixes: shared.prefixes },
      isDefinitionOrTest,
    );

    expect(found).toEqual([]);
  });

  it('is what the scan reads: the definition itself holds the names', () => {
    const found = handWrittenFacts(['apps/conversation-history/src'], { names: env, prefixes: [] });

    expect(found.map((fact) => fact.literal).sort()).toEqual([...env].sort());
  });

  it('sets only the environment and alarms on only the metrics the definition declares', () => {
    expect(
      undeclaredNames(template, {
        env: [...PLATFORM_ENV, ...env],
        metrics,
        namespace: METRICS_NAMESPACE,
      }),
    ).toEqual([]);
  });

  it('gives every rule target a dead-letter queue and a retry policy', () => {
    expect(ruleTargetsWithoutDelivery(template)).toEqual([]);
  });
});
