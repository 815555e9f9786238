import { randomUUID } from 'node:crypto';
import type { TimelineEntry } from '../../src/timeline-entry';

/** Who uploads the images of test timelines; conversations in tests are theirs by default. */
export const UPLOADER = 'us-east-1:owner-1';

const START = Date.parse('2026-11-24T10:00:00.000Z');

/** A timeline entry of a kind at `second` seconds into the conversation; images by `uploader`. */
export function entry(
  conversationId: string,
  kind: TimelineEntry['kind'],
  second: number,
  eventId: string = randomUUID(),
  uploader: string = UPLOADER,
): TimelineEntry {
  const common = {
    eventId,
    conversationId,
    at: new Date(START + second * 1000).toISOString(),
    correlationId: `corr-${second}`,
  };
  switch (kind) {
    case 'turn':
      return {
        ...common,
        kind,
        turn: {
          userText: `message ${second}`,
          botMessages: ['Which city?'],
          intentName: 'BookHotel',
          intentState: 'InProgress',
          dialogAction: 'ElicitSlot',
          slotToElicit: 'Location',
          inputMode: 'Text',
        },
      };
    case 'reservation':
      return {
        ...common,
        kind,
        reservation: {
          status: 'failed',
          reason: 'STORAGE_FAILED',
          message: 'We could not book that, please try again',
        },
      };
    case 'image':
      return {
        ...common,
        kind,
        image: {
          status: 'flipped',
          sourceKey: `uploads/${uploader}/${conversationId}/${second}.png`,
          sourceBucket: 'booktrip-test-uploads',
          uploaderId: uploader,
          output: {
            bucket: 'booktrip-test-output',
            key: `flipped/uploads/${uploader}/${conversationId}/${second}.png`,
          },
          format: 'png',
          contentType: 'image/png',
          width: 640,
          height: 480,
          sizeBytes: 12_345,
        },
      };
  }
}

/** `count` entries cycling turn, turn, reservation, image, one second apart. */
export function timeline(
  conversationId: string,
  count: number,
  uploader: string = UPLOADER,
): TimelineEntry[] {
  const kinds: TimelineEntry['kind'][] = ['turn', 'turn', 'reservation', 'image'];
  return Array.from({ length: count }, (_, i) =>
    entry(conversationId, kinds[i % kinds.length]!, i, randomUUID(), uploader),
  );
}
