import { conversationTokenSecretParameter } from '@booktrip/events';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { ssmNames } from '@booktrip/constructs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyDefinition } from '@booktrip/conversation-history/definition';
import { logicalId, resourcesOf, synthesize } from './support';

const ssm = ssmNames('test');
let template: Template;

beforeAll(() => {
  ({ template } = synthesize());
}, 60_000);

const tableArn = () => ({
  'Fn::GetAtt': [logicalId(template, 'AWS::DynamoDB::Table', 'HistoryTable'), 'Arn'],
});
const indexArn = (index: string) => ({ 'Fn::Join': ['', [tableArn(), `/index/${index}`]] });
/** `ssm:GetParameter` on the chat page's origin parameter (the chat-web stack's), only. */
const originRead = {
  Action: 'ssm:GetParameter',
  Effect: 'Allow',
  Resource: {
    'Fn::Join': [
      '',
      [
        'arn:',
        { Ref: 'AWS::Partition' },
        ':ssm:',
        { Ref: 'AWS::Region' },
        ':',
        { Ref: 'AWS::AccountId' },
        `:parameter${ssm.chatWeb.origin}`,
      ],
    ],
  },
};

/** The statements of a function's role, without the X-Ray ones every function has. */
function statementsOf(functionPrefix: string) {
  const policyId = logicalId(
    template,
    'AWS::IAM::Policy',
    `${functionPrefix}ServiceRoleDefaultPolicy`,
  );
  const policy = resourcesOf(template, 'AWS::IAM::Policy')[policyId]!;
  const document = policy.Properties.PolicyDocument as { Statement: { Action: unknown }[] };
  return document.Statement.filter(
    (statement) =>
      JSON.stringify(statement.Action) !== '["xray:PutTraceSegments","xray:PutTelemetryRecords"]',
  );
}

describe('the History table', () => {
  it("has exactly the keys, indexes and TTL of the app's history-table.json, with PITR on", () => {
    const definition = JSON.parse(
      readFileSync(
        join(__dirname, '../../../apps/conversation-history/src/history-table.json'),
        'utf8',
      ),
    ) as Record<string, unknown[]> & { TimeToLiveAttribute: string };
    const byName = (list: unknown[]) =>
      [...(list as { AttributeName?: string; IndexName?: string }[])].sort((a, b) =>
        (a.AttributeName ?? a.IndexName ?? '').localeCompare(b.AttributeName ?? b.IndexName ?? ''),
      );
    const table = Object.values(resourcesOf(template, 'AWS::DynamoDB::Table'))[0]!.Properties;

    expect(table.KeySchema).toEqual(definition.KeySchema);
    expect(byName(table.AttributeDefinitions as unknown[])).toEqual(
      byName(definition.AttributeDefinitions!),
    );
    expect(table.GlobalSecondaryIndexes).toEqual(definition.GlobalSecondaryIndexes);
    expect(table.LocalSecondaryIndexes).toEqual(definition.LocalSecondaryIndexes);
    expect(table.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    expect(table.BillingMode).toBe('PAY_PER_REQUEST');
    // Deleted conversations' tombstones expire by it.
    expect(table.TimeToLiveSpecification).toEqual({
      AttributeName: 'expiresAt',
      Enabled: true,
    });
    expect(definition.TimeToLiveAttribute).toBe('expiresAt');
  });
});

describe('the event consumer', () => {
  it('has one rule per consumed contract, on the bus named in SSM, targeting the queue', () => {
    const queue = logicalId(template, 'AWS::SQS::Queue', 'EventsQueue');
    const rules = Object.values(resourcesOf(template, 'AWS::Events::Rule')).map(
      (r) => r.Properties,
    );

    expect(rules.map((rule) => rule.EventPattern)).toEqual(
      historyDefinition.consumes.map((contract) => ({
        ...contract.pattern,
        // Events of no conversation are never forwarded, so they cannot be retried into the DLQ.
        detail: { metadata: { conversationId: [{ exists: true }] } },
      })),
    );
    for (const rule of rules) {
      expect(rule.EventBusName).toEqual({
        Ref: expect.stringMatching(/^SsmParameterValuebooktriptestplatformeventbusname/),
      });
      expect(rule.Targets).toEqual([
        expect.objectContaining({
          Arn: { 'Fn::GetAtt': [queue, 'Arn'] },
          // Undeliverable events go to the platform's rule-target DLQ, not away after 24 h.
          DeadLetterConfig: {
            Arn: {
              Ref: expect.stringMatching(/^SsmParameterValuebooktriptestplatformeventdlqarn/),
            },
          },
          RetryPolicy: { MaximumRetryAttempts: 8, MaximumEventAgeInSeconds: 7200 },
        }),
      ]);
    }
    template.hasParameter('*', { Default: ssm.platform.eventBusName });
  });

  it('redrives failed messages to a DLQ and reports partial batch failures', () => {
    const dlq = logicalId(template, 'AWS::SQS::Queue', 'EventsDeadLetterQueue');

    template.hasResourceProperties('AWS::SQS::Queue', {
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] }, maxReceiveCount: 5 },
      SqsManagedSseEnabled: true,
    });
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FunctionName: { Ref: logicalId(template, 'AWS::Lambda::Function', 'RecordEventsFunction') },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('alarms as soon as a message reaches the DLQ', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: {
            'Fn::GetAtt': [
              logicalId(template, 'AWS::SQS::Queue', 'EventsDeadLetterQueue'),
              'QueueName',
            ],
          },
        },
      ],
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
  });
});

describe('least privilege: each function its own grants', () => {
  it.each([
    [
      'RecordEventsFunction',
      [{ Action: ['dynamodb:PutItem', 'dynamodb:UpdateItem'], Resource: 'table' }],
    ],
    ['CreateConversationFunction', [{ Action: 'dynamodb:PutItem', Resource: 'table' }]],
    ['ListConversationsFunction', [{ Action: 'dynamodb:Query', Resource: 'GSI1' }]],
    ['GetConversationFunction', [{ Action: 'dynamodb:GetItem', Resource: 'table' }]],
    [
      'DeleteConversationFunction',
      [
        {
          Action: [
            'dynamodb:GetItem',
            'dynamodb:UpdateItem',
            'dynamodb:Query',
            'dynamodb:BatchWriteItem',
          ],
          Resource: 'table',
        },
      ],
    ],
  ])('%s may use only its own table actions', (fn, expected) => {
    const statements = statementsOf(fn).filter((s) =>
      JSON.stringify(s.Action).includes('dynamodb'),
    );

    expect(statements).toEqual(
      expected.map(({ Action, Resource }) => ({
        Action,
        Effect: 'Allow',
        Resource: Resource === 'table' ? tableArn() : indexArn(Resource),
      })),
    );
  });

  it("gives the delete function all of API Gateway's 29 s, the others the default", () => {
    const functions = resourcesOf(template, 'AWS::Lambda::Function');
    const timeoutOf = (prefix: string) =>
      Object.entries(functions).find(([id]) => id.startsWith(prefix))?.[1].Properties.Timeout;

    expect(timeoutOf('DeleteConversationFunction')).toBe(29);
    expect(timeoutOf('ListMessagesFunction')).not.toBe(29);
  });

  it('lets the messages function read the table, LSI1, the cursor key and the flipped images only', () => {
    expect(statementsOf('ListMessagesFunction')).toEqual([
      {
        Action: ['dynamodb:GetItem', 'dynamodb:Query'],
        Effect: 'Allow',
        Resource: [tableArn(), indexArn('LSI1')],
      },
      originRead,
      {
        Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        Effect: 'Allow',
        Resource: { Ref: expect.stringMatching(/^CursorSigningKey/) },
      },
      {
        Action: ['s3:GetObject', 's3:GetObjectVersion'],
        Effect: 'Allow',
        Resource: {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':s3:::',
              { Ref: expect.stringMatching(/imageflipoutputbucketname/) },
              '/flipped/*',
            ],
          ],
        },
      },
    ]);
    template.hasParameter('*', { Default: ssm.imageFlip.outputBucketName });
  });

  it('lets only the functions that page read the cursor key, by secret ARN, never its value', () => {
    const functions = resourcesOf(template, 'AWS::Lambda::Function');
    const withKey = Object.entries(functions)
      .filter(([, fn]) =>
        JSON.stringify(fn.Properties.Environment).includes('CURSOR_KEY_SECRET_ARN'),
      )
      .map(([id]) => id.replace(/Function.*$/, ''));

    expect(withKey.sort()).toEqual(['ListConversations', 'ListMessages']);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          CURSOR_KEY_SECRET_ARN: { Ref: Match.stringLikeRegexp('^CursorSigningKey') },
        }),
      },
    });
    // No function carries the key itself (no dynamic reference in any configuration).
    expect(JSON.stringify(functions)).not.toContain('resolve:secretsmanager');
    expect(readersOf('CursorSigningKey')).toEqual(['ListConversations', 'ListMessages']);
  });

  it('lets only POST /v1/conversations read the conversation token key, and names it in SSM for the code hook', () => {
    const functions = resourcesOf(template, 'AWS::Lambda::Function');
    const withKey = Object.entries(functions)
      .filter(([, fn]) =>
        JSON.stringify(fn.Properties.Environment).includes('CONVERSATION_TOKEN_SECRET_ARN'),
      )
      .map(([id]) => id.replace(/Function.*$/, ''));

    expect(withKey).toEqual(['CreateConversation']);
    expect(readersOf('ConversationTokenKey')).toEqual(['CreateConversation']);
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: conversationTokenSecretParameter('test'),
      Value: { Ref: Match.stringLikeRegexp('^ConversationTokenKey') },
    });
    expect(JSON.stringify(functions)).not.toContain('resolve:secretsmanager');
  });
});

/** The functions (by logical id prefix) whose policies may read the secret `secretPrefix`. */
function readersOf(secretPrefix: string): string[] {
  return Object.entries(resourcesOf(template, 'AWS::IAM::Policy'))
    .filter(([, policy]) => {
      const statements = (
        policy.Properties.PolicyDocument as { Statement: { Action: unknown; Resource: unknown }[] }
      ).Statement;
      return statements.some(
        (statement) =>
          JSON.stringify(statement.Action).includes('secretsmanager:GetSecretValue') &&
          JSON.stringify(statement.Resource).includes(`"${secretPrefix}`),
      );
    })
    .map(([id]) => id.replace(/Function.*$/, ''))
    .sort();
}

describe('the REST API', () => {
  it('uses IAM auth on every route and leaves only CORS preflights open', () => {
    const methods = Object.values(resourcesOf(template, 'AWS::ApiGateway::Method')).map(
      (m) => m.Properties,
    );

    for (const method of methods) {
      expect(method.AuthorizationType).toBe(method.HttpMethod === 'OPTIONS' ? 'NONE' : 'AWS_IAM');
    }
    expect(methods.filter((m) => m.HttpMethod !== 'OPTIONS')).toHaveLength(5);
  });

  it('validates requests with the parameters and body model of the OpenAPI document', () => {
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'GET',
      RequestParameters: {
        'method.request.path.id': true,
        'method.request.querystring.limit': false,
        'method.request.querystring.cursor': false,
        'method.request.querystring.order': false,
        'method.request.querystring.kind': false,
      },
      RequestValidatorId: { Ref: Match.stringLikeRegexp('^ApiParametersValidator') },
    });
    template.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      RequestModels: {
        'application/json': { Ref: Match.stringLikeRegexp('^ApiCreateConversationBody') },
      },
      RequestValidatorId: { Ref: Match.stringLikeRegexp('^ApiBodyAndParametersValidator') },
    });
    template.hasResourceProperties('AWS::ApiGateway::Model', {
      Schema: {
        $schema: 'http://json-schema.org/draft-04/schema#',
        type: 'object',
        properties: { title: { type: 'string', minLength: 1, maxLength: 100 } },
        additionalProperties: false,
      },
    });
  });

  it('serves everything under /v1', () => {
    const paths = Object.values(resourcesOf(template, 'AWS::ApiGateway::Resource')).map(
      (r) => r.Properties.PathPart,
    );

    expect(paths.sort()).toEqual(['conversations', 'messages', 'v1', '{id}']);
  });

  it('throttles, traces and writes access logs', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      TracingEnabled: true,
      AccessLogSetting: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
      MethodSettings: [
        Match.objectLike({
          ThrottlingRateLimit: 50,
          ThrottlingBurstLimit: 100,
          LoggingLevel: 'ERROR',
        }),
      ],
    });
  });

  it("sends every CORS preflight to the preflight function, on exactly the routes' resources", () => {
    const preflight = logicalId(template, 'AWS::Lambda::Function', 'CorsPreflightFunction');
    const resources = resourcesOf(template, 'AWS::ApiGateway::Resource');
    const pathOf = (ref: unknown): string => {
      const id = (ref as { Ref?: string }).Ref;
      const resource = id ? resources[id] : undefined;
      if (!resource) return '';
      return `${pathOf(resource.Properties.ParentId)}/${String(resource.Properties.PathPart)}`;
    };
    const options = Object.values(resourcesOf(template, 'AWS::ApiGateway::Method'))
      .map((m) => m.Properties)
      .filter((m) => m.HttpMethod === 'OPTIONS');

    expect(options.map((m) => pathOf(m.ResourceId)).sort()).toEqual(
      [...new Set(historyDefinition.routes.map((route) => route.path))].sort(),
    );
    for (const method of options) {
      expect(method).toMatchObject({
        AuthorizationType: 'NONE',
        Integration: { Type: 'AWS_PROXY' },
      });
      expect(JSON.stringify(method.Integration)).toContain(preflight);
    }
  });

  it("reads the page's origin at run time from the chat-web stack's SSM parameter, never baking one in", () => {
    const functions = resourcesOf(template, 'AWS::Lambda::Function');
    const reading = Object.entries(functions)
      .filter(
        ([, fn]) =>
          (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)
            ?.Variables?.ALLOWED_ORIGIN_PARAMETER === ssm.chatWeb.origin,
      )
      .map(([id]) => id.replace(/Function.*$/, ''))
      .sort();

    expect(reading).toEqual([
      'CorsPreflight',
      'CreateConversation',
      'DeleteConversation',
      'GetConversation',
      'ListConversations',
      'ListMessages',
    ]);
    for (const fn of reading) {
      expect(
        statementsOf(`${fn}Function`).filter((s) => JSON.stringify(s).includes('ssm:')),
      ).toEqual([originRead]);
    }
    // The preflight function may read the origin and nothing else.
    expect(statementsOf('CorsPreflightFunction')).toEqual([originRead]);
    const text = JSON.stringify(template.toJSON());
    expect(text).not.toContain('ALLOWED_ORIGIN"');
    expect(text).not.toContain('localhost:3000');
  });

  it("answers API Gateway's own errors with `*` CORS and `{ message, code }`", () => {
    const responses = Object.values(resourcesOf(template, 'AWS::ApiGateway::GatewayResponse'));

    expect(responses.map((r) => r.Properties.ResponseType).sort()).toEqual([
      'BAD_REQUEST_BODY',
      'BAD_REQUEST_PARAMETERS',
      'DEFAULT_4XX',
      'DEFAULT_5XX',
    ]);
    for (const response of responses) {
      expect(response.Properties.ResponseParameters).toEqual({
        'gatewayresponse.header.Access-Control-Allow-Origin': "'*'",
      });
    }
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'BAD_REQUEST_PARAMETERS',
      ResponseTemplates: {
        'application/json': '{"message":$context.error.messageString,"code":"BAD_REQUEST"}',
      },
    });
  });

  it("lets the guests' role (from SSM) invoke /v1/* of this API only", () => {
    const api = logicalId(template, 'AWS::ApiGateway::RestApi', 'Api');
    const stage = logicalId(template, 'AWS::ApiGateway::Stage', 'ApiDeploymentStage');

    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [
        { Ref: Match.stringLikeRegexp('^SsmParameterValuebooktriptestplatformguestrolename') },
      ],
      PolicyDocument: {
        Statement: [
          {
            Action: 'execute-api:Invoke',
            Effect: 'Allow',
            Resource: {
              'Fn::Join': [
                '',
                [
                  'arn:',
                  { Ref: 'AWS::Partition' },
                  ':execute-api:',
                  { Ref: 'AWS::Region' },
                  ':',
                  { Ref: 'AWS::AccountId' },
                  ':',
                  { Ref: api },
                  '/',
                  { Ref: stage },
                  '/*/v1/*',
                ],
              ],
            },
          },
        ],
      },
    });
    template.hasParameter('*', { Default: ssm.platform.guestRoleName });
  });

  it('publishes its URL and id to SSM for the page and the local cloud', () => {
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: ssm.conversationHistory.apiUrl });
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: ssm.conversationHistory.apiId,
      Value: { Ref: logicalId(template, 'AWS::ApiGateway::RestApi', 'Api') },
    });
  });
});
