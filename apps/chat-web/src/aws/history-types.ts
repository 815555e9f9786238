// The history API's shapes as the page reads them (apps/conversation-history/openapi.json).
// Written out rather than imported: an app may not import another app.

export interface ConversationSummary {
  conversationId: string;
  title?: string;
  startedAt: string;
  lastActivityAt: string;
  counts: { turn: number; reservation: number; image: number; total: number };
}

export interface CreatedConversation {
  conversationId: string;
  /** Proves ownership to the bot's code hook; sent as the `x-booktrip-conversation-token` request attribute of every turn. */
  conversationToken?: string;
}

interface EntryBase {
  eventId: string;
  conversationId: string;
  at: string;
  correlationId: string;
  imageUrl?: string;
}

export type HotelDetails = {
  kind: 'hotel';
  location: string;
  checkInDate: string;
  nights: number;
  roomType: string;
};
export type CarDetails = {
  kind: 'car';
  pickUpCity: string;
  pickUpDate: string;
  returnDate: string;
  driverAge: number;
  carType: string;
};

export type TimelineEntry =
  | (EntryBase & {
      kind: 'turn';
      turn: {
        userText: string;
        botMessages: string[];
        /** The response cards of the bot's answer (its quick replies); absent when it sent none. */
        cards?: {
          title: string;
          subtitle?: string;
          buttons: { text: string; value: string }[];
        }[];
        intentName: string;
        intentState: string;
        dialogAction: string;
        slotToElicit?: string;
      };
    })
  | (EntryBase & {
      kind: 'reservation';
      reservation:
        | {
            status: 'confirmed';
            reservationId: string;
            details: HotelDetails | CarDetails;
            price: { amountCents: number; currency: string };
          }
        | { status: 'failed'; reservationId?: string; reason: string; message: string };
    })
  | (EntryBase & {
      kind: 'image';
      image:
        | {
            status: 'flipped';
            sourceKey: string;
            output: { bucket: string; key: string };
            /** The person's own name for the file; absent for uploads that carried none. */
            fileName?: string;
          }
        | {
            status: 'rejected';
            sourceKey?: string;
            reason: string;
            message?: string;
            fileName?: string;
          };
    });

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
