import { randomUUID } from 'node:crypto';
import type {
  Authorize,
  EdgeRequest,
  EdgeResponse,
  EdgeService,
  LocalLambda,
  LocalResource,
} from '../edge/contracts';
import { gatewayResponse, type GatewayError } from './gateway-responses';
import { matchRoute } from './match-route';
import { proxyEvent } from './proxy-event';
import { proxyResponse } from './proxy-response';
import { requestValidator, type RequestValidator } from './request-validation';
import { restApiModels, type MethodModel, type RestApiModel } from './rest-api-model';
import { parseRestApiPath, REST_API_PATH_PREFIX, restApiUrl } from './rest-api-url';

export interface ApiGatewayServiceDeps {
  /** Every resource of the loaded stacks; the `AWS::ApiGateway::*` ones are taken. */
  resources: readonly LocalResource[];
  region: string;
  accountId: string;
  /** The edge's base URL, for the stages' URLs. */
  endpoint: string;
  /** Guests' IAM decisions: `execute-api:Invoke` on the method's execute-api ARN. */
  authorize: Authorize;
  /** Runs the `AWS_PROXY` integrations' functions. */
  lambda: LocalLambda;
  /** One access-log line per request. */
  log?: (line: string) => void;
}

export interface RestApiStageInfo {
  apiId: string;
  name: string;
  stackName: string;
  stage: string;
  url: string;
}

export interface ApiGatewayService {
  service: EdgeService;
  /** Every stage of every API with its local URL (what lc-core publishes for the deployed URL). */
  stages(): RestApiStageInfo[];
  stop(): Promise<void>;
}

/**
 * API Gateway (REST) for the local cloud: the templates' APIs served under
 * `restApiUrl(endpoint, apiId, stage)`, Lambda proxy integrations, `AWS_IAM` auth (unsigned →
 * 403 Missing Authentication Token, guests judged by their role's policies), request
 * validation, MOCK integrations (CORS preflights) and gateway responses as the template
 * customizes them.
 */
export function createApiGatewayService(deps: ApiGatewayServiceDeps): ApiGatewayService {
  const log = deps.log ?? (() => undefined);
  const apis = new Map(restApiModels(deps.resources).map((api) => [api.apiId, api]));
  const validators = new Map<MethodModel, RequestValidator>();
  for (const api of apis.values()) {
    for (const method of methodsOf(api)) validators.set(method, requestValidator(api, method));
  }

  const handle = async (request: EdgeRequest): Promise<EdgeResponse> => {
    const requestId = randomUUID();
    const target = parseRestApiPath(request.path);
    const api = target && apis.get(target.apiId);
    if (!target || !api || !api.stages.has(target.stage)) {
      // API Gateway's answer for an unknown API or stage host.
      return {
        status: 403,
        headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId },
        body: JSON.stringify({ message: 'Forbidden' }),
      };
    }
    const { stage, resourcePath: path } = target;
    const fail = (error: GatewayError, resourcePath?: string) =>
      gatewayResponse(api, error, { requestId, stage, resourcePath });

    const route = matchRoute(api.root, path, request.method);
    if (!route) return fail({ type: 'MISSING_AUTHENTICATION_TOKEN' });
    const { method } = route;

    if (method.authorizationType === 'AWS_IAM') {
      const { caller } = request;
      if (caller.kind === 'anonymous') {
        return fail({ type: 'MISSING_AUTHENTICATION_TOKEN' }, route.resource.path);
      }
      const arn = `arn:aws:execute-api:${deps.region}:${deps.accountId}:${api.apiId}/${stage}/${request.method.toUpperCase()}${path}`;
      if (caller.kind === 'guest' && !(await deps.authorize(caller, 'execute-api:Invoke', arn))) {
        return fail(
          {
            type: 'ACCESS_DENIED',
            capitalMessage: true,
            message: `User: ${caller.arn} is not authorized to perform: execute-api:Invoke on resource: ${arn}`,
          },
          route.resource.path,
        );
      }
    }

    const headers = Object.fromEntries(
      Object.entries(request.headers).map(([name, value]) => [
        name,
        Array.isArray(value) ? value.join(', ') : String(value ?? ''),
      ]),
    );
    const invalid = validators.get(method)!({
      contentType: (headers['content-type'] ?? 'application/json')
        .split(';')[0]!
        .trim()
        .toLowerCase(),
      body: request.body,
      query: request.query,
      headers,
      pathParameters: route.pathParameters,
    });
    if (invalid) {
      return fail(
        {
          type: invalid.responseType,
          message: invalid.message,
          validationErrors: invalid.validationErrors,
        },
        route.resource.path,
      );
    }

    const { integration } = method;
    if (integration.type === 'MOCK') {
      return {
        status: integration.statusCode,
        headers: { 'x-amzn-requestid': requestId, ...integration.headers },
        body: integration.body ?? '',
      };
    }

    const event = proxyEvent(request, route, {
      apiId: api.apiId,
      accountId: deps.accountId,
      stage,
      stageVariables: api.stages.get(stage)!,
      path,
      requestId,
      domainName: String(request.headers.host ?? 'localhost'),
      binaryMediaTypes: api.binaryMediaTypes,
      now: new Date(),
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), integration.timeoutMs);
    });
    try {
      const outcome = await Promise.race([
        deps.lambda.invoke(integration.functionArn, event),
        timedOut,
      ]);
      if (outcome === 'timeout') {
        log(
          `${api.name} ${request.method} ${path}: ${integration.functionArn} took over ${integration.timeoutMs} ms`,
        );
        return fail({ type: 'INTEGRATION_TIMEOUT' }, route.resource.path);
      }
      if (outcome.functionError) {
        log(
          `${api.name} ${request.method} ${path}: the function failed: ${JSON.stringify(outcome.payload)}`,
        );
        return fail({ type: 'INTEGRATION_FAILURE' }, route.resource.path);
      }
      const response = proxyResponse(outcome.payload);
      if (!response) {
        log(
          `${api.name} ${request.method} ${path}: malformed Lambda proxy response: ${JSON.stringify(outcome.payload)}`,
        );
        return fail({ type: 'INTEGRATION_FAILURE' }, route.resource.path);
      }
      return { ...response, headers: { 'x-amzn-requestid': requestId, ...response.headers } };
    } catch (error) {
      log(
        `${api.name} ${request.method} ${path}: invoking ${integration.functionArn} failed: ${(error as Error).message}`,
      );
      return fail({ type: 'INTEGRATION_FAILURE' }, route.resource.path);
    } finally {
      clearTimeout(timer);
    }
  };

  const service: EdgeService = {
    signingNames: ['execute-api'],
    // As in AWS: an API's CORS headers are its own (functions, MOCKs, gateway responses); a
    // response without them must reach the browser without, so a wrong origin fails locally too.
    answersOwnCors: true,
    matches: (request) => request.path.startsWith(REST_API_PATH_PREFIX),
    async handle(request) {
      const started = Date.now();
      const response = await handle(request);
      log(`${request.method} ${request.path} → ${response.status} in ${Date.now() - started} ms`);
      return response;
    },
  };

  return {
    service,
    stages: () =>
      [...apis.values()].flatMap((api) =>
        [...api.stages.keys()].map((stage) => ({
          apiId: api.apiId,
          name: api.name,
          stackName: api.stackName,
          stage,
          url: restApiUrl(deps.endpoint, api.apiId, stage),
        })),
      ),
    stop: async () => undefined,
  };
}

function methodsOf(api: RestApiModel): MethodModel[] {
  const methods: MethodModel[] = [];
  const walk = (node: RestApiModel['root']) => {
    methods.push(...node.methods.values());
    node.children.forEach(walk);
  };
  walk(api.root);
  return methods;
}
