import { formatTime, type ChatItem } from '../chat/chat-item';
import { MessageText } from './MessageText';
import { QuickReplies } from './QuickReplies';

const Time = ({ at }: { at: string }) => (
  <time className="time" dateTime={at}>
    {formatTime(at)}
  </time>
);

const IMAGE_STATUS: Record<Extract<ChatItem, { kind: 'image' }>['status'], string> = {
  uploading: 'Uploading…',
  processing: 'Flipping your picture…',
  flipped: 'Flipped upside down',
  rejected: 'Not flipped',
  failed: 'Upload failed',
};

/** One entry of the conversation: a bubble, quick replies, a booking outcome or a picture. */
export function TimelineItem({
  item,
  onChoose,
}: {
  item: ChatItem;
  onChoose: (id: string, value: string, text: string) => void;
}) {
  switch (item.kind) {
    case 'user':
      return (
        <li className="row row-user">
          <div className="bubble bubble-user">
            <span className="sr-only">You said: </span>
            <p className="message-text">{item.text}</p>
            <Time at={item.at} />
          </div>
        </li>
      );
    case 'bot':
      return (
        <li className="row row-bot">
          <div className="avatar" aria-hidden="true">
            BT
          </div>
          <div className="bubble bubble-bot">
            <span className="sr-only">BookTrip said: </span>
            <MessageText text={item.text} format={item.format} />
            {item.price && (
              <p className="price">
                <span className="price-label">Total</span> <strong>{item.price}</strong>
              </p>
            )}
            <Time at={item.at} />
          </div>
        </li>
      );
    case 'cards':
      return (
        <li className="row row-bot row-cards">
          <QuickReplies
            cards={item.cards}
            used={item.used}
            onChoose={(value, text) => onChoose(item.id, value, text)}
          />
        </li>
      );
    case 'reservation':
      return (
        <li className="row row-event">
          <article
            className={`outcome outcome-${item.status}`}
            aria-label={
              item.status === 'confirmed' ? 'Reservation confirmed' : 'Reservation failed'
            }
          >
            <h3>
              {item.status === 'confirmed' ? '✓ Reservation confirmed' : '✕ Reservation failed'}
            </h3>
            <p className="message-text">
              {item.status === 'confirmed' ? item.summary : item.message}
            </p>
            {item.price && <p className="outcome-price">{item.price}</p>}
            <Time at={item.at} />
          </article>
        </li>
      );
    case 'image':
      return (
        <li className="row row-user">
          <figure className={`picture picture-${item.status}`}>
            {item.url && item.status !== 'rejected' && item.status !== 'failed' && (
              <img
                src={item.url}
                onLoad={(event) =>
                  event.currentTarget.closest('li')?.scrollIntoView({ block: 'nearest' })
                }
                alt={
                  item.status === 'flipped'
                    ? `${item.fileName}, flipped upside down`
                    : `Preview of ${item.fileName}`
                }
              />
            )}
            <figcaption>
              <span className="file-name">{item.fileName}</span>
              <span className="picture-status">{IMAGE_STATUS[item.status]}</span>
              {item.status === 'uploading' && (
                <progress
                  max={1}
                  value={item.progress ?? 0}
                  aria-label={`Uploading ${item.fileName}`}
                />
              )}
              {item.message && <span className="picture-reason">{item.message}</span>}
              <Time at={item.at} />
            </figcaption>
          </figure>
        </li>
      );
  }
}
