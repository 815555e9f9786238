import { BookTripApp } from '@booktrip/constructs';
import { Template } from 'aws-cdk-lib/assertions';
import { ConversationHistoryStack } from '../src/conversation-history-stack';

/** The stack for the `test` stage; bundling skipped unless asked (it costs seconds). */
export function synthesize(
  options: {
    bundle?: boolean;
    stage?: string;
    context?: Record<string, string>;
  } = {},
) {
  const stage = options.stage ?? 'test';
  const app = new BookTripApp({
    context: {
      stage,
      ...options.context,
      ...(options.bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
    },
  });
  const stack = new ConversationHistoryStack(app, 'ConversationHistory', {
    service: 'conversation-history',
    stage,
  });
  // Template.fromStack runs the cdk-nag validation plugin: an unacknowledged finding throws.
  return { stack, template: Template.fromStack(stack) };
}

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

export function resourcesOf(template: Template, type: string): Resources {
  return template.findResources(type) as Resources;
}

/** The logical id of the only resource of a type whose logical id starts with `prefix`. */
export function logicalId(template: Template, type: string, prefix: string): string {
  const ids = Object.keys(template.findResources(type)).filter((id) => id.startsWith(prefix));
  if (ids.length !== 1) throw new Error(`${ids.length} ${type} resources start with ${prefix}`);
  return ids[0]!;
}
