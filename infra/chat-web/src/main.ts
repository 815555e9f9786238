import { BookTripApp } from '@booktrip/constructs';
import { ChatWebStack } from './chat-web-stack';

const app = new BookTripApp();
new ChatWebStack(app, 'ChatWeb', {
  service: 'chat-web',
  stage: app.stage,
  webAcl: app.node.tryGetContext('webAcl') === true || app.node.tryGetContext('webAcl') === 'true',
});
