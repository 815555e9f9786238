import type { TimelineEntry } from '../aws/history-types';
import { confirmationPrice } from './bot-reply';
import type { ChatItem } from './chat-item';

const money = (cents: number, currency: string) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);

function reservationSummary(
  details: Extract<TimelineEntry, { kind: 'reservation' }>['reservation'],
): string {
  if (details.status !== 'confirmed') return 'Reservation failed';
  const d = details.details;
  if (d.kind === 'hotel') {
    const nights = `${d.nights} night${d.nights === 1 ? '' : 's'}`;
    return `${d.roomType} room in ${d.location}, ${nights} from ${d.checkInDate}`;
  }
  return `${d.carType} car in ${d.pickUpCity}, ${d.pickUpDate} to ${d.returnDate}`;
}

/**
 * What a restored picture is called: the person's file name, which the page sent with the upload
 * and the history kept. An upload without one (older, or a name S3 would not take) falls back to
 * its key's extension — the key ends in an id the page chose (`uploadKey`), and "picture.png"
 * reads better than a UUID.
 */
const fileNameOf = (image: { sourceKey?: string; fileName?: string }) => {
  if (image.fileName) return image.fileName;
  const extension = /\.([a-z0-9]{1,5})$/i.exec(image.sourceKey ?? '')?.[1];
  return extension ? `picture.${extension.toLowerCase()}` : 'picture';
};

/** One history entry as chat items: a turn is the person's words then the bot's replies. */
export function entryToItems(entry: TimelineEntry): ChatItem[] {
  const id = entry.eventId;
  switch (entry.kind) {
    case 'turn': {
      const items: ChatItem[] = [];
      if (entry.turn.userText)
        items.push({ kind: 'user', id: `${id}-u`, at: entry.at, text: entry.turn.userText });
      entry.turn.botMessages.forEach((text, index) => {
        // As live: the price of a confirmation stands out after a reload too.
        const price =
          entry.turn.dialogAction === 'ConfirmIntent' ? confirmationPrice(text) : undefined;
        items.push({
          kind: 'bot',
          id: `${id}-b${index}`,
          at: entry.at,
          text,
          format: 'markdown',
          ...(price ? { price } : {}),
        });
      });
      return items;
    }
    case 'reservation': {
      const r = entry.reservation;
      return [
        {
          kind: 'reservation',
          id,
          at: entry.at,
          status: r.status,
          summary: reservationSummary(r),
          ...(r.status === 'confirmed'
            ? { price: money(r.price.amountCents, r.price.currency) }
            : { message: r.message }),
        },
      ];
    }
    case 'image': {
      const image = entry.image;
      return [
        {
          kind: 'image',
          id,
          at: entry.at,
          status: image.status,
          fileName: fileNameOf(image),
          sourceKey: image.sourceKey,
          ...(image.status === 'flipped'
            ? { url: entry.imageUrl }
            : { message: image.message ?? image.reason }),
        },
      ];
    }
  }
}

/** The whole timeline, oldest first, as the chat shows it after a reload. */
export const timelineToItems = (entries: TimelineEntry[]): ChatItem[] =>
  [...entries].sort((a, b) => a.at.localeCompare(b.at)).flatMap(entryToItems);
