import type { ResponseCard } from '../chat/chat-item';

/** Every card of a reply, its buttons as quick replies; all of them disabled once one is used. */
export function QuickReplies({
  cards,
  used,
  onChoose,
}: {
  cards: ResponseCard[];
  used: boolean;
  onChoose: (value: string, text: string) => void;
}) {
  return (
    <div className="cards">
      {cards.map((card, index) => (
        <section className="card" key={`${card.title}-${index}`} aria-label={card.title}>
          {card.imageUrl && <img className="card-image" src={card.imageUrl} alt="" />}
          <h3 className="card-title">{card.title}</h3>
          {card.subtitle && <p className="card-subtitle">{card.subtitle}</p>}
          <div className="quick-replies" role="group" aria-label={`${card.title}: choose one`}>
            {card.buttons.map((button) => (
              <button
                key={button.value}
                type="button"
                className="quick-reply"
                disabled={used}
                onClick={() => onChoose(button.value, button.text)}
              >
                {button.text}
              </button>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
