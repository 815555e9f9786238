import { BookTripApp } from '@booktrip/constructs';
import { ConversationHistoryStack } from './conversation-history-stack';

const app = new BookTripApp();
new ConversationHistoryStack(app, 'ConversationHistory', {
  service: 'conversation-history',
  stage: app.stage,
});
