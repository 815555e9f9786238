export { bookTripBot, CAR_TYPES, ROOM_TYPES } from './book-trip-bot';
export { buttonsFor, card, DEFAULT_MAX_RETRIES, prompt, response, text } from './messages';
export type {
  BotModel,
  ImageResponseCardMessage,
  IntentConfirmation,
  IntentFulfillment,
  IntentModel,
  LocaleModel,
  Message,
  MessageGroup,
  PlainTextMessage,
  Prompt,
  Response,
  ResponseCardButton,
  SlotModel,
  SlotTypeModel,
  SlotTypeValue,
  VoiceSettings,
} from './model';
export {
  BuiltInSlotTypes,
  IntentNames,
  SessionAttributeNames,
  SlotNames,
  SlotTypeNames,
} from './names';
export type {
  BuiltInSlotTypeName,
  CarSlotName,
  CustomSlotTypeName,
  HotelSlotName,
  IntentName,
  SessionAttributeName,
  SlotNameOf,
  SlottedIntentName,
} from './names';
export { sessionAttributeReferences, slotReferences } from './references';
export {
  FALLBACK_SIGNATURE,
  MAX_CARD_BUTTONS,
  MAX_MESSAGE_GROUPS,
  MAX_VARIATIONS,
  MIN_SAMPLE_UTTERANCES,
  normalizeUtterance,
  validateBotModel,
} from './validate';
export type { BotModelProblem, BotModelProblemCode } from './validate';
