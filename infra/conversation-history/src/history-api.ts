import { RemovalPolicy } from 'aws-cdk-lib';
import {
  AccessLogFormat,
  AuthorizationType,
  EndpointType,
  LogGroupLogDestination,
  MethodLoggingLevel,
  ResponseType,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import { Policy, PolicyStatement, Role } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { acknowledge, nagRef, type ServiceStack } from '@booktrip/constructs';

// Functions on the stack, not a Construct: a construct scope would change every logical id
// under it, and CloudFormation would replace the deployed API (and its URL) for a refactor.

/**
 * The REST API (regional, IAM auth by default, access logs, X-Ray, throttled), with API
 * Gateway's own error responses. Routes are added by the stack.
 */
export function createHistoryApi(stack: ServiceStack, removalPolicy: RemovalPolicy): RestApi {
  const accessLogs = new LogGroup(stack, 'ApiAccessLogs', {
    retention: RetentionDays.ONE_MONTH,
    removalPolicy,
  });
  const api = new RestApi(stack, 'Api', {
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
  addErrorResponses(api);
  return api;
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
function addErrorResponses(api: RestApi): void {
  const headers = { 'Access-Control-Allow-Origin': "'*'" };
  const body = (code: string) => ({
    'application/json': `{"message":$context.error.messageString,"code":"${code}"}`,
  });
  api.addGatewayResponse('BadRequestParameters', {
    type: ResponseType.BAD_REQUEST_PARAMETERS,
    responseHeaders: headers,
    templates: body('BAD_REQUEST'),
  });
  api.addGatewayResponse('BadRequestBody', {
    type: ResponseType.BAD_REQUEST_BODY,
    responseHeaders: headers,
    templates: body('BAD_REQUEST'),
  });
  api.addGatewayResponse('Default4xx', {
    type: ResponseType.DEFAULT_4XX,
    responseHeaders: headers,
  });
  api.addGatewayResponse('Default5xx', {
    type: ResponseType.DEFAULT_5XX,
    responseHeaders: headers,
  });
}

/** The guests' role (platform stack) may call /v1/* of this API and nothing else here. */
export function allowGuestsToInvoke(stack: ServiceStack, api: RestApi): void {
  const guestRole = Role.fromRoleName(
    stack,
    'GuestRole',
    stack.sharedValue(stack.ssm.platform.guestRoleName),
  );
  const policy = new Policy(stack, 'GuestInvokePolicy', {
    roles: [guestRole],
    statements: [
      new PolicyStatement({
        actions: ['execute-api:Invoke'],
        resources: [api.arnForExecuteApi('*', '/v1/*', api.deploymentStage.stageName)],
      }),
    ],
  });
  const restApi = nagRef(api);
  const stage = nagRef(api.deploymentStage);
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

/** cdk-nag findings on the API that are decisions of the architecture, with the reasons. */
export function acknowledgeApiFindings(api: RestApi): void {
  acknowledge(
    api,
    'AwsSolutions-APIG3',
    'WAF is optional in the architecture: IAM auth (no anonymous callers), throttling and request validation guard this API.',
  );
  acknowledge(
    api,
    'AwsSolutions-COG4',
    'Guests authenticate with Cognito identity-pool credentials through IAM (SigV4) auth, not a user-pool authorizer.',
  );
  acknowledge(
    api,
    'AwsSolutions-IAM4',
    "API Gateway's account-level logging role: the AWS-managed policy is the documented way to let API Gateway write execution logs.",
    {
      policies: [
        'arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonAPIGatewayPushToCloudWatchLogs',
      ],
    },
  );
}
