import { BookTripApp } from '@booktrip/constructs';
import { ImageFlipStack } from './image-flip-stack';

const app = new BookTripApp();
new ImageFlipStack(app, 'ImageFlip', { service: 'image-flip', stage: app.stage });
