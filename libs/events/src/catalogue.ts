import { ConversationTurnRecorded } from './contracts/conversation-turn-recorded';
import { ImageFlipped } from './contracts/image-flipped';
import { ImageRejected } from './contracts/image-rejected';
import { ReservationConfirmed } from './contracts/reservation-confirmed';
import { ReservationFailed } from './contracts/reservation-failed';
import { ReservationRequested } from './contracts/reservation-requested';

/** Every event BookTrip services publish on the custom bus (ARCHITECTURE.md, "Events"). */
export const catalogue = {
  ConversationTurnRecorded,
  ReservationRequested,
  ReservationConfirmed,
  ReservationFailed,
  ImageFlipped,
  ImageRejected,
} as const;
export type CatalogueName = keyof typeof catalogue;
