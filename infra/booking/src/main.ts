import { BookTripApp } from '@booktrip/constructs';
import { BookingStack } from './booking-stack';

const app = new BookTripApp();
new BookingStack(app, 'Booking', { service: 'booking', stage: app.stage });
