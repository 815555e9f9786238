export { lambdaContext } from './lambda-context';
export { eventBridgeEvent, rawEventBridgeEvent } from './eventbridge-event';
export type { EventBridgeEventOverrides } from './eventbridge-event';
export { apiGatewayRestEvent, type ApiGatewayRestEventInput } from './api-gateway-event';
export { sqsEvent, sqsRecord, type SqsRecordOverrides } from './sqs-event';
export { s3ObjectCreatedEvent } from './s3-event';
export { lexV2Event, lexV2Slot, type LexV2EventInput, type LexV2TestEvent } from './lex-v2-event';
export {
  ABSENT,
  DIALOGUE_DEFAULT_NOW,
  dialogueRequestAttributes,
  type Dialogue,
  type DialogueStep,
  type LexConfirmationState,
  type LexDialogActionType,
  type LexIntentState,
  type LexPromptAttempt,
} from './lex-dialogue';
export { carDialogues, hotelDialogues, HOTEL_BOOKED_SESSION } from './book-trip-dialogues';
export { carReservationRequest } from './reservation-request';
