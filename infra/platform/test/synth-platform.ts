import { BookTripApp } from '@booktrip/constructs';
import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { PlatformStack } from '../src/platform-stack';

/** A fresh app with the platform stack of `stage`, as `main.ts` builds it. */
export function platformApp(stage = 'test') {
  const app = new BookTripApp({ context: { stage, 'aws:cdk:bundling-stacks': [] } });
  const stack = new PlatformStack(app, 'Platform', { service: 'platform', stage: app.stage });
  return { app, stack };
}

/** The synthesized template (cdk-nag findings throw here) and a logical-id lookup. */
export function synthPlatform(stage = 'test') {
  const { app, stack } = platformApp(stage);
  const template = Template.fromStack(stack);
  const logicalId = (construct: IConstruct) =>
    stack.getLogicalId((construct.node.defaultChild ?? construct) as CfnElement);
  return { app, stack, template, logicalId };
}
