import { BookTripApp } from '@booktrip/constructs';
import { LexBotStack } from './lex-bot-stack';

const app = new BookTripApp();
new LexBotStack(app, 'LexBot', { service: 'lex-bot', stage: app.stage });
