import type {
  BotModel,
  IntentModel,
  LocaleModel,
  Message,
  Prompt,
  Response,
  SlotModel,
  SlotTypeModel,
} from '@booktrip/bot-model';
import type { CfnBot } from 'aws-cdk-lib/aws-lex';

function message(m: Message): CfnBot.MessageProperty {
  if (m.type === 'PlainText') return { plainTextMessage: { value: m.text } };
  return {
    imageResponseCard: {
      title: m.title,
      subtitle: m.subtitle,
      imageUrl: m.imageUrl,
      buttons: m.buttons.map(({ text, value }) => ({ text, value })),
    },
  };
}

function messageGroups(r: Response): CfnBot.MessageGroupProperty[] {
  return r.messageGroups.map((group) => ({
    message: message(group.message),
    variations: group.variations?.map(message),
  }));
}

function responseSpecification(r: Response): CfnBot.ResponseSpecificationProperty {
  return { messageGroupsList: messageGroups(r), allowInterrupt: r.allowInterrupt };
}

function promptSpecification(p: Prompt): CfnBot.PromptSpecificationProperty {
  return {
    messageGroupsList: messageGroups(p),
    maxRetries: p.maxRetries,
    allowInterrupt: p.allowInterrupt,
    // The first attempt asks the main question, each retry the next variation, as the model
    // documents (MessageGroup): deterministic, so a local runtime can reproduce it.
    messageSelectionStrategy: 'Ordered',
  };
}

/**
 * Where the intent has a dialog code hook, call it after this step too (slot captured,
 * confirmation answered) so the hook sees every turn, as the model promises.
 */
function dialogHookInvocation(
  intent: IntentModel,
): CfnBot.DialogCodeHookInvocationSettingProperty | undefined {
  return intent.dialogCodeHook
    ? { enableCodeHookInvocation: true, isActive: true, postCodeHookSpecification: {} }
    : undefined;
}

function slot(intent: IntentModel, s: SlotModel): CfnBot.SlotProperty {
  const codeHook = dialogHookInvocation(intent);
  return {
    name: s.name,
    description: s.description,
    slotTypeName: s.slotTypeName,
    valueElicitationSetting: {
      slotConstraint: s.required ? 'Required' : 'Optional',
      promptSpecification: promptSpecification(s.prompt),
      sampleUtterances:
        s.sampleUtterances.length > 0
          ? s.sampleUtterances.map((utterance) => ({ utterance }))
          : undefined,
      slotCaptureSetting:
        s.failureResponse || codeHook
          ? {
              failureResponse: s.failureResponse && responseSpecification(s.failureResponse),
              codeHook,
            }
          : undefined,
    },
  };
}

function intent(i: IntentModel): CfnBot.IntentProperty {
  const { fulfillment, confirmation, closingResponse } = i;
  return {
    name: i.name,
    description: i.description,
    parentIntentSignature: i.parentIntentSignature,
    // The fallback intent must not have utterances, slots or a dialog code hook at all.
    sampleUtterances:
      i.sampleUtterances.length > 0
        ? i.sampleUtterances.map((utterance) => ({ utterance }))
        : undefined,
    slots: i.slots.length > 0 ? i.slots.map((s) => slot(i, s)) : undefined,
    slotPriorities:
      i.slots.length > 0
        ? i.slots.map((s, index) => ({ priority: index + 1, slotName: s.name }))
        : undefined,
    dialogCodeHook: i.dialogCodeHook ? { enabled: true } : undefined,
    fulfillmentCodeHook: fulfillment.codeHook
      ? {
          enabled: true,
          postFulfillmentStatusSpecification: {
            failureResponse:
              fulfillment.failureResponse && responseSpecification(fulfillment.failureResponse),
            timeoutResponse:
              fulfillment.timeoutResponse && responseSpecification(fulfillment.timeoutResponse),
          },
        }
      : undefined,
    intentConfirmationSetting: confirmation && {
      promptSpecification: promptSpecification(confirmation.prompt),
      declinationResponse: responseSpecification(confirmation.declinationResponse),
      failureResponse: responseSpecification(confirmation.failureResponse),
      codeHook: dialogHookInvocation(i),
    },
    intentClosingSetting: closingResponse && {
      closingResponse: responseSpecification(closingResponse),
      isActive: true,
    },
  };
}

/** CloudFormation spells the strategies as constants, unlike the Lex API (`TopResolution`). */
const CFN_RESOLUTION_STRATEGY: Record<SlotTypeModel['resolutionStrategy'], string> = {
  TopResolution: 'TOP_RESOLUTION',
  OriginalValue: 'ORIGINAL_VALUE',
};

function slotType(t: SlotTypeModel): CfnBot.SlotTypeProperty {
  return {
    name: t.name,
    description: t.description,
    slotTypeValues: t.values.map(({ value, synonyms }) => ({
      sampleValue: { value },
      synonyms: synonyms.length > 0 ? synonyms.map((s) => ({ value: s })) : undefined,
    })),
    valueSelectionSetting: { resolutionStrategy: CFN_RESOLUTION_STRATEGY[t.resolutionStrategy] },
  };
}

function locale(l: LocaleModel): CfnBot.BotLocaleProperty {
  return {
    localeId: l.localeId,
    description: l.description,
    nluConfidenceThreshold: l.nluConfidenceThreshold,
    voiceSettings: { voiceId: l.voice.voiceId, engine: l.voice.engine },
    slotTypes: l.slotTypes.map(slotType),
    intents: l.intents.map(intent),
  };
}

/**
 * The `botLocales` of an `AWS::Lex::Bot` from a bot model. Pure, so the mapping is tested
 * without synthesizing, and optional parts the model leaves out stay out of the template.
 */
export function toCfnBotLocales(model: BotModel): CfnBot.BotLocaleProperty[] {
  return model.locales.map(locale);
}
