import { METRICS_NAMESPACE } from '@booktrip/constructs';
import { historyDefinition } from '@booktrip/conversation-history/definition';
import { definitionSuite, envNames, handWrittenFacts } from '@booktrip/workspace';
import { synthesize } from './support';

const env = envNames(historyDefinition.env);

definitionSuite({
  app: 'conversation-history',
  infra: 'infra/conversation-history',
  env,
  metrics: Object.values(historyDefinition.metrics),
  namespace: METRICS_NAMESPACE,
  template: () => synthesize().template.toJSON(),
});

it('scans what the stack and handlers would spell: the definition itself holds the names', () => {
  const found = handWrittenFacts(['apps/conversation-history/src'], { names: env, prefixes: [] });

  expect(found.map((fact) => fact.literal).sort()).toEqual([...env].sort());
});
