import type { LocalResource } from '../edge/contracts';

/*
 * A Lex V2 bot as the runtime runs it, read from the synthesized `AWS::Lex::Bot`,
 * `AWS::Lex::BotVersion` and `AWS::Lex::BotAlias` resources (CloudFormation's property names).
 * Everything the dialog manager needs is here; nothing is specific to one bot.
 */

export interface ButtonDefinition {
  text: string;
  value: string;
}

export interface CardDefinition {
  title: string;
  subtitle?: string;
  imageUrl?: string;
  buttons: ButtonDefinition[];
}

export type MessageDefinition =
  | { contentType: 'PlainText' | 'SSML' | 'CustomPayload'; content: string }
  | { contentType: 'ImageResponseCard'; card: CardDefinition };

export interface MessageGroupDefinition {
  message: MessageDefinition;
  variations: MessageDefinition[];
}

export interface PromptDefinition {
  groups: MessageGroupDefinition[];
  maxRetries: number;
}

export interface SlotDefinition {
  name: string;
  slotTypeName: string;
  required: boolean;
  prompt?: PromptDefinition;
  /** Said when the slot's retries are used up; the intent then fails. */
  failureResponse?: MessageGroupDefinition[];
  /** The slot's own utterances, for answers to its prompt ("in {Location}"). */
  sampleUtterances: string[];
}

export interface SlotTypeValueDefinition {
  value: string;
  synonyms: string[];
}

export interface SlotTypeDefinition {
  name: string;
  values: SlotTypeValueDefinition[];
  resolutionStrategy: 'TOP_RESOLUTION' | 'ORIGINAL_VALUE' | 'CONCATENATION';
  /** `AMAZON.AlphaNumeric` for slot types extending it (with an optional regex). */
  parentSlotTypeSignature?: string;
  regexPattern?: string;
}

export interface IntentDefinition {
  name: string;
  parentIntentSignature?: string;
  sampleUtterances: string[];
  /** In slot priority order. */
  slots: SlotDefinition[];
  dialogCodeHook: boolean;
  fulfillmentCodeHook: boolean;
  fulfillmentFailureResponse?: MessageGroupDefinition[];
  confirmation?: {
    prompt: PromptDefinition;
    declinationResponse?: MessageGroupDefinition[];
    failureResponse?: MessageGroupDefinition[];
  };
  closingResponse?: MessageGroupDefinition[];
}

export interface LocaleDefinition {
  localeId: string;
  nluConfidenceThreshold: number;
  voice?: { voiceId: string; engine?: string };
  intents: IntentDefinition[];
  slotTypes: SlotTypeDefinition[];
}

export interface BotDefinition {
  id: string;
  name: string;
  idleSessionTtlInSeconds: number;
  locales: LocaleDefinition[];
}

export interface AliasLocaleSetting {
  enabled: boolean;
  /** The code hook every intent of the locale calls, when the alias names one. */
  lambdaArn?: string;
}

export interface AliasDefinition {
  botId: string;
  aliasId: string;
  aliasName: string;
  botVersion: string;
  arn: string;
  locales: Record<string, AliasLocaleSetting>;
}

/** Lex's built-in test alias, which every bot has and which runs the draft. */
export const TEST_ALIAS_ID = 'TSTALIASID';

type Props = Record<string, unknown>;

const props = (value: unknown): Props =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Props) : {};
const list = (value: unknown): Props[] => (Array.isArray(value) ? value.map(props) : []);
const text = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : undefined;

/**
 * Reads every bot and alias among the resources. A bot without a locale, a locale without
 * intents or a template shape the runtime cannot run is refused with the resource's name.
 */
export function readBots(
  resources: readonly LocalResource[],
  aliasArn: (botId: string, aliasId: string) => string,
): { bots: BotDefinition[]; aliases: AliasDefinition[] } {
  const bots = resources
    .filter((resource) => resource.type === 'AWS::Lex::Bot')
    .map((resource) => readBot(resource));
  const aliases: AliasDefinition[] = [];
  for (const resource of resources.filter((r) => r.type === 'AWS::Lex::BotAlias')) {
    const p = resource.properties;
    const botId = text(p.BotId);
    if (!botId) throw new Error(`${resource.logicalId}: AWS::Lex::BotAlias has no BotId`);
    const locales: Record<string, AliasLocaleSetting> = {};
    for (const entry of list(p.BotAliasLocaleSettings)) {
      const setting = props(entry.BotAliasLocaleSetting);
      const lambdaArn = text(props(props(setting.CodeHookSpecification).LambdaCodeHook).LambdaArn);
      locales[String(entry.LocaleId)] = { enabled: setting.Enabled !== false, lambdaArn };
    }
    aliases.push({
      botId,
      aliasId: resource.physicalId,
      aliasName: text(p.BotAliasName) ?? resource.physicalId,
      botVersion: text(p.BotVersion) ?? 'DRAFT',
      arn: resource.arn ?? aliasArn(botId, resource.physicalId),
      locales,
    });
  }
  // The test alias runs the draft with the bot's own TestBotAliasSettings.
  for (const resource of resources.filter((r) => r.type === 'AWS::Lex::Bot')) {
    const test = props(resource.properties.TestBotAliasSettings);
    const locales: Record<string, AliasLocaleSetting> = {};
    for (const entry of list(test.BotAliasLocaleSettings)) {
      const setting = props(entry.BotAliasLocaleSetting);
      const lambdaArn = text(props(props(setting.CodeHookSpecification).LambdaCodeHook).LambdaArn);
      locales[String(entry.LocaleId)] = { enabled: setting.Enabled !== false, lambdaArn };
    }
    aliases.push({
      botId: resource.physicalId,
      aliasId: TEST_ALIAS_ID,
      aliasName: 'TestBotAlias',
      botVersion: 'DRAFT',
      arn: aliasArn(resource.physicalId, TEST_ALIAS_ID),
      locales,
    });
  }
  return { bots, aliases };
}

function readBot(resource: LocalResource): BotDefinition {
  const p = resource.properties;
  const where = `${resource.logicalId} (AWS::Lex::Bot)`;
  const locales = list(p.BotLocales).map((locale) => readLocale(locale, where));
  if (locales.length === 0) throw new Error(`${where} has no BotLocales`);
  return {
    id: resource.physicalId,
    name: text(p.Name) ?? resource.physicalId,
    idleSessionTtlInSeconds: Number(p.IdleSessionTTLInSeconds ?? 300),
    locales,
  };
}

function readLocale(locale: Props, where: string): LocaleDefinition {
  const localeId = text(locale.LocaleId);
  if (!localeId) throw new Error(`${where}: a locale has no LocaleId`);
  const intents = list(locale.Intents).map((intent) => readIntent(intent));
  if (!intents.some((intent) => intent.parentIntentSignature === 'AMAZON.FallbackIntent')) {
    throw new Error(`${where}: locale ${localeId} has no AMAZON.FallbackIntent`);
  }
  const voice = props(locale.VoiceSettings);
  return {
    localeId,
    nluConfidenceThreshold: Number(locale.NluConfidenceThreshold ?? 0.4),
    voice: text(voice.VoiceId)
      ? { voiceId: String(voice.VoiceId), engine: text(voice.Engine) }
      : undefined,
    intents,
    slotTypes: list(locale.SlotTypes).map((slotType) => ({
      name: String(slotType.Name),
      values: list(slotType.SlotTypeValues).map((entry) => ({
        value: String(props(entry.SampleValue).Value),
        synonyms: list(entry.Synonyms).map((synonym) => String(synonym.Value)),
      })),
      resolutionStrategy: resolutionStrategy(
        props(slotType.ValueSelectionSetting).ResolutionStrategy,
      ),
      parentSlotTypeSignature: text(slotType.ParentSlotTypeSignature),
      regexPattern: text(props(props(slotType.ValueSelectionSetting).RegexFilter).Pattern),
    })),
  };
}

function resolutionStrategy(value: unknown): SlotTypeDefinition['resolutionStrategy'] {
  if (value === 'TOP_RESOLUTION' || value === 'CONCATENATION') return value;
  return 'ORIGINAL_VALUE';
}

function readIntent(intent: Props): IntentDefinition {
  const priorities = new Map(
    list(intent.SlotPriorities).map((entry) => [String(entry.SlotName), Number(entry.Priority)]),
  );
  const slots = list(intent.Slots)
    .map((slot): SlotDefinition => {
      const elicitation = props(slot.ValueElicitationSetting);
      const capture = props(elicitation.SlotCaptureSetting);
      return {
        name: String(slot.Name),
        slotTypeName: String(slot.SlotTypeName),
        required: elicitation.SlotConstraint === 'Required',
        prompt: readPrompt(elicitation.PromptSpecification),
        failureResponse: readResponse(capture.FailureResponse),
        sampleUtterances: utterances(elicitation.SampleUtterances),
      };
    })
    .sort(
      (a, b) =>
        (priorities.get(a.name) ?? Number.MAX_SAFE_INTEGER) -
        (priorities.get(b.name) ?? Number.MAX_SAFE_INTEGER),
    );
  const confirmation = props(intent.IntentConfirmationSetting);
  const confirmationPrompt = readPrompt(confirmation.PromptSpecification);
  const fulfillment = props(intent.FulfillmentCodeHook);
  return {
    name: String(intent.Name),
    parentIntentSignature: text(intent.ParentIntentSignature),
    sampleUtterances: utterances(intent.SampleUtterances),
    slots,
    dialogCodeHook: props(intent.DialogCodeHook).Enabled === true,
    fulfillmentCodeHook: fulfillment.Enabled === true,
    fulfillmentFailureResponse: readResponse(
      props(fulfillment.PostFulfillmentStatusSpecification).FailureResponse,
    ),
    confirmation:
      confirmationPrompt && confirmation.IsActive !== false
        ? {
            prompt: confirmationPrompt,
            declinationResponse: readResponse(confirmation.DeclinationResponse),
            failureResponse: readResponse(confirmation.FailureResponse),
          }
        : undefined,
    closingResponse: readResponse(props(intent.IntentClosingSetting).ClosingResponse),
  };
}

function utterances(value: unknown): string[] {
  return list(value).map((entry) => String(entry.Utterance));
}

function readPrompt(value: unknown): PromptDefinition | undefined {
  const spec = props(value);
  const groups = readGroups(spec.MessageGroupsList ?? spec.MessageGroups);
  if (groups.length === 0) return undefined;
  return { groups, maxRetries: Number(spec.MaxRetries ?? 2) };
}

function readResponse(value: unknown): MessageGroupDefinition[] | undefined {
  const groups = readGroups(props(value).MessageGroupsList);
  return groups.length > 0 ? groups : undefined;
}

function readGroups(value: unknown): MessageGroupDefinition[] {
  return list(value).flatMap((group) => {
    const message = readMessage(group.Message);
    if (!message) return [];
    return [
      {
        message,
        variations: list(group.Variations).flatMap((variation) => {
          const read = readMessage(variation);
          return read ? [read] : [];
        }),
      },
    ];
  });
}

function readMessage(value: unknown): MessageDefinition | undefined {
  const message = props(value);
  const plain = text(props(message.PlainTextMessage).Value);
  if (plain !== undefined) return { contentType: 'PlainText', content: plain };
  const ssml = text(props(message.SSMLMessage).Value);
  if (ssml !== undefined) return { contentType: 'SSML', content: ssml };
  const custom = text(props(message.CustomPayload).Value);
  if (custom !== undefined) return { contentType: 'CustomPayload', content: custom };
  const card = props(message.ImageResponseCard);
  if (text(card.Title) !== undefined) {
    return {
      contentType: 'ImageResponseCard',
      card: {
        title: String(card.Title),
        subtitle: text(card.Subtitle),
        imageUrl: text(card.ImageUrl),
        buttons: list(card.Buttons).map((button) => ({
          text: String(button.Text),
          value: String(button.Value),
        })),
      },
    };
  }
  return undefined;
}
