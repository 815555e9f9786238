import { App, Stack } from 'aws-cdk-lib';
import {
  AuthorizationType,
  Cors,
  JsonSchemaType,
  JsonSchemaVersion,
  LambdaIntegration,
  ResponseType,
  RestApi,
} from 'aws-cdk-lib/aws-apigateway';
import { Template } from 'aws-cdk-lib/assertions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import {
  createApiGatewayService,
  restApiUrl,
  type ApiGatewayService,
  type Authorize,
  type CfnTemplate,
} from '../../src';
import { fakeLambda } from '../step-functions/support/fake-lambda';
import { templateResources } from '../step-functions/support/template-resources';
import { ADMIN, GUEST, startTestEdge, type TestEdge } from '../step-functions/support/test-edge';
import { apiFetch } from './signed-fetch';

const API_TYPES = [
  'AWS::ApiGateway::RestApi',
  'AWS::ApiGateway::Resource',
  'AWS::ApiGateway::Method',
  'AWS::ApiGateway::Model',
  'AWS::ApiGateway::RequestValidator',
  'AWS::ApiGateway::Stage',
  'AWS::ApiGateway::Deployment',
  'AWS::ApiGateway::GatewayResponse',
];
const ORIGIN = 'http://localhost:3000';

/** An API using each feature the local API Gateway serves, synthesized by CDK. */
function synthesizeApi(): { template: CfnTemplate; apiId: string } {
  const stack = new Stack(new App(), 'Shop');
  const handler = new LambdaFunction(stack, 'Handler', {
    functionName: 'shop-handler',
    runtime: Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: Code.fromInline('exports.handler = async () => ({})'),
  });
  const integration = new LambdaIntegration(handler);
  const api = new RestApi(stack, 'Api', {
    deployOptions: { stageName: 'live', variables: { color: 'blue' } },
    defaultCorsPreflightOptions: {
      allowOrigins: [ORIGIN],
      allowMethods: ['GET', 'POST'],
      allowHeaders: Cors.DEFAULT_HEADERS,
    },
    defaultMethodOptions: { authorizationType: AuthorizationType.IAM },
    binaryMediaTypes: ['image/png'],
  });
  api.addGatewayResponse('Default4xx', {
    type: ResponseType.DEFAULT_4XX,
    responseHeaders: { 'Access-Control-Allow-Origin': `'${ORIGIN}'` },
  });
  api.addGatewayResponse('Default5xx', {
    type: ResponseType.DEFAULT_5XX,
    responseHeaders: { 'Access-Control-Allow-Origin': `'${ORIGIN}'` },
  });
  api.addGatewayResponse('BadBody', {
    type: ResponseType.BAD_REQUEST_BODY,
    responseHeaders: { 'Access-Control-Allow-Origin': `'${ORIGIN}'` },
    templates: {
      'application/json': '{"message":$context.error.messageString,"code":"BAD_REQUEST"}',
    },
  });
  const item = api.addModel('Item', {
    contentType: 'application/json',
    schema: {
      schema: JsonSchemaVersion.DRAFT4,
      type: JsonSchemaType.OBJECT,
      required: ['title'],
      properties: { title: { type: JsonSchemaType.STRING, minLength: 1 } },
      additionalProperties: false,
    },
  });
  const items = api.root.addResource('items');
  items.addMethod('POST', integration, {
    requestModels: { 'application/json': item },
    requestValidator: api.addRequestValidator('BodyValidator', { validateRequestBody: true }),
  });
  items.addMethod('GET', integration, {
    requestParameters: { 'method.request.querystring.limit': true },
    requestValidator: api.addRequestValidator('ParametersValidator', {
      validateRequestParameters: true,
    }),
  });
  items.addResource('{id}').addMethod('GET', integration);
  items.addResource('special').addMethod('GET', integration);
  api.root.addResource('files').addProxy({ defaultIntegration: integration, anyMethod: true });
  api.root
    .addResource('public')
    .addMethod('GET', integration, { authorizationType: AuthorizationType.NONE });
  const template = Template.fromStack(stack).toJSON() as CfnTemplate;
  const apiId = Object.keys(template.Resources).find(
    (id) => template.Resources[id]!.Type === 'AWS::ApiGateway::RestApi',
  )!;
  return { template, apiId };
}

describe('API Gateway (REST) service', () => {
  const { template, apiId } = synthesizeApi();
  let edge: TestEdge;
  let gateway: ApiGatewayService;
  let base: string;
  let reply: unknown = { statusCode: 200, body: '{"ok":true}' };
  let guestMay = true;
  const decisions: string[] = [];
  const authorize: Authorize = async (_caller, action, resource) => {
    decisions.push(`${action} ${resource}`);
    return guestMay;
  };
  const functions = fakeLambda({
    'shop-handler': () => {
      if (reply instanceof Error) throw reply;
      return reply;
    },
  });
  const lastEvent = () => functions.calls.at(-1)?.payload as APIGatewayProxyEvent;

  beforeAll(async () => {
    let endpoint = '';
    const service = {
      signingNames: ['execute-api'],
      matches: (request: { path: string }) => gateway.service.matches!(request as never),
      handle: (request: never) => gateway.service.handle(request),
    };
    edge = await startTestEdge(service);
    endpoint = edge.endpoint;
    gateway = createApiGatewayService({
      resources: templateResources({ stackName: 'Shop', template }, API_TYPES),
      region: 'us-east-1',
      accountId: '000000000000',
      endpoint,
      authorize,
      lambda: functions.lambda,
    });
    base = restApiUrl(endpoint, apiId, 'live');
  });
  afterAll(() => edge.stop());
  beforeEach(() => {
    reply = { statusCode: 200, body: '{"ok":true}' };
    guestMay = true;
    decisions.length = 0;
  });

  it('publishes one path-based URL per stage', () => {
    expect(gateway.stages()).toEqual([
      {
        apiId,
        name: 'Api',
        stackName: 'Shop',
        stage: 'live',
        url: `${edge.endpoint}/restapis/${apiId}/live/_user_request_/`,
      },
    ]);
  });

  it("hands the function API Gateway's v1 proxy event, with the guest's identity, and returns its response", async () => {
    reply = {
      statusCode: 201,
      headers: { 'Content-Type': 'application/json' },
      body: '{"id":"7"}',
    };

    const response = await apiFetch(`${base}items`, {
      method: 'POST',
      body: '{"title":"tent"}',
      headers: { 'content-type': 'application/json' },
      credentials: GUEST,
    });

    expect(response.status).toBe(201);
    expect(response.json()).toEqual({ id: '7' });
    expect(response.headers.get('content-type')).toBe('application/json');
    const event = lastEvent();
    expect(event).toMatchObject({
      resource: '/items',
      path: '/items',
      httpMethod: 'POST',
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      pathParameters: null,
      stageVariables: { color: 'blue' },
      body: '{"title":"tent"}',
      isBase64Encoded: false,
      requestContext: {
        resourcePath: '/items',
        httpMethod: 'POST',
        path: '/live/items',
        stage: 'live',
        apiId,
        accountId: '000000000000',
        protocol: 'HTTP/1.1',
        identity: {
          cognitoIdentityId: GUEST.identityId,
          cognitoAuthenticationType: 'unauthenticated',
          userArn: GUEST.arn,
          accessKey: GUEST.accessKeyId,
          accountId: '000000000000',
          sourceIp: '127.0.0.1',
        },
      },
    });
    expect(event.requestContext.identity.caller).toMatch(
      /^AROA[0-9A-F]{17}:CognitoIdentityCredentials$/,
    );
    expect(event.requestContext.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(event.requestContext.requestTime).toMatch(
      /^\d\d\/[A-Z][a-z]{2}\/\d{4}:\d\d:\d\d:\d\d \+0000$/,
    );
    expect(event.headers['content-type']).toBe('application/json');
    expect(event.multiValueHeaders['content-type']).toEqual(['application/json']);
    expect(decisions).toEqual([
      `execute-api:Invoke arn:aws:execute-api:us-east-1:000000000000:${apiId}/live/POST/items`,
    ]);
  });

  it('answers an unsigned call to an AWS_IAM method 403 Missing Authentication Token, with the 4XX headers', async () => {
    const before = functions.calls.length;

    const response = await apiFetch(`${base}items/7`);

    expect(response.status).toBe(403);
    expect(response.json()).toEqual({ message: 'Missing Authentication Token' });
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(functions.calls.length).toBe(before);
  });

  it("answers a guest the role's policies refuse 403, naming the execute-api ARN", async () => {
    guestMay = false;
    const before = functions.calls.length;

    const response = await apiFetch(`${base}items/7`, { credentials: GUEST });

    expect(response.status).toBe(403);
    expect(response.json()).toEqual({
      Message: `User: ${GUEST.arn} is not authorized to perform: execute-api:Invoke on resource: arn:aws:execute-api:us-east-1:000000000000:${apiId}/live/GET/items/7`,
    });
    expect(functions.calls.length).toBe(before);
  });

  it("refuses a body that breaks the model 400 with the template's BAD_REQUEST_BODY response", async () => {
    const before = functions.calls.length;
    for (const body of ['{"title":""}', '{"title":"x","extra":1}', '{}', 'not json']) {
      const response = await apiFetch(`${base}items`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
        credentials: ADMIN,
      });
      expect([body, response.status, response.json()]).toEqual([
        body,
        400,
        { message: 'Invalid request body', code: 'BAD_REQUEST' },
      ]);
      expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    }
    expect(functions.calls.length).toBe(before);
  });

  it('refuses a missing required query string 400 naming it', async () => {
    const missing = await apiFetch(`${base}items`, { credentials: ADMIN });
    expect(missing.status).toBe(400);
    expect(missing.json()).toEqual({ message: 'Missing required request parameters: [limit]' });

    const present = await apiFetch(`${base}items?limit=5`, { credentials: ADMIN });
    expect(present.status).toBe(200);
    expect(lastEvent().queryStringParameters).toEqual({ limit: '5' });
    // Admin credentials: no guest identity.
    expect(lastEvent().requestContext.identity.cognitoIdentityId).toBeNull();
  });

  it('matches literal parts before {param}, and {proxy+} greedily, for any method', async () => {
    await apiFetch(`${base}items/special`, { credentials: ADMIN });
    expect(lastEvent()).toMatchObject({ resource: '/items/special', pathParameters: null });

    await apiFetch(`${base}items/a%20b`, { credentials: ADMIN });
    expect(lastEvent()).toMatchObject({ resource: '/items/{id}', pathParameters: { id: 'a b' } });

    await apiFetch(`${base}files/2026/12/photo.png`, { method: 'DELETE', credentials: ADMIN });
    expect(lastEvent()).toMatchObject({
      resource: '/files/{proxy+}',
      httpMethod: 'DELETE',
      pathParameters: { proxy: '2026/12/photo.png' },
    });

    const unknown = await apiFetch(`${base}nowhere`, { credentials: ADMIN });
    expect(unknown.status).toBe(403);
    expect(unknown.json()).toEqual({ message: 'Missing Authentication Token' });
  });

  it('answers CORS preflights from the OPTIONS mock, without calling a function or asking for a signature', async () => {
    const before = functions.calls.length;

    const response = await apiFetch(`${base}items`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    });

    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET,POST');
    expect(response.headers.get('access-control-allow-headers')).toContain('X-Amz-Date');
    expect(functions.calls.length).toBe(before);
  });

  it('passes multi-value query strings and binary bodies as API Gateway does', async () => {
    await apiFetch(`${base}public?tag=a&tag=b`);
    expect(lastEvent()).toMatchObject({
      queryStringParameters: { tag: 'b' },
      multiValueQueryStringParameters: { tag: ['a', 'b'] },
      requestContext: { identity: { cognitoIdentityId: null, userArn: null } },
    });

    await apiFetch(`${base}files/x.png`, {
      method: 'PUT',
      body: '\u0089PNG',
      headers: { 'content-type': 'image/png' },
      credentials: ADMIN,
    });
    expect(lastEvent().isBase64Encoded).toBe(true);
    expect(Buffer.from(lastEvent().body!, 'base64').toString('utf8')).toBe('\u0089PNG');
  });

  it('decodes a base64 response body and multi-value headers', async () => {
    reply = {
      statusCode: 200,
      headers: { 'content-type': 'text/plain' },
      multiValueHeaders: { 'x-tags': ['a', 'b'] },
      body: Buffer.from('flipped').toString('base64'),
      isBase64Encoded: true,
    };

    const response = await apiFetch(`${base}public`);

    expect(response.text).toBe('flipped');
    expect(response.headers.get('x-tags')).toBe('a, b');
  });

  it.each([
    ['a function error', new Error('boom')],
    ['a body that is no string', { statusCode: 200, body: { ok: true } }],
    ['an unknown key', { statusCode: 200, body: '', extra: 1 }],
    ['a status that is no number', { statusCode: 'fine', body: '' }],
    ['no object at all', 'hello'],
  ])('answers 502 Internal server error for %s', async (_case, result) => {
    reply = result;

    const response = await apiFetch(`${base}public`);

    expect(response.status).toBe(502);
    expect(response.json()).toEqual({ message: 'Internal server error' });
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
  });

  it('refuses at start-up what it cannot serve faithfully, naming the resource', () => {
    const resources = templateResources({ stackName: 'Shop', template }, API_TYPES);
    const method = resources.find(
      (resource) =>
        resource.type === 'AWS::ApiGateway::Method' && resource.properties.HttpMethod === 'GET',
    )!;
    method.properties = { ...method.properties, AuthorizationType: 'COGNITO_USER_POOLS' };

    expect(() =>
      createApiGatewayService({
        resources,
        region: 'us-east-1',
        accountId: '000000000000',
        endpoint: 'http://127.0.0.1:1',
        authorize,
        lambda: functions.lambda,
      }),
    ).toThrow(
      new RegExp(
        `AWS::ApiGateway::Method Shop/${method.logicalId}: AuthorizationType COGNITO_USER_POOLS`,
      ),
    );
  });
});
