import type { APIGatewayProxyEvent } from 'aws-lambda';
import {
  createApiGatewayService,
  restApiUrl,
  type ApiGatewayService,
  type LoadedStack,
} from '../../src';
import { synthesizedStack, templateResources } from '../step-functions/support/template-resources';
import { ADMIN, GUEST, startTestEdge, type TestEdge } from '../step-functions/support/test-edge';
import { apiFetch } from './signed-fetch';

jest.setTimeout(240_000);

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

const PREFLIGHT_HEADERS = {
  'Access-Control-Allow-Origin': 'http://localhost:3000',
  'Access-Control-Allow-Methods': 'GET,DELETE,OPTIONS',
  'Access-Control-Allow-Headers': 'Content-Type,Authorization,X-Amz-Date,X-Amz-Security-Token',
  'Access-Control-Max-Age': '3600',
  Vary: 'Origin',
};

/**
 * The conversation history's REST API from its synthesized `local` template, its functions
 * replaced by a fake that records the proxy events and answers for the function it stands in.
 */
describe('the history API from its synthesized template', () => {
  let stack: LoadedStack;
  let edge: TestEdge;
  let gateway: ApiGatewayService;
  let base: string;
  const lambda = {
    invoke: async (name: string, payload: unknown) => {
      const event = payload as APIGatewayProxyEvent;
      invoked.push({ name, event });
      // The preflight function answers with headers only; the gateway must pass them through.
      return {
        statusCode: 200,
        payload:
          event.httpMethod === 'OPTIONS'
            ? { statusCode: 204, headers: PREFLIGHT_HEADERS, body: '' }
            : {
                statusCode: 200,
                headers: { 'Content-Type': 'application/json' },
                body: '{"ok":true}',
              },
      };
    },
  };
  const invoked: { name: string; event: APIGatewayProxyEvent }[] = [];
  const granted: string[] = [];

  beforeAll(async () => {
    stack = synthesizedStack('conversation-history');
    let endpoint = '';
    edge = await startTestEdge({
      signingNames: ['execute-api'],
      matches: (request) => gateway.service.matches!(request),
      handle: (request) => gateway.service.handle(request),
    });
    endpoint = edge.endpoint;
    gateway = createApiGatewayService({
      resources: templateResources(stack, API_TYPES),
      region: 'us-east-1',
      accountId: '000000000000',
      endpoint,
      // The guest role's policy: execute-api:Invoke on <api>/<stage>/*/v1/*.
      authorize: async (_caller, action, resource) => {
        granted.push(resource);
        return action === 'execute-api:Invoke' && /\/live\/[A-Z]+\/v1\//.test(resource);
      },
      lambda,
    });
    const [stage] = gateway.stages();
    base = restApiUrl(endpoint, stage!.apiId, stage!.stage);
  });
  afterAll(() => edge?.stop());
  beforeEach(() => {
    invoked.length = 0;
    granted.length = 0;
  });

  it('serves the stage the template deploys', () => {
    expect(gateway.stages().map((stage) => stage.stage)).toEqual(['live']);
  });

  it("routes each operation to its function with the guest's identity in the proxy event", async () => {
    const routes: [string, string, string?][] = [
      ['POST', 'v1/conversations', '{"title":"Trip to Chicago"}'],
      ['GET', 'v1/conversations?limit=5'],
      ['GET', 'v1/conversations/c-1'],
      ['DELETE', 'v1/conversations/c-1'],
      ['GET', 'v1/conversations/c-1/messages?kind=turn&order=desc'],
    ];
    for (const [method, path, body] of routes) {
      const response = await apiFetch(`${base}${path}`, {
        method,
        body,
        headers: body ? { 'content-type': 'application/json' } : {},
        credentials: GUEST,
      });
      expect([method, path, response.status]).toEqual([method, path, 200]);
    }

    const functionOf = (logicalPrefix: string) =>
      Object.entries(stack.template.Resources).find(
        ([id, resource]) =>
          resource.Type === 'AWS::Lambda::Function' && id.startsWith(logicalPrefix),
      )?.[0];
    expect(invoked.map(({ name }) => name.split(':').at(-1))).toEqual([
      functionOf('CreateConversationFunction'),
      functionOf('ListConversationsFunction'),
      functionOf('GetConversationFunction'),
      functionOf('DeleteConversationFunction'),
      functionOf('ListMessagesFunction'),
    ]);
    const messages = invoked.at(-1)!.event;
    expect(messages).toMatchObject({
      resource: '/v1/conversations/{id}/messages',
      path: '/v1/conversations/c-1/messages',
      httpMethod: 'GET',
      pathParameters: { id: 'c-1' },
      queryStringParameters: { kind: 'turn', order: 'desc' },
      requestContext: {
        stage: 'live',
        resourcePath: '/v1/conversations/{id}/messages',
        identity: { cognitoIdentityId: GUEST.identityId, userArn: GUEST.arn },
      },
    });
    expect(invoked[0]!.event.body).toBe('{"title":"Trip to Chicago"}');
    expect(granted.at(-1)).toMatch(
      /^arn:aws:execute-api:us-east-1:000000000000:[^/]+\/live\/GET\/v1\/conversations\/c-1\/messages$/,
    );
  });

  it("refuses a body the CreateConversation model forbids, with the template's gateway response", async () => {
    for (const body of ['{"title":""}', '{"title":"ok","owner":"someone-else"}', '[1]']) {
      const response = await apiFetch(`${base}v1/conversations`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
        credentials: GUEST,
      });
      expect([body, response.status, response.json()]).toEqual([
        body,
        400,
        { message: 'Invalid request body', code: 'BAD_REQUEST' },
      ]);
      // A gateway response cannot compare origins, so the template's errors say `*`.
      expect(response.headers.get('access-control-allow-origin')).toBe('*');
    }
    expect(invoked).toEqual([]);
  });

  it('answers unsigned calls 403 Missing Authentication Token; admin callers carry no Cognito identity', async () => {
    const unsigned = await apiFetch(`${base}v1/conversations`);
    expect(unsigned.status).toBe(403);
    expect(unsigned.json()).toEqual({ message: 'Missing Authentication Token' });
    expect(unsigned.headers.get('access-control-allow-origin')).toBe('*');

    const admin = await apiFetch(`${base}v1/conversations`, { credentials: ADMIN });
    expect(admin.status).toBe(200);
    expect(invoked.at(-1)!.event.requestContext.identity.cognitoIdentityId).toBeNull();
  });

  it('sends CORS preflights, unauthenticated, to the preflight function and passes its answer through', async () => {
    const response = await apiFetch(`${base}v1/conversations/c-1/messages`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'GET' },
    });

    expect(response.status).toBe(204);
    expect(
      Object.fromEntries(
        [...response.headers].filter(
          ([name]) => name.startsWith('access-control') || name === 'vary',
        ),
      ),
    ).toEqual(
      Object.fromEntries(
        Object.entries(PREFLIGHT_HEADERS).map(([name, value]) => [name.toLowerCase(), value]),
      ),
    );
    expect(invoked).toHaveLength(1);
    expect(invoked[0]!.name.split(':').at(-1)).toMatch(/^CorsPreflightFunction/);
    expect(invoked[0]!.event).toMatchObject({
      httpMethod: 'OPTIONS',
      resource: '/v1/conversations/{id}/messages',
      headers: expect.objectContaining({ origin: 'http://localhost:3000' }),
    });
    expect(granted).toEqual([]);
  });
});
