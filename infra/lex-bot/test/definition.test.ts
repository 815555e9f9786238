import { BookTripApp, METRICS_NAMESPACE } from '@booktrip/constructs';
import { fulfilmentDefinition } from '@booktrip/lex-fulfilment/definition';
import { definitionSuite, envNames } from '@booktrip/workspace';
import { Template } from 'aws-cdk-lib/assertions';
import { LexBotStack } from '../src/lex-bot-stack';

definitionSuite({
  app: 'lex-fulfilment',
  infra: 'infra/lex-bot',
  env: envNames(fulfilmentDefinition.env),
  metrics: Object.values(fulfilmentDefinition.metrics),
  namespace: METRICS_NAMESPACE,
  template: () => {
    const app = new BookTripApp({ context: { stage: 'test', 'aws:cdk:bundling-stacks': [] } });
    return Template.fromStack(
      new LexBotStack(app, 'LexBot', { service: 'lex-bot', stage: 'test' }),
    ).toJSON();
  },
});
