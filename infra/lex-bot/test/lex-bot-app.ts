import type { BotModel } from '@booktrip/bot-model';
import { BookTripApp } from '@booktrip/constructs';
import { LexBotStack } from '../src/lex-bot-stack';

export const TEST_STAGE = 'test';

/**
 * The lex-bot app as `main.ts` builds it, without bundling (fast) and with CloudFormation's
 * schema validation turned from warnings into errors, so `app.synth()` fails on any property
 * CloudFormation would reject, as it fails on any cdk-nag finding.
 */
export function lexBotApp(options: { model?: BotModel; bundle?: boolean; outdir?: string } = {}) {
  const app = new BookTripApp({
    outdir: options.outdir,
    context: {
      stage: TEST_STAGE,
      '@aws-cdk/core:validateAgainstDefaultRules': true,
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
    },
  });
  const stack = new LexBotStack(app, 'LexBot', {
    service: 'lex-bot',
    stage: app.stage,
    model: options.model,
  });
  return { app, stack };
}
