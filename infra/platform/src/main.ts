import { BookTripApp } from '@booktrip/constructs';
import { PlatformStack } from './platform-stack';

const app = new BookTripApp();
new PlatformStack(app, 'Platform', { service: 'platform', stage: app.stage });
