import { appEntry, BookTripApp, ssmNames } from '@booktrip/constructs';
import {
  bindTaskResources,
  inProcessLambdas,
  localExecutionContext,
  RecordingEventBus,
  resolveTemplateValue,
  startS3Local,
  stateMachineDefinition,
  type CfnTemplate,
  type S3Local,
} from '@booktrip/local-cloud';
import type { CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { S3Client } from '@aws-sdk/client-s3';
import type { Context } from 'aws-lambda';
import { StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import { ImageFlipStack } from '../src/image-flip-stack';
import { ImageFlipStates } from '../src/image-workflow';

export const STAGE = 'test';
export const BUS_NAME = 'booktrip-test';

type Handler = (event: unknown, context: Context) => Promise<unknown>;
type StepDeps = { s3: Pick<S3Client, 'send'>; now: () => Date; outputBucket?: string };

/** The two handler files of apps/image-flip, loaded by path as the stack references them. */
interface StepModules {
  validate: { createValidateUploadHandler(deps: () => StepDeps): Handler };
  flip: { createFlipImageHandler(deps: () => StepDeps & { outputBucket: string }): Handler };
}

export function loadSteps(): StepModules {
  // Infra may reference app entry files by path only (module boundaries), as the stack does.
  /* eslint-disable @typescript-eslint/no-require-imports */
  return {
    validate: require(appEntry('image-flip', 'src/validate-upload.ts')) as StepModules['validate'],
    flip: require(appEntry('image-flip', 'src/flip-image.ts')) as StepModules['flip'],
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}

export interface InjectedFailures {
  name: string;
  times: number;
}

export interface RunOptions {
  validateFailures?: InjectedFailures;
  flipFailures?: InjectedFailures;
  beforeFlip?: () => Promise<void>;
}

export interface Execution {
  result: Promise<unknown>;
  attempts: { validate: number; flip: number };
}

export interface LocalWorkflow {
  s3: S3Local;
  bus: RecordingEventBus;
  uploadsBucket: string;
  outputBucket: string;
  /**
   * Runs one execution. `validateFailures`/`flipFailures` make that Lambda throw an error of
   * that name `times` first; `beforeFlip` runs before each flip attempt. `attempts` counts the
   * invocations of each Lambda step, failed ones included.
   */
  run(input: unknown, options?: RunOptions): Execution;
  stop(): Promise<void>;
}

/**
 * The synthesized state machine, run by aws-local-stepfunctions: its Lambda tasks bound to the
 * real handlers (in this process, against s3rver), its putEvents tasks to a recording bus.
 */
export async function startLocalWorkflow(): Promise<LocalWorkflow> {
  const app = new BookTripApp({ context: { stage: STAGE, 'aws:cdk:bundling-stacks': [] } });
  const stack = new ImageFlipStack(app, 'ImageFlip', { service: 'image-flip', stage: STAGE });
  const template = Template.fromStack(stack).toJSON() as CfnTemplate;
  const local = { ssm: { [ssmNames(STAGE).platform.eventBusName]: BUS_NAME } };
  const definition: StateMachineDefinition = stateMachineDefinition(template, undefined, local);
  const nameOf = (construct: { node: { defaultChild?: unknown } }) =>
    String(
      resolveTemplateValue(
        template,
        { Ref: stack.resolve(stack.getLogicalId(construct.node.defaultChild as CfnElement)) },
        local,
      ),
    );
  const uploadsBucket = nameOf(stack.uploadsBucket);
  const outputBucket = String(
    resolveTemplateValue(template, flipEnvironment(template).OUTPUT_BUCKET_NAME, local),
  );

  const s3 = await startS3Local({ buckets: [uploadsBucket, outputBucket] });
  const bus = new RecordingEventBus();
  const steps = loadSteps();
  const now = () => new Date();
  const validate = steps.validate.createValidateUploadHandler(() => ({ s3: s3.client, now }));
  const flip = steps.flip.createFlipImageHandler(() => ({ s3: s3.client, outputBucket, now }));
  const machine = new StateMachine(definition);

  return {
    s3,
    bus,
    uploadsBucket,
    outputBucket,
    run(input, options = {}) {
      const attempts = { validate: 0, flip: 0 };
      const lambda = inProcessLambdas({
        [nameOf(stack.validateUpload)]: failing(validate, options.validateFailures, () => {
          attempts.validate++;
        }),
        [nameOf(stack.flipImage)]: failing(flip, options.flipFailures, async () => {
          attempts.flip++;
          await options.beforeFlip?.();
        }),
      });
      const execution = machine.run(input as never, {
        overrides: {
          taskResourceLocalHandlers: bindTaskResources(definition, { lambda, eventBridge: bus }),
          // Same retry policy, without the waiting.
          retryIntervalOverrides: Object.fromEntries(
            Object.values(ImageFlipStates).map((name) => [name, 0]),
          ),
        },
        context: localExecutionContext(),
      });
      return { result: execution.result, attempts };
    },
    stop: () => s3.stop(),
  };
}

/** The handler, throwing `failures.name` on its first `failures.times` calls. */
function failing(
  handler: Handler,
  failures: InjectedFailures | undefined,
  onCall: () => void | Promise<void>,
): Handler {
  let left = failures?.times ?? 0;
  return async (event, context) => {
    await onCall();
    if (left-- > 0) {
      throw Object.assign(new Error('injected failure'), { name: failures?.name });
    }
    return handler(event, context);
  };
}

function flipEnvironment(template: CfnTemplate): Record<string, unknown> {
  const flip = Object.values(template.Resources).find(
    (resource) =>
      resource.Type === 'AWS::Lambda::Function' &&
      JSON.stringify(resource.Properties?.Environment ?? {}).includes('OUTPUT_BUCKET_NAME'),
  );
  const environment = flip?.Properties?.Environment as { Variables: Record<string, unknown> };
  return environment.Variables;
}
