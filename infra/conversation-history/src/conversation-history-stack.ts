import { Arn, CfnOutput, CfnParameter, Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AuthorizationType,
  LambdaIntegration,
  type IResource,
  type Method,
  type Model,
  type RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import {
  ServiceFunction,
  ServiceStack,
  acknowledge,
  appEntry,
  bindEnvironment,
  countAlarm,
  nagRef,
  pascalCase,
  serviceAlarms,
  type Binding,
  type ServiceStackProps,
} from '@booktrip/constructs';
import {
  historyDefinition,
  type HistoryFunction,
  type TableAccess,
} from '@booktrip/conversation-history/definition';
import { outputKeyOf } from '@booktrip/events';
import type { Construct } from 'constructs';
import { acknowledgeApiFindings, allowGuestsToInvoke, createHistoryApi } from './history-api';
import { conversationTokenKeySource, cursorKeySource } from './history-secrets';
import { createHistoryTable } from './history-table';
import { requestParameters, toDraft4 } from './openapi-document';

const APP = 'conversation-history';

export type ConversationHistoryStackProps = ServiceStackProps;

export { LOCAL_CURSOR_SIGNING_KEY } from './history-secrets';

/**
 * Conversation history: the History table, the queue the event rules feed and its consumer,
 * and the REST API under /v1 (IAM auth for guests), one least-privilege function per route.
 *
 * CORS: the allowed origin is the chat page's, which the chat-web stack publishes in SSM. It is
 * read at run time by the functions (cached 5 minutes), not at deploy time: the page's
 * config.json needs this API's URL at its deploy, so a deploy-time read here would be a cycle.
 * The preflights (OPTIONS, unauthenticated) go to a small function that reads the same value.
 * API Gateway's own 4xx/5xx say `Access-Control-Allow-Origin: *` (see `history-api.ts`).
 */
export class ConversationHistoryStack extends ServiceStack {
  readonly table: Table;
  readonly api: RestApi;
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly consumer: ServiceFunction;
  readonly routeFunctions: Record<string, ServiceFunction> = {};
  readonly preflightFunction: ServiceFunction;
  /** The SSM parameter (the chat-web stack's) the functions read the page's origin from. */
  readonly originParameterName: string;

  constructor(scope: Construct, id: string, props: ConversationHistoryStackProps) {
    super(scope, id, props);
    const removalPolicy = this.isProduction ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    this.refuseStaleOriginContext();
    this.originParameterName = this.ssm.chatWeb.origin;
    const allowedOriginParameter: Binding = {
      value: this.originParameterName,
      grant: (fn) => this.allowOriginReads(fn),
    };

    this.table = createHistoryTable(this, 'HistoryTable', { production: this.isProduction });

    // ---- Events → queue → consumer -------------------------------------------------------
    this.deadLetterQueue = new Queue(this, 'EventsDeadLetterQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy,
    });
    this.queue = new Queue(this, 'EventsQueue', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      // Six times the consumer's timeout, as Lambda's SQS guidance asks.
      visibilityTimeout: Duration.seconds(180),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: 5 },
      removalPolicy,
    });
    const bus = EventBus.fromEventBusName(
      this,
      'Bus',
      this.sharedValue(this.ssm.platform.eventBusName),
    );
    for (const contract of historyDefinition.consumes) {
      new Rule(this, `${pascalCase(contract.detailType)}Rule`, {
        eventBus: bus,
        description: `${contract.detailType} → conversation-history queue`,
        eventPattern: {
          source: contract.pattern.source,
          detailType: contract.pattern['detail-type'],
          // An event of no conversation (an upload at a malformed key, a malformed request)
          // belongs to no timeline: not forwarded, rather than retried into the DLQ.
          detail: { metadata: { conversationId: [{ exists: true }] } },
        },
        targets: [new SqsQueue(this.queue, this.ruleTargetDelivery())],
      });
    }

    const { recordEvents } = historyDefinition.functions;
    this.consumer = this.historyFunction('RecordEventsFunction', recordEvents, {
      description: 'Records consumed events as conversation timeline entries',
    });
    bindEnvironment(this.consumer, recordEvents.env, {
      table: this.tableBinding(recordEvents.table),
    });
    this.consumer.addEventSource(
      // No batching window: a person is watching the timeline for the flipped picture or the
      // booking's outcome, and at chat traffic a 1 s window saved few invocations (it was most
      // of an upload's time to appear). Under load, batches still fill up to 10 on their own.
      new SqsEventSource(this.queue, {
        batchSize: 10,
        reportBatchItemFailures: true,
      }),
    );

    countAlarm(this, 'DeadLetterQueueAlarm', {
      description:
        'conversation-history: events that failed their contract or kept failing are in the DLQ',
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(5),
        statistic: 'Maximum',
      }),
    });
    serviceAlarms(this, props.service, historyDefinition.alarms);

    // ---- REST API ----------------------------------------------------------------------
    const cursorKey = cursorKeySource(this, removalPolicy);
    const tokenKey = conversationTokenKeySource(this, removalPolicy);

    this.api = createHistoryApi(this, removalPolicy);

    const validators = {
      params: this.api.addRequestValidator('ParametersValidator', {
        validateRequestParameters: true,
      }),
      bodyAndParams: this.api.addRequestValidator('BodyAndParametersValidator', {
        validateRequestParameters: true,
        validateRequestBody: true,
      }),
    };
    const outputBucketName = this.sharedValue(this.ssm.imageFlip.outputBucketName);

    for (const route of historyDefinition.routes) {
      const { handler } = route;
      const definition: HistoryFunction = historyDefinition.functions[handler];
      const fn = this.historyFunction(`${pascalCase(handler)}Function`, definition, {
        description: `${route.method} ${route.path}: ${route.summary}`,
      });
      bindEnvironment(fn, definition.env, {
        ...(definition.table ? { table: this.tableBinding(definition.table) } : {}),
        allowedOriginParameter,
        ...(definition.readsCursorKey ? cursorKey : {}),
        ...(handler === 'create-conversation' ? tokenKey : {}),
        ...(definition.readsFlippedImages
          ? {
              outputBucket: {
                value: outputBucketName,
                grant: () => this.allowFlippedImageReads(fn, outputBucketName),
              },
            }
          : {}),
      });
      this.routeFunctions[handler] = fn;

      const request = historyDefinition.routeRequest(route);
      let models: Record<string, Model> | undefined;
      if (request.body) {
        models = {
          'application/json': this.api.addModel(`${pascalCase(handler)}Body`, {
            contentType: 'application/json',
            schema: toDraft4({
              $schema: 'http://json-schema.org/draft-04/schema#',
              ...request.body,
            }),
          }),
        };
      }
      this.api.root.resourceForPath(route.path).addMethod(route.method, new LambdaIntegration(fn), {
        operationName: route.operationId,
        requestParameters: requestParameters(request.parameters),
        requestValidator: request.body ? validators.bodyAndParams : validators.params,
        ...(models ? { requestModels: models } : {}),
      });
    }

    const { corsPreflight } = historyDefinition.functions;
    this.preflightFunction = this.historyFunction('CorsPreflightFunction', corsPreflight, {
      description: "OPTIONS on every route's resource: CORS preflights for the chat page's origin",
    });
    bindEnvironment(this.preflightFunction, corsPreflight.env, { allowedOriginParameter });
    const preflight = new LambdaIntegration(this.preflightFunction);
    const routePaths = [...new Set(historyDefinition.routes.map((route) => route.path))];
    for (const path of routePaths) {
      this.allowPreflight(this.api.root.resourceForPath(path), preflight);
    }

    allowGuestsToInvoke(this, this.api);
    acknowledgeApiFindings(this.api);

    this.share('ApiUrlParameter', this.ssm.conversationHistory.apiUrl, this.api.url);
    this.share('ApiIdParameter', this.ssm.conversationHistory.apiId, this.api.restApiId);
    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
  }

  /** A function of the definition, with its handler file and timeout. */
  private historyFunction(
    id: string,
    definition: HistoryFunction,
    props: { description: string },
  ): ServiceFunction {
    return new ServiceFunction(this, id, {
      entry: appEntry(APP, definition.entry),
      service: this.service,
      description: props.description,
      ...(definition.timeoutSeconds
        ? { timeout: Duration.seconds(definition.timeoutSeconds) }
        : {}),
    });
  }

  /** The table's name, granting exactly the actions the code uses, on the table or indexes. */
  private tableBinding(access: TableAccess): Binding {
    const resources = [
      ...(access.onTable === false ? [] : [this.table.tableArn]),
      ...(access.indexes ?? []).map((index) => `${this.table.tableArn}/index/${index}`),
    ];
    return {
      value: this.table.tableName,
      grant: (fn) =>
        fn.addToRolePolicy(new PolicyStatement({ actions: [...access.actions], resources })),
    };
  }

  /**
   * The origin used to be context `webOrigin`; a deploy command that still passes it would
   * believe it sets something. Refused, with where the origin comes from now.
   */
  private refuseStaleOriginContext(): void {
    if (this.node.tryGetContext('webOrigin') === undefined) return;
    throw new Error(
      `Context webOrigin is no longer read: the history API's CORS origin is the chat page's, read at run time from SSM ${this.ssm.chatWeb.origin} (the chat-web stack publishes it). Drop -c webOrigin.`,
    );
  }

  /** `ssm:GetParameter` on the page's origin parameter, and nothing else of SSM. */
  private allowOriginReads(fn: LambdaFunction): void {
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['ssm:GetParameter'],
        resources: [
          Arn.format(
            {
              service: 'ssm',
              resource: 'parameter',
              resourceName: this.originParameterName.replace(/^\//, ''),
            },
            this,
          ),
        ],
      }),
    );
  }

  /**
   * OPTIONS on a route's resource, answered by the preflight function. Unauthenticated: a
   * browser sends a preflight without credentials, and would refuse the signed call after a 403.
   */
  private allowPreflight(resource: IResource, integration: LambdaIntegration): Method {
    const method = resource.addMethod('OPTIONS', integration, {
      authorizationType: AuthorizationType.NONE,
    });
    acknowledge(
      method,
      'AwsSolutions-APIG4',
      "A CORS preflight: browsers send OPTIONS without credentials, so it cannot use IAM auth. It answers only CORS headers (for the chat page's origin) and reads no data; every other method uses IAM auth.",
    );
    return method;
  }

  private allowFlippedImageReads(fn: ServiceFunction, bucketName: string): void {
    const outputObjects = `${outputKeyOf('')}*`;
    fn.addToRolePolicy(
      new PolicyStatement({
        actions: ['s3:GetObject', 's3:GetObjectVersion'],
        resources: [
          Arn.format(
            {
              service: 's3',
              region: '',
              account: '',
              resource: bucketName,
              resourceName: outputObjects,
            },
            this,
          ),
        ],
      }),
    );
    acknowledge(
      fn.role,
      'AwsSolutions-IAM5',
      `Presigns GETs of flipped images: keys under ${outputKeyOf('')} of the image-flip output bucket, read only; the code signs only the caller's own uploads to the conversation.`,
      {
        resources: [
          `arn:<AWS::Partition>:s3:::${nagRef(this.ssmParameter(this.ssm.imageFlip.outputBucketName))}/${outputObjects}`,
        ],
      },
    );
  }

  /** The template parameter `sharedValue(name)` created for an SSM parameter. */
  private ssmParameter(name: string): CfnParameter {
    const found = this.node
      .findAll()
      .find((c): c is CfnParameter => c instanceof CfnParameter && c.default === name);
    if (!found) throw new Error(`No template parameter reads ${name}`);
    return found;
  }
}
