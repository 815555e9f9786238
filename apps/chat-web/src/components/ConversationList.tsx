import { useState } from 'react';
import { Icon } from './Icon';
import type { ConversationSummary } from '../aws/history-types';

const when = (iso: string) => {
  const date = new Date(iso);
  const today = new Date().toDateString() === date.toDateString();
  return today
    ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
};

const titleOf = (c: ConversationSummary) =>
  c.title?.trim() ||
  `Chat of ${new Date(c.startedAt).toLocaleDateString(undefined, { month: 'short', day: 'numeric' })}`;

/** The guest's chats from the history API, newest activity first; delete asks first. */
export function ConversationList({
  conversations,
  status,
  activeId,
  onOpen,
  onNew,
  onDelete,
}: {
  conversations: ConversationSummary[];
  status: 'loading' | 'ready' | 'failed';
  activeId?: string;
  onOpen: (id: string) => void;
  onNew: () => void;
  onDelete: (id: string) => void;
}) {
  const [confirming, setConfirming] = useState<string>();
  const sorted = [...conversations].sort((a, b) =>
    b.lastActivityAt.localeCompare(a.lastActivityAt),
  );
  return (
    <nav className="sidebar" aria-label="Your chats">
      <button type="button" className="button button-primary new-chat" onClick={onNew}>
        + New chat
      </button>
      <h2 className="sidebar-title">Your chats</h2>
      {status === 'loading' && <p className="muted">Loading your chats…</p>}
      {status === 'ready' && sorted.length === 0 && <p className="muted">No chats yet.</p>}
      <ul className="conversations">
        {sorted.map((c) => (
          <li
            key={c.conversationId}
            className={c.conversationId === activeId ? 'conversation active' : 'conversation'}
          >
            {confirming === c.conversationId ? (
              <div className="confirm-delete" role="group" aria-label={`Delete ${titleOf(c)}?`}>
                <span>Delete this chat?</span>
                <button
                  type="button"
                  className="button button-danger"
                  autoFocus
                  onClick={() => {
                    setConfirming(undefined);
                    onDelete(c.conversationId);
                  }}
                >
                  Delete
                </button>
                <button
                  type="button"
                  className="button button-ghost"
                  onClick={() => setConfirming(undefined)}
                >
                  Cancel
                </button>
              </div>
            ) : (
              <>
                <button
                  type="button"
                  className="conversation-open"
                  aria-current={c.conversationId === activeId ? 'page' : undefined}
                  onClick={() => onOpen(c.conversationId)}
                >
                  <span className="conversation-title">{titleOf(c)}</span>
                  <span className="conversation-when">{when(c.lastActivityAt)}</span>
                </button>
                <button
                  type="button"
                  className="button button-icon delete"
                  aria-label={`Delete ${titleOf(c)}`}
                  onClick={() => setConfirming(c.conversationId)}
                >
                  <Icon name="trash" />
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
