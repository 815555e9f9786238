import {
  handWrittenFacts,
  isDefinitionOrTest,
  PLATFORM_ENV,
  ruleTargetsWithoutDelivery,
  sharedFacts,
  undeclaredNames,
} from './definition-checks';

type TemplateJson = Parameters<typeof ruleTargetsWithoutDelivery>[0];

export interface DefinitionSuiteOptions {
  /** The app whose definition it is, e.g. `conversation-history`. */
  app: string;
  /** The infra project folder, e.g. `infra/conversation-history`. */
  infra: string;
  /** Environment variable names the definition declares. */
  env: readonly string[];
  /** Metric names the definition declares. */
  metrics: readonly string[];
  /** CloudWatch namespace of BookTrip's custom metrics (`METRICS_NAMESPACE`). */
  namespace: string;
  /** The stack's synthesized template (no bundling needed). */
  template: () => TemplateJson;
}

/**
 * The acceptance checks of one service's definition, as a Jest suite: no definition fact spelled
 * in its stack or handlers, no env var or metric in its template that the definition does not
 * declare, a DLQ and a retry policy on every rule target.
 */
export function definitionSuite(options: DefinitionSuiteOptions): void {
  describe(`the ${options.app} definition is the one place its shared facts live`, () => {
    const shared = sharedFacts();
    const metrics = [...shared.names, ...options.metrics];
    let template: TemplateJson;
    beforeAll(() => {
      template = options.template();
    });

    it('leaves no env var, metric, detail type or upload prefix spelled in the stack or handlers', () => {
      const found = handWrittenFacts(
        [`apps/${options.app}/src`, `${options.infra}/src`],
        { names: [...options.env, ...metrics], prefixes: shared.prefixes },
        isDefinitionOrTest,
      );

      expect(found).toEqual([]);
    });

    it('sets only the environment and alarms on only the metrics the definition declares', () => {
      expect(
        undeclaredNames(template, {
          env: [...PLATFORM_ENV, ...options.env],
          metrics,
          namespace: options.namespace,
        }),
      ).toEqual([]);
    });

    it('gives every rule target a dead-letter queue and a retry policy', () => {
      expect(ruleTargetsWithoutDelivery(template)).toEqual([]);
    });
  });
}
