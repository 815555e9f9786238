import { BookTripApp, METRICS_NAMESPACE } from '@booktrip/constructs';
import { imageFlipDefinition } from '@booktrip/image-flip/definition';
import { definitionSuite, envNames } from '@booktrip/workspace';
import { Template } from 'aws-cdk-lib/assertions';
import { ImageFlipStack } from '../src/image-flip-stack';

definitionSuite({
  app: 'image-flip',
  infra: 'infra/image-flip',
  env: envNames(imageFlipDefinition.functions.flipImage.env),
  metrics: [],
  namespace: METRICS_NAMESPACE,
  template: () => {
    const app = new BookTripApp({ context: { stage: 'test', 'aws:cdk:bundling-stacks': [] } });
    return Template.fromStack(
      new ImageFlipStack(app, 'ImageFlip', { service: 'image-flip', stage: 'test' }),
    ).toJSON();
  },
});
