import type { TimelineEntry } from '../aws/history-types';
import { confirmationPrice } from './bot-reply';
import type { ChatItem, ResponseCard } from './chat-item';

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
      // As live: every card of the reply together, after its messages. Restored as used; the
      // timeline re-enables the last turn's while it is still unanswered (`timelineToItems`).
      // A recorded card is a live one without its image (the history keeps none).
      const cards: ResponseCard[] = entry.turn.cards ?? [];
      if (cards.length > 0)
        items.push({ kind: 'cards', id: `${id}-cards`, at: entry.at, cards, used: true });
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

/**
 * The whole timeline, oldest first, as the chat shows it after a reload. As in a live chat,
 * only the quick replies of the bot's last turn can still be used, and only while the person
 * has not answered it: every earlier set of cards, or one followed by something the person
 * said, is shown used.
 */
export function timelineToItems(entries: TimelineEntry[]): ChatItem[] {
  const sorted = [...entries].sort((a, b) => a.at.localeCompare(b.at));
  const items = sorted.flatMap(entryToItems);
  const lastTurn = sorted.filter((entry) => entry.kind === 'turn').at(-1);
  const openCards = lastTurn && items.findIndex((item) => item.id === `${lastTurn.eventId}-cards`);
  if (openCards === undefined || openCards < 0) return items;
  const answered = items.slice(openCards + 1).some((item) => item.kind === 'user');
  if (answered) return items;
  return items.map((item, index) =>
    index === openCards && item.kind === 'cards' ? { ...item, used: false } : item,
  );
}
