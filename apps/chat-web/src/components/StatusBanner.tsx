import type { Problem } from '../chat/problem';
import { Icon } from './Icon';

/** The one thing that is wrong right now, in words, with the way out. */
export function StatusBanner({
  problem,
  onAction,
  onDismiss,
}: {
  problem: Problem;
  onAction: () => void;
  onDismiss: () => void;
}) {
  return (
    <div className={`banner banner-${problem.kind}`} role="alert">
      <div>
        <strong>{problem.title}</strong>
        <span> {problem.detail}</span>
      </div>
      <div className="banner-actions">
        <button type="button" className="button button-primary" onClick={onAction}>
          {problem.action}
        </button>
        <button
          type="button"
          className="button button-ghost"
          onClick={onDismiss}
          aria-label="Dismiss"
        >
          <Icon name="close" />
        </button>
      </div>
    </div>
  );
}
