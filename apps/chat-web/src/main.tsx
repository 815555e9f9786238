import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { awsSession } from './aws/aws-session';
import { ChatApp } from './components/ChatApp';
import { loadConfig } from './config/app-config';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

loadConfig()
  .then((config) => {
    root.render(
      <StrictMode>
        <ChatApp session={awsSession(config)} config={config} />
      </StrictMode>,
    );
  })
  .catch((error: unknown) => {
    root.render(
      <main className="fatal" role="alert">
        <h1>BookTrip cannot start</h1>
        <p>{error instanceof Error ? error.message : String(error)}</p>
        <button
          type="button"
          className="button button-primary"
          onClick={() => window.location.reload()}
        >
          Retry
        </button>
      </main>,
    );
  });
