import type { LocalResource } from '../edge/contracts';
import { functionNameOf } from '../assembly/local-arns';
import { restApiRootResourceId } from '../assembly/resolve-intrinsics';

/** A method of a resource, as the template declares it. */
export interface MethodModel {
  httpMethod: string;
  authorizationType: 'NONE' | 'AWS_IAM';
  integration:
    | { type: 'AWS_PROXY'; functionArn: string; timeoutMs: number }
    | { type: 'MOCK'; statusCode: number; headers: Record<string, string>; body?: string };
  /** Content type → model name. */
  requestModels: Record<string, string>;
  /** `method.request.querystring.limit` → required. */
  requestParameters: Record<string, boolean>;
  validator?: { body: boolean; parameters: boolean };
}

export interface ResourceNode {
  id: string;
  pathPart: string;
  /** The resource path template, e.g. `/v1/conversations/{id}`. */
  path: string;
  children: ResourceNode[];
  methods: Map<string, MethodModel>;
}

export interface GatewayResponseModel {
  statusCode?: number;
  headers: Record<string, string>;
  templates: Record<string, string>;
}

export interface RestApiModel {
  apiId: string;
  name: string;
  stackName: string;
  /** Stage name → its stage variables. */
  stages: Map<string, Record<string, string>>;
  root: ResourceNode;
  /** Model name → its JSON Schema (draft-04). */
  models: Map<string, object>;
  /** Response type (`DEFAULT_4XX`, `BAD_REQUEST_BODY`, …) → its customization. */
  gatewayResponses: Map<string, GatewayResponseModel>;
  binaryMediaTypes: string[];
}

const IGNORED_METHOD_AUTH = new Set(['NONE', 'AWS_IAM']);

/**
 * Every `AWS::ApiGateway::RestApi` of the resources with its resources, methods, models,
 * validators, stages and gateway responses. What the local API Gateway cannot do faithfully
 * (authorizers, non-proxy AWS/HTTP integrations, mapping templates with logic) is refused,
 * naming the resource, so a start-up never serves an API that behaves differently.
 */
export function restApiModels(resources: readonly LocalResource[]): RestApiModel[] {
  const of = (type: string) => resources.filter((resource) => resource.type === type);
  const apis = new Map<string, RestApiModel>();
  for (const api of of('AWS::ApiGateway::RestApi')) {
    const properties = api.properties;
    if (properties.Body || properties.BodyS3Location) {
      throw refusal(api, 'an OpenAPI Body is not supported locally; declare resources and methods');
    }
    apis.set(api.physicalId, {
      apiId: api.physicalId,
      name: String(properties.Name ?? api.logicalId),
      stackName: api.stackName,
      stages: new Map(),
      root: { id: '', pathPart: '', path: '/', children: [], methods: new Map() },
      models: new Map(),
      gatewayResponses: new Map(),
      binaryMediaTypes: ((properties.BinaryMediaTypes ?? []) as string[]).map((type) =>
        type.replace('~1', '/'),
      ),
    });
  }
  const apiOf = (resource: LocalResource): RestApiModel => {
    const api = apis.get(String(resource.properties.RestApiId));
    if (!api)
      throw refusal(
        resource,
        `RestApiId ${String(resource.properties.RestApiId)} is not a RestApi of the templates`,
      );
    return api;
  };

  // Resources: a parent that is no resource of the API is its root (`RootResourceId`).
  const nodes = new Map<string, ResourceNode>();
  const pending = of('AWS::ApiGateway::Resource');
  for (const resource of pending) {
    apiOf(resource);
    nodes.set(resource.physicalId, {
      id: resource.physicalId,
      pathPart: String(resource.properties.PathPart),
      path: '',
      children: [],
      methods: new Map(),
    });
  }
  for (const resource of pending) {
    const api = apiOf(resource);
    const node = nodes.get(resource.physicalId)!;
    const parent = nodes.get(String(resource.properties.ParentId)) ?? api.root;
    parent.children.push(node);
  }
  for (const api of apis.values()) {
    api.root.id = restApiRootResourceId(api.apiId);
    fillPaths(api.root);
  }

  const validators = new Map<string, { body: boolean; parameters: boolean }>();
  for (const validator of of('AWS::ApiGateway::RequestValidator')) {
    apiOf(validator);
    validators.set(validator.physicalId, {
      body: validator.properties.ValidateRequestBody === true,
      parameters: validator.properties.ValidateRequestParameters === true,
    });
  }
  for (const model of of('AWS::ApiGateway::Model')) {
    const api = apiOf(model);
    const schema = model.properties.Schema;
    api.models.set(
      model.physicalId,
      typeof schema === 'string' ? (JSON.parse(schema) as object) : ((schema ?? {}) as object),
    );
  }

  for (const method of of('AWS::ApiGateway::Method')) {
    const api = apiOf(method);
    const resourceId = String(method.properties.ResourceId);
    const node = nodes.get(resourceId) ?? api.root;
    const httpMethod = String(method.properties.HttpMethod).toUpperCase();
    node.methods.set(httpMethod, methodModel(method, validators));
  }

  for (const stage of of('AWS::ApiGateway::Stage')) {
    apiOf(stage).stages.set(
      String(stage.properties.StageName ?? stage.physicalId),
      (stage.properties.Variables ?? {}) as Record<string, string>,
    );
  }
  for (const deployment of of('AWS::ApiGateway::Deployment')) {
    const stageName = deployment.properties.StageName;
    if (typeof stageName === 'string') {
      const description = deployment.properties.StageDescription as
        { Variables?: Record<string, string> } | undefined;
      apiOf(deployment).stages.set(stageName, description?.Variables ?? {});
    }
  }

  for (const response of of('AWS::ApiGateway::GatewayResponse')) {
    const { properties } = response;
    apiOf(response).gatewayResponses.set(String(properties.ResponseType), {
      statusCode: properties.StatusCode === undefined ? undefined : Number(properties.StatusCode),
      headers: literalHeaders(
        response,
        (properties.ResponseParameters ?? {}) as Record<string, string>,
        'gatewayresponse.header.',
      ),
      templates: (properties.ResponseTemplates ?? {}) as Record<string, string>,
    });
  }
  return [...apis.values()];
}

function methodModel(
  method: LocalResource,
  validators: Map<string, { body: boolean; parameters: boolean }>,
): MethodModel {
  const { properties } = method;
  const authorizationType = String(properties.AuthorizationType ?? 'NONE');
  if (!IGNORED_METHOD_AUTH.has(authorizationType)) {
    throw refusal(method, `AuthorizationType ${authorizationType} is not supported locally`);
  }
  const integration = (properties.Integration ?? {}) as Record<string, unknown>;
  const validatorId = properties.RequestValidatorId;
  return {
    httpMethod: String(properties.HttpMethod).toUpperCase(),
    authorizationType: authorizationType as MethodModel['authorizationType'],
    integration: integrationModel(method, integration),
    requestModels: (properties.RequestModels ?? {}) as Record<string, string>,
    requestParameters: (properties.RequestParameters ?? {}) as Record<string, boolean>,
    validator: validatorId === undefined ? undefined : validators.get(String(validatorId)),
  };
}

function integrationModel(
  method: LocalResource,
  integration: Record<string, unknown>,
): MethodModel['integration'] {
  switch (integration.Type) {
    case 'AWS_PROXY': {
      const uri = String(integration.Uri ?? '');
      const functionArn = /:lambda:path\/[^/]+\/functions\/(.+)\/invocations$/.exec(uri)?.[1];
      if (!functionArn)
        throw refusal(method, `AWS_PROXY integration ${uri} is not a Lambda function`);
      return {
        type: 'AWS_PROXY',
        functionArn: functionArn.startsWith('arn:') ? functionArn : functionNameOf(functionArn),
        timeoutMs: Number(integration.TimeoutInMillis ?? 29_000),
      };
    }
    case 'MOCK': {
      const responses = (integration.IntegrationResponses ?? []) as {
        StatusCode: string;
        SelectionPattern?: string;
        ResponseParameters?: Record<string, string>;
        ResponseTemplates?: Record<string, string>;
      }[];
      // The request template picks the response; CDK's CORS mocks have one default response.
      const response = responses.find((candidate) => !candidate.SelectionPattern) ?? responses[0];
      const body = response?.ResponseTemplates?.['application/json'];
      if (body?.includes('$')) {
        throw refusal(method, 'MOCK response templates with VTL are not supported locally');
      }
      return {
        type: 'MOCK',
        statusCode: Number(response?.StatusCode ?? 200),
        headers: literalHeaders(
          method,
          response?.ResponseParameters ?? {},
          'method.response.header.',
        ),
        body,
      };
    }
    default:
      throw refusal(
        method,
        `${String(integration.Type)} integrations are not supported locally (AWS_PROXY and MOCK are)`,
      );
  }
}

/** `{ "<prefix>X": "'value'" }` → `{ X: value }`; only static values can be served locally. */
function literalHeaders(
  resource: LocalResource,
  parameters: Record<string, string>,
  prefix: string,
): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(parameters)) {
    if (!key.startsWith(prefix)) continue;
    const literal = /^'(.*)'$/s.exec(String(value));
    if (!literal) throw refusal(resource, `${key} = ${String(value)} is not a static value`);
    headers[key.slice(prefix.length)] = literal[1]!;
  }
  return headers;
}

function fillPaths(node: ResourceNode, parentPath = ''): void {
  node.path = node.pathPart ? `${parentPath}/${node.pathPart}` : '/';
  for (const child of node.children) fillPaths(child, node.path === '/' ? '' : node.path);
}

function refusal(resource: LocalResource, problem: string): Error {
  return new Error(`${resource.type} ${resource.stackName}/${resource.logicalId}: ${problem}`);
}
