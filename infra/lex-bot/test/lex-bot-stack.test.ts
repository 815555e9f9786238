import { conversationTokenSecretParameter } from '@booktrip/events';
import { bookTripBot, IntentNames } from '@booktrip/bot-model';
import { METRICS_NAMESPACE, ssmNames } from '@booktrip/constructs';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { CfnBot } from 'aws-cdk-lib/aws-lex';
import { lexBotApp, TEST_STAGE } from './lex-bot-app';

// Synthesis runs cdk-nag and CloudFormation's schema validation: once for the whole file.
jest.setTimeout(120_000);

const ssm = ssmNames(TEST_STAGE);
let template: Template;
let ids: { fn: string; alias: string; bot: string; botRole: string; fnRole: string };

/** The logical id of the CloudFormation parameter that resolves an SSM name at deploy time. */
function ssmParameterId(name: string): string {
  const parameters = template.toJSON().Parameters as Record<string, { Default?: string }>;
  const found = Object.entries(parameters).find(([, p]) => p.Default === name);
  if (!found) throw new Error(`no parameter resolves ${name}`);
  return found[0];
}

function onlyResource(type: string): [string, { Properties: Record<string, unknown> }] {
  const found = Object.entries(template.findResources(type));
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0] as [string, { Properties: Record<string, unknown> }];
}

beforeAll(() => {
  const { app, stack } = lexBotApp();
  // Throws on any unacknowledged cdk-nag finding or CloudFormation schema violation.
  const assembly = app.synth();
  template = Template.fromJSON(assembly.getStackArtifact(stack.artifactId).template);
  ids = {
    fn: stack.getLogicalId(stack.fulfilment.node.defaultChild as never),
    alias: stack.getLogicalId(stack.alias),
    bot: stack.getLogicalId(stack.bot),
    botRole: stack.getLogicalId(stack.botRole.node.defaultChild as never),
    fnRole: stack.getLogicalId(stack.fulfilment.role!.node.defaultChild as never),
  };
});

describe('the live alias', () => {
  it('sends every en_US turn to the fulfilment function with the 1.0 code hook interface', () => {
    template.hasResourceProperties('AWS::Lex::BotAlias', {
      BotAliasName: 'live',
      BotId: { 'Fn::GetAtt': [ids.bot, 'Id'] },
      BotVersion: { 'Fn::GetAtt': [Match.anyValue(), 'BotVersion'] },
      BotAliasLocaleSettings: [
        {
          LocaleId: 'en_US',
          BotAliasLocaleSetting: {
            Enabled: true,
            CodeHookSpecification: {
              LambdaCodeHook: {
                LambdaArn: { 'Fn::GetAtt': [ids.fn, 'Arn'] },
                CodeHookInterfaceVersion: '1.0',
              },
            },
          },
        },
      ],
    });
  });

  it('points at a version built from the DRAFT of this bot', () => {
    template.hasResourceProperties('AWS::Lex::BotVersion', {
      BotId: { 'Fn::GetAtt': [ids.bot, 'Id'] },
      BotVersionLocaleSpecification: [
        { LocaleId: 'en_US', BotVersionLocaleDetails: { SourceBotVersion: 'DRAFT' } },
      ],
    });
  });
});

describe('the fulfilment function', () => {
  it('may be invoked only by Lex V2, and only through the live alias of this account', () => {
    const permissions = Object.values(template.findResources('AWS::Lambda::Permission'));

    expect(permissions.map((p) => p.Properties)).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [ids.fn, 'Arn'] },
        Principal: 'lexv2.amazonaws.com',
        SourceArn: { 'Fn::GetAtt': [ids.alias, 'Arn'] },
        SourceAccount: { Ref: 'AWS::AccountId' },
      },
    ]);
  });

  it('is traced, runs the lex-fulfilment service and knows the bus from SSM', () => {
    template.hasResourceProperties('AWS::Lambda::Function', {
      TracingConfig: { Mode: 'Active' },
      Environment: {
        Variables: Match.objectLike({
          POWERTOOLS_SERVICE_NAME: 'lex-fulfilment',
          EVENT_BUS_NAME: { Ref: ssmParameterId(ssm.platform.eventBusName) },
        }),
      },
    });
  });

  it('may put events on the BookTrip bus and read the conversation token key, nothing else (besides X-Ray)', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes(ids.fnRole),
    );
    const statements = policies.flatMap((p) => p.Properties.PolicyDocument.Statement);

    expect(statements).toEqual([
      {
        Action: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'],
        Effect: 'Allow',
        Resource: '*',
      },
      {
        Action: 'events:PutEvents',
        Effect: 'Allow',
        Resource: {
          'Fn::Join': [
            '',
            [
              'arn:',
              { Ref: 'AWS::Partition' },
              ':events:',
              { Ref: 'AWS::Region' },
              ':',
              { Ref: 'AWS::AccountId' },
              ':event-bus/',
              { Ref: ssmParameterId(ssm.platform.eventBusName) },
            ],
          ],
        },
      },
      {
        Action: 'secretsmanager:GetSecretValue',
        Effect: 'Allow',
        Resource: { Ref: ssmParameterId(conversationTokenSecretParameter(TEST_STAGE)) },
      },
    ]);
  });

  it('carries the lex-fulfilment service tag the bus policy checks before accepting its events', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: Match.objectLike({
        Statement: [Match.objectLike({ Principal: { Service: 'lambda.amazonaws.com' } })],
      }),
      Tags: Match.arrayWith([{ Key: 'booktrip:service', Value: 'lex-fulfilment' }]),
    });
  });
});

describe('alarms', () => {
  it.each(['ReservationsNotPublished', 'TurnsNotRecorded'])(
    'goes off as soon as the fulfilment counts one of %s in 5 minutes, and not on silence',
    (metricName) => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: METRICS_NAMESPACE,
        MetricName: metricName,
        Dimensions: [{ Name: 'service', Value: 'lex-fulfilment' }],
        Statistic: 'Sum',
        Period: 300,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        TreatMissingData: 'notBreaching',
      });
    },
  );
});

describe("the bot's role", () => {
  it('can be assumed only by Lex V2 on behalf of bots of this account', () => {
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Action: 'sts:AssumeRole',
            Effect: 'Allow',
            Principal: { Service: 'lexv2.amazonaws.com' },
            Condition: {
              StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
              ArnLike: { 'aws:SourceArn': Match.objectLike({}) },
            },
          },
        ],
        Version: '2012-10-17',
      },
    });
  });

  it('may synthesize speech and nothing else', () => {
    const role = template.toJSON().Resources[ids.botRole];
    const attachedPolicies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes(ids.botRole),
    );

    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    expect(attachedPolicies).toEqual([]);
    expect(role.Properties.Policies).toEqual([
      {
        PolicyName: 'Speech',
        PolicyDocument: {
          Statement: [{ Action: 'polly:SynthesizeSpeech', Effect: 'Allow', Resource: '*' }],
          Version: '2012-10-17',
        },
      },
    ]);
  });

  it('is the role of the bot', () => {
    template.hasResourceProperties('AWS::Lex::Bot', {
      RoleArn: { 'Fn::GetAtt': [ids.botRole, 'Arn'] },
    });
  });
});

describe("the guests' role", () => {
  it('gains RecognizeText on the live alias and SynthesizeSpeech for the voice toggle, found by the role name in SSM', () => {
    const policies = Object.values(template.findResources('AWS::IAM::Policy')).filter((p) =>
      JSON.stringify(p.Properties.Roles).includes(ssmParameterId(ssm.platform.guestRoleName)),
    );

    expect(policies).toHaveLength(1);
    expect(policies[0]?.Properties.Roles).toEqual([
      { Ref: ssmParameterId(ssm.platform.guestRoleName) },
    ]);
    expect(policies[0]?.Properties.PolicyDocument.Statement).toEqual([
      {
        Action: 'lex:RecognizeText',
        Effect: 'Allow',
        Resource: { 'Fn::GetAtt': [ids.alias, 'Arn'] },
      },
      { Action: 'polly:SynthesizeSpeech', Effect: 'Allow', Resource: '*' },
    ]);
  });

  it('gets exactly the actions the chat page uses from this stack', () => {
    const actions = Object.values(template.findResources('AWS::IAM::Policy'))
      .filter((p) =>
        JSON.stringify(p.Properties.Roles).includes(ssmParameterId(ssm.platform.guestRoleName)),
      )
      .flatMap((p) => p.Properties.PolicyDocument.Statement as { Action: string | string[] }[])
      .flatMap((statement) => [statement.Action].flat())
      .sort();

    // The rest of the guest role's effective actions come from the stacks that own those
    // resources: execute-api:Invoke (conversation-history), s3:PutObject on the guest's own
    // upload prefix (image-flip).
    expect(actions).toEqual(['lex:RecognizeText', 'polly:SynthesizeSpeech']);
  });
});

describe('shared values', () => {
  it('publishes the bot id, the alias id and the fulfilment role under ssm.lexBot', () => {
    const published = Object.fromEntries(
      Object.values(template.findResources('AWS::SSM::Parameter')).map((p) => [
        p.Properties.Name,
        p.Properties.Value,
      ]),
    );

    expect(published).toEqual({
      [ssm.lexBot.botId]: { 'Fn::GetAtt': [ids.bot, 'Id'] },
      [ssm.lexBot.botAliasId]: { 'Fn::GetAtt': [ids.alias, 'BotAliasId'] },
      [ssm.lexBot.fulfilmentRoleArn]: { 'Fn::GetAtt': [ids.fnRole, 'Arn'] },
    });
  });

  it('imports nothing from other stacks', () => {
    expect(JSON.stringify(template.toJSON())).not.toContain('Fn::ImportValue');
  });
});

describe('the bot', () => {
  it('is the bot model, named for the stage, built on deploy, not child-directed', () => {
    const [, bot] = onlyResource('AWS::Lex::Bot');

    expect(bot.Properties).toMatchObject({
      Name: `BookTrip-${TEST_STAGE}`,
      DataPrivacy: { ChildDirected: false },
      IdleSessionTTLInSeconds: bookTripBot.idleSessionTtlInSeconds,
      AutoBuildBotLocales: true,
    });
    const locales = bot.Properties.BotLocales as Array<{
      LocaleId: string;
      Intents: CfnBot.IntentProperty[];
    }>;
    expect(locales.map((l) => l.LocaleId)).toEqual(['en_US']);
  });

  it('calls the code hook on every turn of a booking, and to answer greetings and fallbacks', () => {
    const [, bot] = onlyResource('AWS::Lex::Bot');
    const intents = (
      bot.Properties.BotLocales as Array<{ Intents: Array<Record<string, unknown>> }>
    )[0]!.Intents;
    const hooks = Object.fromEntries(
      intents.map((i) => [i.Name, [i.DialogCodeHook, i.FulfillmentCodeHook].map(Boolean)]),
    );

    expect(hooks).toEqual({
      [IntentNames.BookHotel]: [true, true],
      [IntentNames.BookCar]: [true, true],
      [IntentNames.Greeting]: [false, true],
      [IntentNames.FallbackIntent]: [false, true],
    });
  });
});

describe('the stack', () => {
  const withoutFallback = {
    ...bookTripBot,
    locales: bookTripBot.locales.map((locale) => ({
      ...locale,
      intents: locale.intents.filter((i) => i.name !== IntentNames.FallbackIntent),
    })),
  };

  it('refuses a bot model with problems, naming them', () => {
    expect(() => lexBotApp({ model: withoutFallback })).toThrow(
      'Bot model BookTrip is invalid:\n  en_US: no intent has parentIntentSignature AMAZON.FallbackIntent',
    );
  });

  it('publishes a new bot version whenever the bot changes, moves the live alias to it, and only then', () => {
    const stricter = {
      ...bookTripBot,
      locales: bookTripBot.locales.map((locale) => ({ ...locale, nluConfidenceThreshold: 0.5 })),
    };
    // The version's logical id, and the version the live alias points at.
    const published = (model?: typeof bookTripBot) => {
      const { stack } = lexBotApp({ model });
      return {
        version: stack.getLogicalId(stack.version),
        aliasPointsAt: stack.resolve(stack.alias.botVersion) as unknown,
      };
    };

    const original = published();
    const again = published();
    const changed = published(stricter);

    // A new logical id is a new resource: CloudFormation creates the version, updates the alias,
    // then deletes the old version. A changed Description alone would update version 1 in place.
    expect(again).toEqual(original);
    expect(changed.version).not.toBe(original.version);
    expect(changed.aliasPointsAt).toEqual({ 'Fn::GetAtt': [changed.version, 'BotVersion'] });
    expect(original.aliasPointsAt).toEqual({ 'Fn::GetAtt': [original.version, 'BotVersion'] });
  });
});

describe('the conversation token check', () => {
  it("gives the code hook the token key's secret ARN from SSM and the read of that one secret", () => {
    const parameter = ssmParameterId(conversationTokenSecretParameter(TEST_STAGE));

    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ CONVERSATION_TOKEN_SECRET_ARN: { Ref: parameter } }),
      },
    });
    const reads = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((policy) =>
      (
        policy.Properties.PolicyDocument as {
          Statement: { Action: string | string[]; Resource: unknown }[];
        }
      ).Statement.filter((statement) =>
        JSON.stringify(statement.Action).includes('secretsmanager:'),
      ),
    );
    expect(reads).toEqual([
      expect.objectContaining({
        Action: 'secretsmanager:GetSecretValue',
        Resource: { Ref: parameter },
      }),
    ]);
  });
});
