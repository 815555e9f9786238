import { useCallback, useEffect, useRef, useState, type DragEvent } from 'react';
import type { AwsSession } from '../aws/aws-session';
import type { BotReply } from '../chat/bot-reply';
import { problem as makeProblem } from '../chat/problem';
import { useChat } from '../chat/use-chat';
import { useOnline } from '../chat/use-online';
import { useVoice } from '../chat/use-voice';
import type { AppConfig } from '../config/app-config';
import { Composer } from './Composer';
import { ConversationList } from './ConversationList';
import { StatusBanner } from './StatusBanner';
import { Icon } from './Icon';
import { TimelineItem } from './TimelineItem';

export function ChatApp({ session, config }: { session: AwsSession; config: AppConfig }) {
  const voice = useVoice(session.speak);
  const sayRef = useRef(voice.say);
  sayRef.current = voice.say;
  const onBotReply = useCallback((reply: BotReply) => {
    const text = reply.items.flatMap((item) => (item.kind === 'bot' ? [item.text] : [])).join(' ');
    void sayRef.current(text);
  }, []);
  const chat = useChat(session, config, onBotReply);
  const { state } = chat;
  const online = useOnline();
  const input = useRef<HTMLTextAreaElement>(null);
  const log = useRef<HTMLOListElement>(null);
  const [notice, setNotice] = useState<string>();
  const [dragging, setDragging] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);

  const focusInput = () => input.current?.focus();
  // Follow the newest entry, also when a picture's status changes (it grows when flipped).
  const progress = state.items.map((item) => (item.kind === 'image' ? item.status : '')).join();
  useEffect(() => {
    log.current?.lastElementChild?.scrollIntoView({ block: 'end' });
  }, [state.items.length, state.typing, progress]);
  useEffect(() => {
    if (!state.typing) focusInput();
  }, [state.typing]);

  const send = (text: string) => {
    void chat.send(text);
    focusInput();
  };
  const onFiles = async (files: File[]) => {
    setNotice(undefined);
    for (const file of files) {
      const refused = await chat.upload(file);
      if (refused) setNotice(`${file.name}: ${refused}`);
    }
    focusInput();
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void onFiles([...event.dataTransfer.files]);
  };

  const problem = !online ? makeProblem('offline') : state.problem;
  const activeTitle = state.conversations.find((c) => c.conversationId === state.activeId)?.title;

  return (
    <div className={`layout${menuOpen ? ' menu-open' : ''}`}>
      <a className="skip-link" href="#message">
        Skip to the message box
      </a>
      <header className="topbar">
        <button
          type="button"
          className="button button-icon menu"
          aria-expanded={menuOpen}
          aria-controls="sidebar"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <Icon name="menu" />
          <span className="sr-only">Your chats</span>
        </button>
        <h1 className="brand">
          <span className="brand-mark">
            <Icon name="plane" />
          </span>
          BookTrip
        </h1>
        <div className="voice">
          <button
            type="button"
            className="button button-ghost"
            aria-pressed={voice.enabled}
            onClick={voice.toggle}
          >
            <Icon name={voice.enabled ? 'speaker' : 'mute'} />{' '}
            {voice.enabled ? 'Voice on' : 'Voice off'}
          </button>
          {voice.speaking && (
            <button type="button" className="button button-ghost" onClick={voice.stop}>
              <Icon name="stop" /> Stop
            </button>
          )}
        </div>
      </header>
      <div id="sidebar" className="sidebar-wrap">
        <ConversationList
          conversations={state.conversations}
          status={state.listStatus}
          activeId={state.activeId}
          onOpen={(id) => {
            setMenuOpen(false);
            void chat.open(id);
          }}
          onNew={() => {
            setMenuOpen(false);
            chat.newChat();
            focusInput();
          }}
          onDelete={(id) => void chat.remove(id)}
        />
      </div>
      <main
        className={`chat${dragging ? ' dragging' : ''}`}
        aria-label={activeTitle ?? 'Chat'}
        onDragOver={(event) => {
          event.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        {problem && (
          <StatusBanner
            problem={problem}
            onAction={() => void (online ? chat.retry() : undefined)}
            onDismiss={chat.dismissProblem}
          />
        )}
        {voice.error && (
          <p className="banner banner-voice" role="status">
            {voice.error}
          </p>
        )}
        <ol className="timeline" ref={log} aria-label="Messages" aria-live="off" tabIndex={0}>
          {state.items.length === 0 && state.timelineStatus !== 'loading' && (
            <li className="welcome">
              <h2>Where to next?</h2>
              <p>
                Ask me to book a hotel or a car — or drop a picture and I will flip it upside down.
              </p>
              <div className="quick-replies">
                {['Book a hotel', 'Rent a car'].map((text) => (
                  <button
                    key={text}
                    type="button"
                    className="quick-reply"
                    onClick={() => send(text)}
                    disabled={state.typing}
                  >
                    {text}
                  </button>
                ))}
              </div>
            </li>
          )}
          {state.timelineStatus === 'loading' && <li className="muted">Loading this chat…</li>}
          {state.timelineStatus === 'missing' && (
            <li className="muted">This chat does not exist or is not yours. Start a new one.</li>
          )}
          {state.items.map((item) => (
            <TimelineItem
              key={item.id}
              item={item}
              onChoose={(id, value) => {
                chat.markCardsUsed(id);
                send(value);
              }}
            />
          ))}
          {state.typing && (
            <li className="row row-bot">
              <div className="avatar" aria-hidden="true">
                BT
              </div>
              <div className="bubble bubble-bot typing" aria-label="BookTrip is typing">
                <span />
                <span />
                <span />
              </div>
            </li>
          )}
        </ol>
        <div className="sr-only" aria-live="polite" role="status" data-testid="announcer">
          {state.announcement?.text}
        </div>
        <Composer
          ref={input}
          disabled={state.typing}
          onSend={send}
          onFiles={(files) => void onFiles(files)}
          notice={notice}
        />
      </main>
    </div>
  );
}
