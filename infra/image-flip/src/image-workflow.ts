import { envelopeTemplate, ImageFlipped, ImageRejected, UploadKeyLayout } from '@booktrip/events';
import { countAlarm, TaskErrors } from '@booktrip/constructs';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { MathExpression, type Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import {
  Choice,
  Condition,
  DefinitionBody,
  Fail,
  JitterType,
  JsonPath,
  LogLevel,
  Pass,
  StateMachine,
  StateMachineType,
  TaskInput,
  type TaskStateBase,
} from 'aws-cdk-lib/aws-stepfunctions';
import { EventBridgePutEvents, LambdaInvoke } from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';

/** Any error a task's own code threw (every error but States.Timeout). */
export const STEP_ERRORS = 'States.TaskFailed';

/** Names of the states, also the keys tests bind local task handlers to. */
export const ImageFlipStates = {
  validate: 'Validate upload',
  isValid: 'Upload valid?',
  flip: 'Flip image',
  isFlipped: 'Flipped?',
  publishFlipped: 'Publish Image Flipped',
  publishRejected: 'Publish Image Rejected',
  identifyUpload: 'Identify failed upload',
  describeFailure: 'Describe processing failure',
  publishFailure: 'Publish processing failure',
  failed: 'Processing failed',
} as const;

export interface ImageWorkflowProps {
  validateUpload: IFunction;
  flipImage: IFunction;
  /** The BookTrip bus the result events go to. */
  eventBus: IEventBus;
}

/**
 * S3 *Object Created* → validate → flip → *Image Flipped*; any refusal → *Image Rejected* with
 * its reason. The Lambda steps return each event's detail ready-made, so the states only place
 * it; the events go out through the direct EventBridge integration. Express: see README.
 */
export class ImageWorkflow extends Construct {
  readonly stateMachine: StateMachine;
  readonly failedExecutionsAlarm: Alarm;

  constructor(scope: Construct, id: string, props: ImageWorkflowProps) {
    super(scope, id);

    const validate = withLambdaRetries(
      LambdaInvoke.jsonPath(this, ImageFlipStates.validate, {
        lambdaFunction: props.validateUpload,
        payload: TaskInput.fromJsonPathAt('$'),
        retryOnServiceExceptions: false,
        outputPath: '$.Payload',
      }),
    );
    const flip = withLambdaRetries(
      LambdaInvoke.jsonPath(this, ImageFlipStates.flip, {
        lambdaFunction: props.flipImage,
        payload: TaskInput.fromJsonPathAt('$'),
        retryOnServiceExceptions: false,
        outputPath: '$.Payload',
      }),
    );

    const publish = (name: string, contract: typeof ImageFlipped | typeof ImageRejected) =>
      withPublishRetries(
        EventBridgePutEvents.jsonPath(this, name, {
          entries: [
            {
              eventBus: props.eventBus,
              source: contract.source,
              detailType: contract.detailType,
              detail: TaskInput.fromJsonPathAt('$.detail'),
            },
          ],
          resultPath: JsonPath.DISCARD,
        }),
      );
    const publishFlipped = publish(ImageFlipStates.publishFlipped, ImageFlipped);
    const publishRejected = publish(ImageFlipStates.publishRejected, ImageRejected);

    // Our own failure after every retry: the person still hears about it, and the execution
    // still fails so the alarm fires.
    const describeFailure = Pass.jsonPath(this, ImageFlipStates.describeFailure, {
      parameters: {
        detail: envelopeTemplate(
          { correlationId: '$.correlationId', conversationId: '$.conversationId' },
          {
            'source.$': '$.source',
            reason: ImageRejected.data.shape.reason.enum.PROCESSING_FAILED,
            message: 'The picture could not be processed. Please try again later.',
          },
        ),
      },
    });
    const publishFailure = publish(ImageFlipStates.publishFailure, ImageRejected);
    flip.addCatch(describeFailure, { errors: ['States.ALL'], resultPath: '$.error' });
    // validate failed on the S3 event itself: take what the person needs to hear from it. The
    // key follows the upload layout (validate refuses any other as a result, so a throw means
    // the key had that shape).
    const identifyUpload = Pass.jsonPath(this, ImageFlipStates.identifyUpload, {
      parameters: {
        'correlationId.$': '$.id',
        'conversationId.$': `States.ArrayGetItem(States.StringSplit($.detail.object.key, '/'), ${UploadKeyLayout.segments.conversationId})`,
        source: { 'bucket.$': '$.detail.bucket.name', 'key.$': '$.detail.object.key' },
      },
    });
    validate.addCatch(identifyUpload, { errors: ['States.ALL'], resultPath: '$.error' });
    identifyUpload.next(describeFailure);
    describeFailure
      .next(publishFailure)
      .next(new Fail(this, ImageFlipStates.failed, { error: 'ImageProcessingFailed' }));

    const definition = validate.next(
      Choice.jsonPath(this, ImageFlipStates.isValid)
        .when(
          Condition.booleanEquals('$.valid', true),
          flip.next(
            // A run that finds the output already made (a redelivered event, a concurrent run)
            // announces it again with the same data: the first announcement may have failed,
            // and consumers deduplicate on the source object version.
            Choice.jsonPath(this, ImageFlipStates.isFlipped)
              .when(Condition.booleanEquals('$.flipped', true), publishFlipped)
              .otherwise(publishRejected),
          ),
        )
        .otherwise(publishRejected),
    );

    const logGroup = new LogGroup(this, 'Logs', {
      // Express execution logs must go to a /aws/vendedlogs/ group to stay under the
      // CloudWatch Logs resource-policy size limit.
      logGroupName: `/aws/vendedlogs/states/${Stack.of(this).stackName}-image-workflow`,
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stateMachine = new StateMachine(this, 'StateMachine', {
      stateMachineType: StateMachineType.EXPRESS,
      definitionBody: DefinitionBody.fromChainable(definition),
      // flip: 60 s × 3 attempts plus backoff; Express allows 5 minutes at most.
      timeout: Duration.minutes(5),
      tracingEnabled: true,
      // Execution data holds keys with guests' identity ids: log the path taken, not the data.
      logs: { destination: logGroup, level: LogLevel.ALL, includeExecutionData: false },
    });

    this.failedExecutionsAlarm = countAlarm(this, 'FailedExecutionsAlarm', {
      description: 'image-flip: workflow executions failed or timed out',
      metric: new MathExpression({
        expression: 'failed + timedOut',
        usingMetrics: {
          failed: this.stateMachine.metricFailed({ statistic: 'Sum' }),
          timedOut: this.stateMachine.metricTimedOut({ statistic: 'Sum' }),
        },
        period: Duration.minutes(5),
      }),
    });
  }
}

/**
 * Lambda's own errors first (several attempts); then anything the step threw — an S3 503, a
 * timeout — twice more. Safe because both steps are idempotent and return permanent refusals
 * as results, so a throw is never the upload's fault.
 */
function withLambdaRetries<T extends TaskStateBase>(task: T): T {
  task.addRetry({
    errors: [...TaskErrors.lambdaTransient],
    interval: Duration.seconds(1),
    backoffRate: 2,
    maxAttempts: 4,
    maxDelay: Duration.seconds(10),
    jitterStrategy: JitterType.FULL,
  });
  task.addRetry({
    errors: [STEP_ERRORS],
    interval: Duration.seconds(2),
    backoffRate: 2,
    maxAttempts: 2,
    jitterStrategy: JitterType.FULL,
  });
  return task;
}

function withPublishRetries<T extends TaskStateBase>(task: T): T {
  task.addRetry({
    errors: [...TaskErrors.eventBridgeTransient],
    interval: Duration.seconds(1),
    backoffRate: 2,
    maxAttempts: 3,
    jitterStrategy: JitterType.FULL,
  });
  return task;
}
