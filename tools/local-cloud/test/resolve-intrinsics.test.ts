import { resolveTemplateValue, type CfnTemplate } from '../src';

const template: CfnTemplate = {
  Parameters: {
    BusNameParameter: {
      Type: 'AWS::SSM::Parameter::Value<String>',
      Default: '/booktrip/test/platform/event-bus-name',
    },
  },
  Resources: {
    ValidateFn: { Type: 'AWS::Lambda::Function', Properties: {} },
    Table: { Type: 'AWS::DynamoDB::Table', Properties: { TableName: 'reservations' } },
    Queue: { Type: 'AWS::SQS::Queue', Properties: {} },
    Uploads: { Type: 'AWS::S3::Bucket', Properties: {} },
    Topic: { Type: 'AWS::CloudFormation::WaitCondition', Properties: {} },
  },
};
const ssm = { '/booktrip/test/platform/event-bus-name': 'booktrip-test' };

describe('resolveTemplateValue', () => {
  it('names resources by their explicit name property, else by logical id', () => {
    expect(resolveTemplateValue(template, { Ref: 'Table' })).toBe('reservations');
    expect(resolveTemplateValue(template, { Ref: 'ValidateFn' })).toBe('ValidateFn');
    expect(resolveTemplateValue(template, { Ref: 'Uploads' })).toBe('uploads');
  });

  it('builds ARNs in AWS formats with the local account and region', () => {
    expect(resolveTemplateValue(template, { 'Fn::GetAtt': ['ValidateFn', 'Arn'] })).toBe(
      'arn:aws:lambda:us-east-1:000000000000:function:ValidateFn',
    );
    expect(resolveTemplateValue(template, { 'Fn::GetAtt': ['Table', 'Arn'] })).toBe(
      'arn:aws:dynamodb:us-east-1:000000000000:table/reservations',
    );
    expect(resolveTemplateValue(template, { Ref: 'Queue' })).toBe(
      'http://sqs.us-east-1.localhost/000000000000/Queue',
    );
  });

  it('resolves Fn::Join, Fn::Sub, Fn::Select and Fn::Split inside nested objects', () => {
    const value = {
      arn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':states:::lambda:invoke']] },
      sub: { 'Fn::Sub': 'table ${Table} in ${AWS::Region} (${ValidateFn.Arn})' },
      subWithVars: { 'Fn::Sub': ['${Bus}/x', { Bus: { Ref: 'BusNameParameter' } }] },
      picked: { 'Fn::Select': [1, { 'Fn::Split': ['/', 'a/b/c'] }] },
      literal: [1, 'two', null],
    };
    expect(resolveTemplateValue(template, value, { ssm })).toEqual({
      arn: 'arn:aws:states:::lambda:invoke',
      sub: 'table reservations in us-east-1 (arn:aws:lambda:us-east-1:000000000000:function:ValidateFn)',
      subWithVars: 'booktrip-test/x',
      picked: 'b',
      literal: [1, 'two', null],
    });
  });

  it('takes SSM-backed parameters from the local parameter store, and says which is missing', () => {
    expect(resolveTemplateValue(template, { Ref: 'BusNameParameter' }, { ssm })).toBe(
      'booktrip-test',
    );
    expect(() => resolveTemplateValue(template, { Ref: 'BusNameParameter' })).toThrow(
      /\/booktrip\/test\/platform\/event-bus-name .* has no local value/,
    );
  });

  it('refuses what it cannot resolve instead of leaving a token behind', () => {
    expect(() => resolveTemplateValue(template, { 'Fn::ImportValue': 'x' })).toThrow(
      /cannot resolve Fn::ImportValue/,
    );
    expect(() => resolveTemplateValue(template, { Ref: 'Nope' })).toThrow(
      /unknown logical id Nope/,
    );
    expect(() => resolveTemplateValue(template, { 'Fn::GetAtt': ['Topic', 'Arn'] })).toThrow(
      /no ARN format for AWS::CloudFormation::WaitCondition/,
    );
  });
});

describe('resolveTemplateValue with a Lex V2 bot', () => {
  const lexTemplate: CfnTemplate = {
    Resources: {
      Bot: { Type: 'AWS::Lex::Bot', Properties: {} },
      BotVersion: { Type: 'AWS::Lex::BotVersion', Properties: { BotId: { Ref: 'Bot' } } },
      LiveAlias: {
        Type: 'AWS::Lex::BotAlias',
        Properties: { BotId: { 'Fn::GetAtt': ['Bot', 'Id'] } },
      },
    },
  };

  it('resolves the ids and the alias ARN the code hook permission and guest policy use', () => {
    expect(
      resolveTemplateValue(lexTemplate, {
        id: { 'Fn::GetAtt': ['Bot', 'Id'] },
        aliasId: { 'Fn::GetAtt': ['LiveAlias', 'BotAliasId'] },
        version: { 'Fn::GetAtt': ['BotVersion', 'BotVersion'] },
        aliasArn: { 'Fn::GetAtt': ['LiveAlias', 'Arn'] },
      }),
    ).toEqual({
      id: 'Bot',
      aliasId: 'LiveAlias',
      version: '1',
      aliasArn: 'arn:aws:lex:us-east-1:000000000000:bot-alias/Bot/LiveAlias',
    });
  });
});
