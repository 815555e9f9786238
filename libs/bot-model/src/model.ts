/**
 * The shape of a Lex V2 bot as plain data. It holds everything Lex needs to run the dialog
 * (utterances, slots in priority order, prompts, confirmation, declination and failure
 * responses, response cards, code hook switches), so the CDK stack and the local Lex runtime
 * are both generated from one value. Names are plain strings here because a model under
 * validation may be wrong; the BookTrip bot itself is built from the typed constants.
 */

export interface PlainTextMessage {
  readonly type: 'PlainText';
  /** May reference slots as `{SlotName}` and session attributes as `[attributeName]`. */
  readonly text: string;
}

export interface ResponseCardButton {
  /** What the button shows (Lex: at most 50 characters). */
  readonly text: string;
  /** What choosing it sends back as the guest's input (Lex: at most 50 characters). */
  readonly value: string;
}

/** Lex's "image response card": a title, optional subtitle and image, up to 5 buttons. */
export interface ImageResponseCardMessage {
  readonly type: 'ImageResponseCard';
  readonly title: string;
  readonly subtitle?: string;
  readonly imageUrl?: string;
  readonly buttons: readonly ResponseCardButton[];
}

export type Message = PlainTextMessage | ImageResponseCardMessage;

/**
 * One message group: Lex sends one message per group, `message` on the first attempt and the
 * next of `variations` on each retry (the bot uses Lex's `Ordered` message selection).
 */
export interface MessageGroup {
  readonly message: Message;
  readonly variations?: readonly Message[];
}

/** Something Lex says without expecting a particular answer (declination, failure, closing). */
export interface Response {
  readonly messageGroups: readonly MessageGroup[];
  /** Whether the guest may interrupt the spoken response (voice only). */
  readonly allowInterrupt: boolean;
}

/** A question: sent, then re-asked up to `maxRetries` times when the answer is not understood. */
export interface Prompt extends Response {
  readonly maxRetries: number;
}

export interface SlotModel {
  readonly name: string;
  readonly description: string;
  /** `AMAZON.*` or the name of a slot type of the same locale. */
  readonly slotTypeName: string;
  readonly required: boolean;
  /** Asks for the value; may carry response cards whose button values fill the slot. */
  readonly prompt: Prompt;
  /** Said when the value could not be captured after the prompt's retries. */
  readonly failureResponse?: Response;
  /** Typical answers to the prompt, e.g. `{Nights} nights`; they must reference this slot. */
  readonly sampleUtterances: readonly string[];
}

export interface IntentConfirmation {
  /** Yes/no question before fulfilment; may show the price from a session attribute. */
  readonly prompt: Prompt;
  /** Said when the guest answers no; the intent then fails. */
  readonly declinationResponse: Response;
  /** Said when no yes/no answer was understood after the retries. */
  readonly failureResponse: Response;
}

export interface IntentFulfillment {
  /** Call the code hook (Lambda) to fulfil the intent. */
  readonly codeHook: boolean;
  /** Said when the code hook fails (error or invalid response). */
  readonly failureResponse?: Response;
  /** Said when the code hook does not answer in time. */
  readonly timeoutResponse?: Response;
}

export interface IntentModel {
  readonly name: string;
  readonly description: string;
  /** `AMAZON.FallbackIntent` for the locale's fallback intent (which has no utterances). */
  readonly parentIntentSignature?: string;
  /** May reference this intent's slots as `{SlotName}`. */
  readonly sampleUtterances: readonly string[];
  /** In elicitation order: the first empty required slot is asked for next (slot priority). */
  readonly slots: readonly SlotModel[];
  /** Call the code hook on every turn while this intent is active (validation, pricing). */
  readonly dialogCodeHook: boolean;
  readonly fulfillment: IntentFulfillment;
  readonly confirmation?: IntentConfirmation;
  /** Said when the intent ends after fulfilment (e.g. the greeting's answer). */
  readonly closingResponse?: Response;
}

export interface SlotTypeValue {
  readonly value: string;
  readonly synonyms: readonly string[];
}

export interface SlotTypeModel {
  readonly name: string;
  readonly description: string;
  readonly values: readonly SlotTypeValue[];
  /**
   * `TopResolution`: only the listed values and synonyms (resolved to the value) fill the slot;
   * `OriginalValue`: anything similar is accepted as typed.
   */
  readonly resolutionStrategy: 'TopResolution' | 'OriginalValue';
}

export interface VoiceSettings {
  /** Amazon Polly voice id. */
  readonly voiceId: string;
  readonly engine: 'neural' | 'standard';
}

export interface LocaleModel {
  readonly localeId: string;
  readonly description: string;
  /** Below this NLU confidence Lex picks the fallback intent instead. */
  readonly nluConfidenceThreshold: number;
  readonly voice: VoiceSettings;
  readonly slotTypes: readonly SlotTypeModel[];
  readonly intents: readonly IntentModel[];
}

export interface BotModel {
  readonly name: string;
  readonly description: string;
  /** A session with no input for this long is forgotten (Lex: 60–86 400 s). */
  readonly idleSessionTtlInSeconds: number;
  /** COPPA: whether the bot is directed at children under 13. */
  readonly childDirected: boolean;
  /** Session attributes prompts may reference as `[name]`. */
  readonly sessionAttributes: readonly string[];
  readonly locales: readonly LocaleModel[];
}
