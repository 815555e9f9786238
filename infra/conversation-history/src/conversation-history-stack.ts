import { Arn, CfnOutput, CfnParameter, Duration, RemovalPolicy } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  ResponseType,
  RestApi,
  type IResource,
  type Method,
  type Model,
} from 'aws-cdk-lib/aws-apigateway';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { SqsQueue } from 'aws-cdk-lib/aws-events-targets';
import { Policy, PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import {
  LOCAL_STAGE,
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
import {
  conversationTokenSecretParameter,
  LOCAL_CONVERSATION_TOKEN_KEY,
  outputKeyOf,
} from '@booktrip/events';
import type { Construct } from 'constructs';
import { createHistoryTable } from './history-table';
import { requestParameters, toDraft4 } from './openapi-document';

const APP = 'conversation-history';

export type ConversationHistoryStackProps = ServiceStackProps;

/** The `local` stage's cursor key: public on purpose, it protects nothing but a dev machine. */
export const LOCAL_CURSOR_SIGNING_KEY = 'local-stage-cursor-signing-key-not-a-secret-0000';

/**
 * Conversation history: the History table, the queue the event rules feed and its consumer,
 * and the REST API under /v1 (IAM auth for guests), one least-privilege function per route.
 *
 * CORS: the allowed origin is the chat page's, which the chat-web stack publishes in SSM. It is
 * read at run time by the functions (cached 5 minutes), not at deploy time: the page's
 * config.json needs this API's URL at its deploy, so a deploy-time read here would be a cycle.
 * The preflights (OPTIONS, unauthenticated) go to a small function that reads the same value.
 * API Gateway's own 4xx/5xx say `Access-Control-Allow-Origin: *` (see `addErrorResponses`).
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
    const cursorKey = this.cursorKeySource(removalPolicy);
    const tokenKey = this.conversationTokenKeySource(removalPolicy);

    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy,
    });
    this.api = new RestApi(this, 'Api', {
      description: 'BookTrip conversation history (versioned under /v1)',
      endpointTypes: [EndpointType.REGIONAL],
      cloudWatchRole: true,
      cloudWatchRoleRemovalPolicy: RemovalPolicy.RETAIN,
      deployOptions: {
        stageName: 'live',
        accessLogDestination: new LogGroupLogDestination(accessLogs),
        accessLogFormat: AccessLogFormat.jsonWithStandardFields(),
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        metricsEnabled: true,
        tracingEnabled: true,
        throttlingRateLimit: 50,
        throttlingBurstLimit: 100,
      },
      defaultMethodOptions: { authorizationType: AuthorizationType.IAM },
    });
    this.addErrorResponses();

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

    this.allowGuestsToInvoke();
    this.acknowledgeApiFindings();

    this.share('ApiUrlParameter', this.ssm.conversationHistory.apiUrl, this.api.url);
    this.share('ApiIdParameter', this.ssm.conversationHistory.apiId, this.api.restApiId);
    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
  }

  /**
   * The cursor HMAC key. In AWS: generated once by Secrets Manager; the listing functions get
   * its ARN and read it at run time (cached), so the value is in neither the template, the
   * repository nor any function configuration. The local cloud has no Secrets Manager and
   * nothing to protect: it gets a fixed, public, local-only key in the environment.
   */
  private cursorKeySource(
    removalPolicy: RemovalPolicy,
  ): { cursorSigningKey: string } | { cursorKeySecretArn: Binding } {
    if (this.stage === LOCAL_STAGE) return { cursorSigningKey: LOCAL_CURSOR_SIGNING_KEY };
    const secret = new Secret(this, 'CursorSigningKey', {
      description: 'HMAC key that signs conversation-history page cursors',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy,
    });
    acknowledge(
      secret,
      'AwsSolutions-SMG4',
      'Signs short-lived page cursors only: rotating it merely invalidates open cursors, so a manual rotation (new secret value, picked up within 5 minutes) needs no rotation Lambda.',
    );
    return {
      cursorKeySecretArn: { value: secret.secretArn, grant: (fn) => secret.grantRead(fn) },
    };
  }

  /**
   * The conversation token key (issue 18): `POST /v1/conversations` signs each new conversation
   * id with it, and the lex-bot stack's code hook verifies the token of every turn with it. In
   * AWS: generated once by Secrets Manager, only the create function may read it here, and its ARN
   * is published in SSM for the lex-bot stack, which grants its own function the read. The local
   * cloud gets the public local key in the environment of both.
   */
  private conversationTokenKeySource(
    removalPolicy: RemovalPolicy,
  ): { tokenKey: string } | { tokenKeySecretArn: Binding } {
    if (this.stage === LOCAL_STAGE) return { tokenKey: LOCAL_CONVERSATION_TOKEN_KEY };
    const secret = new Secret(this, 'ConversationTokenKey', {
      description:
        'HMAC key of conversation tokens (issued by the history API, checked by the code hook)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy,
    });
    acknowledge(
      secret,
      'AwsSolutions-SMG4',
      'Rotating it would end every open chat (their tokens no longer verify); a manual rotation, picked up by both services within 5 minutes, is the deliberate way to do that, so no rotation Lambda.',
    );
    this.share(
      'ConversationTokenSecretParameter',
      conversationTokenSecretParameter(this.stage),
      secret.secretArn,
    );
    return {
      tokenKeySecretArn: { value: secret.secretArn, grant: (fn) => secret.grantRead(fn) },
    };
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

  /** The guests' role (platform stack) may call /v1/* of this API and nothing else here. */
  private allowGuestsToInvoke(): void {
    const guestRole = Role.fromRoleName(
      this,
      'GuestRole',
      this.sharedValue(this.ssm.platform.guestRoleName),
    );
    const policy = new Policy(this, 'GuestInvokePolicy', {
      roles: [guestRole],
      statements: [
        new PolicyStatement({
          actions: ['execute-api:Invoke'],
          resources: [this.api.arnForExecuteApi('*', '/v1/*', this.api.deploymentStage.stageName)],
        }),
      ],
    });
    const restApi = nagRef(this.api);
    const stage = nagRef(this.api.deploymentStage);
    acknowledge(
      policy,
      'AwsSolutions-IAM5',
      'Any method under /v1/* of this API and stage: the API checks the caller owns each conversation; the wildcard stands for route and id, not for other APIs or versions.',
      {
        resources: [
          `arn:<AWS::Partition>:execute-api:<AWS::Region>:<AWS::AccountId>:${restApi}/${stage}/*/v1/*`,
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

  /**
   * API Gateway's own 4xx/5xx (validation, auth, throttling, integration failures) answer
   * `{ message, code }` with `Access-Control-Allow-Origin: *`, so the page can tell throttled
   * from unavailable. A gateway response cannot compare the request's Origin with the page's (it
   * maps headers from literals or request values, with no condition, and cannot read SSM):
   * reflecting `method.request.header.Origin` would allow every origin while looking as if it
   * did not. `*` says so plainly, and exposes nothing: these bodies hold no one's data (the
   * ACCESS_DENIED message names only the caller), the API authenticates with SigV4 headers
   * rather than cookies, and a browser never sends another origin's signed call, since its
   * preflight fails. Responses with data come from the functions, for the page's origin only.
   */
  private addErrorResponses(): void {
    const headers = { 'Access-Control-Allow-Origin': "'*'" };
    const body = (code: string) => ({
      'application/json': `{"message":$context.error.messageString,"code":"${code}"}`,
    });
    this.api.addGatewayResponse('BadRequestParameters', {
      type: ResponseType.BAD_REQUEST_PARAMETERS,
      responseHeaders: headers,
      templates: body('BAD_REQUEST'),
    });
    this.api.addGatewayResponse('BadRequestBody', {
      type: ResponseType.BAD_REQUEST_BODY,
      responseHeaders: headers,
      templates: body('BAD_REQUEST'),
    });
    this.api.addGatewayResponse('Default4xx', {
      type: ResponseType.DEFAULT_4XX,
      responseHeaders: headers,
    });
    this.api.addGatewayResponse('Default5xx', {
      type: ResponseType.DEFAULT_5XX,
      responseHeaders: headers,
    });
  }

  private acknowledgeApiFindings(): void {
    acknowledge(
      this.api,
      'AwsSolutions-APIG3',
      'WAF is optional in the architecture: IAM auth (no anonymous callers), throttling and request validation guard this API.',
    );
    acknowledge(
      this.api,
      'AwsSolutions-COG4',
      'Guests authenticate with Cognito identity-pool credentials through IAM (SigV4) auth, not a user-pool authorizer.',
    );
    acknowledge(
      this.api,
      'AwsSolutions-IAM4',
      "API Gateway's account-level logging role: the AWS-managed policy is the documented way to let API Gateway write execution logs.",
      {
        policies: [
          'arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs',
        ],
      },
    );
  }
}
