import { BookTripApp, METRICS_NAMESPACE } from '@booktrip/constructs';
import { imageFlipDefinition } from '@booktrip/image-flip/definition';
import {
  envNames,
  handWrittenFacts,
  isDefinitionOrTest,
  PLATFORM_ENV,
  ruleTargetsWithoutDelivery,
  sharedFacts,
  undeclaredNames,
} from '@booktrip/workspace';
import { Template } from 'aws-cdk-lib/assertions';
import { ImageFlipStack } from '../src/image-flip-stack';

const env: string[] = envNames(imageFlipDefinition.functions.flipImage.env);
const metrics = [...sharedFacts().names, ...[]];

describe('the image-flip definition is the one place its shared facts live', () => {
  const app = new BookTripApp({ context: { stage: 'test', 'aws:cdk:bundling-stacks': [] } });
  const template = Template.fromStack(
    new ImageFlipStack(app, 'ImageFlip', { service: 'image-flip', stage: 'test' }),
  ).toJSON();

  it('leaves no env var, metric, detail type or upload prefix spelled in the stack or handlers', () => {
    const shared = sharedFacts();
    const found = handWrittenFacts(
      ['apps/image-flip/src', 'infra/image-flip/src'],
      { names: [...shared.names, ...env, ...metrics], prefixes: shared.prefixes },
      isDefinitionOrTest,
    );

    expect(found).toEqual([]);
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
