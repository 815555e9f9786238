import type { BotModel } from '@booktrip/bot-model';
import { BookTripApp } from '@booktrip/constructs';
import { LexBotStack } from '../src/lex-bot-stack';

export const TEST_STAGE = 'test';

/**
 * The lex-bot app as `main.ts` builds it, without bundling (fast). BookTripApp makes
 * CloudFormation's schema validation fail synthesis, so `app.synth()` fails on any property
 * CloudFormation would reject, as it fails on any cdk-nag finding.
 */
export function lexBotApp(options: { model?: BotModel; bundle?: boolean; outdir?: string } = {}) {
  const app = new BookTripApp({
    outdir: options.outdir,
    context: {
      stage: TEST_STAGE,
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
