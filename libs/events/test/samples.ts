import type { PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import type { z } from 'zod';
import type { catalogue, CatalogueName } from '../src/catalogue';
import { outputKeyOf, uploadKey } from '../src/layouts/upload-key';

/** Uploads in the layout guests write to (`uploads/<identity>/<conversation>/<uuid>.<ext>`). */
const upload = (objectId: string, extension: string) =>
  uploadKey({
    identityId: 'us-east-1:6f1d2c3b-9a8e-4f7d-b6c5-0a1b2c3d4e5f',
    conversationId: '0d6e1c2a-7b3f-4e9d-8a5c-1f2e3d4c5b6a',
    objectId,
    extension,
  });
const skyline = upload('5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c', 'jpg');
const holiday = upload('9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a', 'heic');

/**
 * One realistic `data` per contract, as its producer sends it. Typed by the catalogue, so a new
 * contract without a sample does not compile.
 */
export const samples: { [K in CatalogueName]: z.input<(typeof catalogue)[K]['data']> } = {
  ConversationTurnRecorded: {
    sessionId: 'us-east-1:6f1d2c3b-9a8e-4f7d-b6c5-0a1b2c3d4e5f',
    invocationSource: 'DialogCodeHook',
    inputMode: 'Text',
    userText: 'book a hotel in Chicago for 3 nights',
    intentName: 'BookHotel',
    intentState: 'InProgress',
    dialogAction: 'ElicitSlot',
    slotToElicit: 'RoomType',
    botMessages: ['What type of room would you like?'],
    cards: [
      {
        title: 'Room type',
        subtitle: 'Pick the room you want',
        buttons: [
          { text: 'King', value: 'king' },
          { text: 'Queen', value: 'queen' },
          { text: 'Deluxe', value: 'deluxe' },
        ],
      },
    ],
  },
  ReservationRequested: {
    reservationId: '0b7e4d7a-3f9c-4c1e-9d2b-5a6f7e8d9c0b',
    reservation: {
      kind: 'hotel',
      location: 'Chicago',
      checkInDate: '2026-12-18',
      nights: 3,
      roomType: 'king',
    },
    price: { amountCents: 53_700, currency: 'USD' },
  },
  ReservationConfirmed: {
    reservationId: '1c8f5e8b-4a0d-4d2f-8e3c-6b7a8f9e0d1c',
    reservation: {
      kind: 'car',
      pickUpCity: 'Chicago',
      pickUpDate: '2026-12-18',
      returnDate: '2026-12-21',
      driverAge: 34,
      carType: 'midsize',
    },
    price: { amountCents: 16_500, currency: 'USD' },
  },
  ReservationFailed: {
    reservationId: '2d9a6f9c-5b1e-4e3a-9f4d-7c8b9a0f1e2d',
    reason: 'STORAGE_FAILED',
    message: 'We could not book your hotel right now. Please try again in a few minutes.',
  },
  ImageFlipped: {
    source: {
      bucket: 'booktrip-test-uploads',
      key: skyline,
      versionId: '3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY',
    },
    output: {
      bucket: 'booktrip-test-flipped',
      key: outputKeyOf(skyline),
    },
    format: 'jpeg',
    contentType: 'image/jpeg',
    width: 4000,
    height: 3000,
    sizeBytes: 2_483_114,
    fileName: 'Chicago skyline at dusk.jpg',
  },
  ImageRejected: {
    source: {
      bucket: 'booktrip-test-uploads',
      key: holiday,
    },
    reason: 'UNSUPPORTED_FORMAT',
    message: 'HEIC images are not supported; upload a JPEG, PNG, WebP, GIF, AVIF or TIFF.',
  },
};

/** The event a rule target receives for a PutEvents entry, as EventBridge delivers it. */
export function deliveredEvent(
  entry: PutEventsRequestEntry,
  id = 'e5b1a7c4-0d3f-4a8e-b2c6-9f1e3d5a7b9c',
) {
  return {
    version: '0',
    id,
    'detail-type': entry.DetailType,
    source: entry.Source,
    account: '123456789012',
    time: '2026-11-24T21:30:00Z',
    region: 'us-east-1',
    resources: entry.Resources ?? [],
    detail: JSON.parse(entry.Detail ?? 'null') as unknown,
  };
}
