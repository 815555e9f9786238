import { bookTripBot, validateBotModel, type BotModel } from '@booktrip/bot-model';
import {
  acknowledge,
  appEntry,
  bindEnvironment,
  LOCAL_STAGE,
  ServiceFunction,
  serviceAlarms,
  ServiceStack,
  type ServiceStackProps,
} from '@booktrip/constructs';
import { fulfilmentDefinition } from '@booktrip/lex-fulfilment/definition';
import { conversationTokenSecretParameter, LOCAL_CONVERSATION_TOKEN_KEY } from '@booktrip/events';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import {
  Policy,
  PolicyDocument,
  PolicyStatement,
  Role,
  ServicePrincipal,
  type IRole,
} from 'aws-cdk-lib/aws-iam';
import { CfnBot, CfnBotAlias, CfnBotVersion } from 'aws-cdk-lib/aws-lex';
import type { Construct } from 'constructs';
import { createHash } from 'node:crypto';
import { toCfnBotLocales } from './to-cfn-bot-locales';

/** The alias the page talks to; it always points at the newest version. */
export const LIVE_ALIAS_NAME = 'live';
/** The Lex V2 code hook event and response format the fulfilment implements. */
export const CODE_HOOK_INTERFACE_VERSION = '1.0';
const LEX_PRINCIPAL = 'lexv2.amazonaws.com';

export interface LexBotStackProps extends ServiceStackProps {
  /** The bot to deploy (default: the BookTrip bot). */
  model?: BotModel;
}

/**
 * The BookTrip Lex V2 bot, generated from `@booktrip/bot-model`, with its fulfilment code hook
 * (apps/lex-fulfilment) behind a `live` alias. Publishes the bot and alias ids under
 * `ssm.lexBot.*` and lets the guests' role call RecognizeText on that alias only.
 */
export class LexBotStack extends ServiceStack {
  readonly bot: CfnBot;
  readonly botRole: Role;
  readonly version: CfnBotVersion;
  readonly alias: CfnBotAlias;
  readonly fulfilment: ServiceFunction;
  readonly guestRole: IRole;
  /** One alarm per alarm of the fulfilment's definition, keyed by metric name. */
  readonly deliveryAlarms: Record<string, Alarm>;

  constructor(scope: Construct, id: string, props: LexBotStackProps) {
    const { model = bookTripBot, ...stackProps } = props;
    super(scope, id, stackProps);

    const problems = validateBotModel(model);
    if (problems.length > 0) {
      const list = problems.map((p) => `${p.path}: ${p.message}`).join('\n  ');
      throw new Error(`Bot model ${model.name} is invalid:\n  ${list}`);
    }

    const eventBusName = this.sharedValue(this.ssm.platform.eventBusName);
    this.fulfilment = new ServiceFunction(this, 'Fulfilment', {
      entry: appEntry('lex-fulfilment', fulfilmentDefinition.entry),
      service: fulfilmentDefinition.service,
      description: 'Lex V2 code hook of the BookTrip bot: validates, prices, publishes',
      // The code hook's cold import is on every first chat turn: taking each package's ES
      // module build lets esbuild drop what the hook never calls (the SDK's other commands),
      // 1 104 → 940 KB and ≈ 15 % less CPU at import (apps/lex-fulfilment bench, README).
      bundling: { mainFields: ['module', 'main'] },
    });
    bindEnvironment(this.fulfilment, fulfilmentDefinition.env, {
      eventBus: {
        value: eventBusName,
        grant: (fn) =>
          fn.addToRolePolicy(
            new PolicyStatement({
              actions: ['events:PutEvents'],
              resources: [
                this.formatArn({
                  service: 'events',
                  resource: 'event-bus',
                  resourceName: eventBusName,
                }),
              ],
            }),
          ),
      },
    });

    this.allowConversationTokenChecks();

    this.botRole = new Role(this, 'BotRole', {
      description: `Lex V2 runtime role of the BookTrip bot (${this.stage})`,
      // Confused-deputy guard: only Lex bots of this account may assume it.
      assumedBy: new ServicePrincipal(LEX_PRINCIPAL).withConditions({
        StringEquals: { 'aws:SourceAccount': this.account },
        ArnLike: {
          'aws:SourceArn': this.formatArn({ service: 'lex', resource: 'bot', resourceName: '*' }),
        },
      }),
      // Inline, so the policy exists before the bot that needs it (no separate Policy resource).
      inlinePolicies: {
        Speech: new PolicyDocument({
          statements: [
            new PolicyStatement({ actions: ['polly:SynthesizeSpeech'], resources: ['*'] }),
          ],
        }),
      },
    });
    acknowledge(
      this.botRole,
      'AwsSolutions-IAM5',
      'polly:SynthesizeSpeech has no resource-level permissions (Polly API permissions reference: Resource "*"); the role grants nothing else.',
      { resources: ['*'] },
    );

    const botLocales = toCfnBotLocales(model);
    this.bot = new CfnBot(this, 'Bot', {
      name: `${model.name}-${this.stage}`,
      description: model.description,
      roleArn: this.botRole.roleArn,
      // Typed `any` in CDK, so passed through verbatim: CloudFormation's own casing.
      dataPrivacy: { ChildDirected: model.childDirected },
      idleSessionTtlInSeconds: model.idleSessionTtlInSeconds,
      autoBuildBotLocales: true,
      botLocales,
    });

    // A bot version is immutable and its Description updates in place, so the version's logical
    // id carries the fingerprint of the bot: a changed bot is a new resource. CloudFormation
    // creates the new version, moves the alias to it (the alias reads its number), and deletes
    // the old version last, in the cleanup phase, once nothing points at it.
    const fingerprint = createHash('sha256')
      .update(
        JSON.stringify({
          description: model.description,
          childDirected: model.childDirected,
          idleSessionTtlInSeconds: model.idleSessionTtlInSeconds,
          botLocales,
        }),
      )
      .digest('hex')
      .slice(0, 16);
    this.version = new CfnBotVersion(this, `BotVersion${fingerprint}`, {
      botId: this.bot.attrId,
      description: `BookTrip bot ${fingerprint}`,
      botVersionLocaleSpecification: model.locales.map(({ localeId }) => ({
        localeId,
        botVersionLocaleDetails: { sourceBotVersion: 'DRAFT' },
      })),
    });

    this.alias = new CfnBotAlias(this, 'LiveAlias', {
      botId: this.bot.attrId,
      botAliasName: LIVE_ALIAS_NAME,
      description: 'What the chat page calls',
      botVersion: this.version.attrBotVersion,
      botAliasLocaleSettings: model.locales.map(({ localeId }) => ({
        localeId,
        botAliasLocaleSetting: {
          enabled: true,
          codeHookSpecification: {
            lambdaCodeHook: {
              lambdaArn: this.fulfilment.functionArn,
              codeHookInterfaceVersion: CODE_HOOK_INTERFACE_VERSION,
            },
          },
        },
      })),
    });

    this.fulfilment.addPermission('InvokedByLiveAlias', {
      principal: new ServicePrincipal(LEX_PRINCIPAL),
      sourceArn: this.alias.attrArn,
      sourceAccount: this.account,
    });

    this.guestRole = Role.fromRoleName(
      this,
      'GuestRole',
      this.sharedValue(this.ssm.platform.guestRoleName),
    );
    // What the chat page does as a guest with this stack's resources: talk to the live alias,
    // and speak the bot's replies in the bot's voice (the voice toggle), which is this stack's too.
    const guestChat = new Policy(this, 'GuestChatPolicy', {
      statements: [
        new PolicyStatement({ actions: ['lex:RecognizeText'], resources: [this.alias.attrArn] }),
        new PolicyStatement({ actions: ['polly:SynthesizeSpeech'], resources: ['*'] }),
      ],
    });
    this.guestRole.attachInlinePolicy(guestChat);
    acknowledge(
      guestChat,
      'AwsSolutions-IAM5',
      'polly:SynthesizeSpeech has no resource-level permissions (Polly API permissions reference: Resource "*"); the page reads the bot\'s replies aloud with it, and the statement grants nothing else.',
      { resources: ['*'] },
    );

    this.deliveryAlarms = serviceAlarms(
      this,
      fulfilmentDefinition.service,
      fulfilmentDefinition.alarms,
    );

    this.share('BotIdParameter', this.ssm.lexBot.botId, this.bot.attrId);
    this.share('BotAliasIdParameter', this.ssm.lexBot.botAliasId, this.alias.attrBotAliasId);
    if (this.fulfilment.role) {
      this.share(
        'FulfilmentRoleArnParameter',
        this.ssm.lexBot.fulfilmentRoleArn,
        this.fulfilment.role.roleArn,
      );
    }
  }

  /**
   * The code hook verifies every turn's conversation token (request attribute
   * `x-booktrip-conversation-token`) with the key the history stack keeps in Secrets Manager and
   * names in SSM: the hook may read that one secret, nothing else. The local cloud has no Secrets
   * Manager: both services get the public local key.
   */
  private allowConversationTokenChecks(): void {
    const { tokenKey, tokenKeySecretArn } = fulfilmentDefinition.env;
    const spec = { tokenKey, tokenKeySecretArn };
    if (this.stage === LOCAL_STAGE) {
      bindEnvironment(this.fulfilment, spec, { tokenKey: LOCAL_CONVERSATION_TOKEN_KEY });
      return;
    }
    const secretArn = this.sharedValue(conversationTokenSecretParameter(this.stage));
    bindEnvironment(this.fulfilment, spec, {
      tokenKeySecretArn: {
        value: secretArn,
        grant: (fn) =>
          fn.addToRolePolicy(
            new PolicyStatement({
              actions: ['secretsmanager:GetSecretValue'],
              resources: [secretArn],
            }),
          ),
      },
    });
  }
}
