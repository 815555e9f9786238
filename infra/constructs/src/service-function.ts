import { HANDLER_ERROR_METRIC } from '@booktrip/lambda-kit/definition';
import { Duration, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { Architecture, LoggingFormat, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import {
  NodejsFunction,
  type BundlingOptions,
  type NodejsFunctionProps,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { join } from 'node:path';
import { acknowledge } from './acknowledge';
import { countAlarm, METRICS_NAMESPACE, serviceMetric } from './count-alarm';
import { serviceBundling } from './service-bundling';
import { ServiceStack } from './service-stack';
import { SERVICE_TAG_KEY } from './tags';
import { workspaceRoot } from './workspace-root';

export interface ServiceFunctionProps extends Omit<NodejsFunctionProps, 'entry' | 'bundling'> {
  /** Absolute path of the handler file (see `appEntry`). */
  entry: string;
  /** Powertools service name: logs, traces and metrics dimension. */
  service: string;
  /** Merged over our bundling defaults, never replacing them wholesale. */
  bundling?: Partial<BundlingOptions>;
  /**
   * Removal policy of the log group created here (ignored when `logGroup` is given). Default:
   * retain in production, destroy in other stages of a ServiceStack, retain elsewhere.
   */
  logRemovalPolicy?: RemovalPolicy;
}

/**
 * NodejsFunction with BookTrip's defaults: newest Node.js runtime, arm64, bundled by the local
 * esbuild (never Docker) into one minified CommonJS file with source maps, X-Ray active, JSON
 * logs in a log group with retention, Powertools env, and alarms on errors. The caller's props
 * are merged, so `environment` adds to ours instead of dropping it.
 *
 * The function and its role are tagged `booktrip:service=<service>`, overriding the stack's tag:
 * the role's principal tag is what the platform bus policy checks before it accepts events of
 * source `booktrip.<service>` (e.g. the lex-fulfilment function lives in the lex-bot stack).
 */
export class ServiceFunction extends NodejsFunction {
  /** Lambda's own Errors metric (uncaught errors, timeouts). */
  readonly errorAlarm: Alarm;
  /** Errors the handler's error policy caught and mapped (lambda-kit's `HandlerErrors`). */
  readonly handledErrorAlarm: Alarm;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    const { service, environment, bundling, logRemovalPolicy, ...rest } = props;
    const logGroup =
      rest.logGroup ??
      new LogGroup(scope, `${id}Logs`, {
        retention: RetentionDays.ONE_MONTH,
        removalPolicy: logRemovalPolicy ?? defaultLogRemovalPolicy(scope),
      });
    Tags.of(logGroup).add(SERVICE_TAG_KEY, service);
    super(scope, id, {
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: Duration.seconds(10),
      tracing: Tracing.ACTIVE,
      loggingFormat: LoggingFormat.JSON,
      logGroup,
      projectRoot: workspaceRoot,
      depsLockFilePath: join(workspaceRoot, 'package-lock.json'),
      ...rest,
      environment: {
        POWERTOOLS_SERVICE_NAME: service,
        POWERTOOLS_METRICS_NAMESPACE: METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        ...environment,
      },
      bundling: serviceBundling(bundling),
    });

    Tags.of(this).add(SERVICE_TAG_KEY, service);

    this.errorAlarm = countAlarm(this, 'ErrorsAlarm', {
      description: `${service}: ${id} threw or timed out`,
      metric: this.metricErrors({ period: Duration.minutes(5) }),
    });
    this.handledErrorAlarm = countAlarm(this, 'HandledErrorsAlarm', {
      description: `${service}: ${id} reported errors it handled (${HANDLER_ERROR_METRIC} metric)`,
      metric: serviceMetric(service, HANDLER_ERROR_METRIC),
    });

    acknowledge(
      this.role,
      'AwsSolutions-IAM4',
      'AWS-managed basic execution role: CloudWatch Logs writes only, the Lambda default.',
      { policies: [LAMBDA_BASIC_EXECUTION_POLICY] },
    );
    acknowledge(
      this.role,
      'AwsSolutions-IAM5',
      'X-Ray PutTraceSegments/PutTelemetryRecords (tracing ACTIVE) accept only Resource "*".',
      { resources: ['*'] },
    );
  }
}

/** How cdk-nag names the AWS-managed policy every Lambda role gets (CDK's default). */
export const LAMBDA_BASIC_EXECUTION_POLICY =
  'arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole';

/** Production keeps its logs when a stack is deleted; other stages clean up after themselves. */
function defaultLogRemovalPolicy(scope: Construct): RemovalPolicy {
  const stack = Stack.of(scope);
  if (stack instanceof ServiceStack && !stack.isProduction) return RemovalPolicy.DESTROY;
  return RemovalPolicy.RETAIN;
}
