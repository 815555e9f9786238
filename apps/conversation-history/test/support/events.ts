import {
  ConversationTurnRecorded,
  ImageFlipped,
  ImageRejected,
  ReservationConfirmed,
  ReservationFailed,
} from '@booktrip/events';
import { eventBridgeEvent, type EventBridgeEventOverrides } from '@booktrip/test-kit';

export const OUTPUT_BUCKET = 'booktrip-test-output';
/** Who uploads the images of the events below, unless told otherwise. */
export const UPLOADER = 'us-east-1:11111111-aaaa-4aaa-8aaa-111111111111';

/** The room-type question's quick replies, one button text hostile markup (data, kept as is). */
export const ROOM_TYPE_CARD = {
  title: 'Room type',
  subtitle: 'Pick the room you want',
  buttons: [
    { text: 'King', value: 'king' },
    { text: '<img src=x onerror=alert(1)>', value: 'queen' },
  ],
};

/** One valid event of each consumed contract, for conversation `conversationId`. */
export const events = {
  turn: (conversationId: string, overrides: EventBridgeEventOverrides = {}, producedAt?: string) =>
    eventBridgeEvent(
      ConversationTurnRecorded,
      {
        sessionId: conversationId,
        invocationSource: 'DialogCodeHook',
        inputMode: 'Text',
        userText: 'book a hotel in Chicago',
        intentName: 'BookHotel',
        intentState: 'InProgress',
        dialogAction: 'ElicitSlot',
        slotToElicit: 'CheckInDate',
        botMessages: ['What day do you want to check in?'],
      },
      { conversationId, correlationId: 'corr-turn', ...(producedAt ? { producedAt } : {}) },
      overrides,
    ),
  /** The bot asks for the room type with its quick replies (a card with three buttons). */
  roomTypeTurn: (conversationId: string, overrides: EventBridgeEventOverrides = {}) =>
    eventBridgeEvent(
      ConversationTurnRecorded,
      {
        sessionId: conversationId,
        invocationSource: 'DialogCodeHook',
        inputMode: 'Text',
        userText: '3 nights',
        intentName: 'BookHotel',
        intentState: 'InProgress',
        dialogAction: 'ElicitSlot',
        slotToElicit: 'RoomType',
        botMessages: ['What type of room would you like?'],
        cards: [ROOM_TYPE_CARD],
      },
      { conversationId, correlationId: 'corr-turn' },
      overrides,
    ),
  confirmed: (conversationId: string, overrides: EventBridgeEventOverrides = {}) =>
    eventBridgeEvent(
      ReservationConfirmed,
      {
        reservationId: '6f1c0d2e-8a7b-4c3d-9e0f-1a2b3c4d5e6f',
        reservation: {
          kind: 'hotel',
          location: 'Chicago',
          checkInDate: '2026-12-01',
          nights: 3,
          roomType: 'king',
        },
        price: { amountCents: 45_000, currency: 'USD' },
      },
      { conversationId, correlationId: 'corr-booking' },
      overrides,
    ),
  failed: (conversationId: string, overrides: EventBridgeEventOverrides = {}) =>
    eventBridgeEvent(
      ReservationFailed,
      { reason: 'STORAGE_FAILED', message: 'We could not book that, please try again' },
      { conversationId, correlationId: 'corr-booking' },
      overrides,
    ),
  flipped: (
    conversationId: string,
    overrides: EventBridgeEventOverrides = {},
    uploader: string = UPLOADER,
  ) =>
    eventBridgeEvent(
      ImageFlipped,
      {
        source: {
          bucket: 'booktrip-test-uploads',
          key: `uploads/${uploader}/${conversationId}/cat.png`,
          versionId: 'v1',
        },
        output: {
          bucket: OUTPUT_BUCKET,
          key: `flipped/uploads/${uploader}/${conversationId}/cat.png`,
        },
        format: 'png',
        contentType: 'image/png',
        width: 640,
        height: 480,
        sizeBytes: 20_480,
      },
      { conversationId, correlationId: 'corr-image' },
      overrides,
    ),
  rejected: (
    conversationId: string,
    overrides: EventBridgeEventOverrides = {},
    uploader: string = UPLOADER,
  ) =>
    eventBridgeEvent(
      ImageRejected,
      {
        source: {
          bucket: 'booktrip-test-uploads',
          key: `uploads/${uploader}/${conversationId}/notes.txt`,
        },
        reason: 'UNSUPPORTED_FORMAT',
        message: 'That file is not an image we can flip',
      },
      { conversationId, correlationId: 'corr-image' },
      overrides,
    ),
};
