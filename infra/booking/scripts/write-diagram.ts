// `npx nx run infra-booking:diagram`: synthesizes the booking stack (no bundling) and writes the
// workflow's Mermaid diagram into both READMEs of the service.
import { BookTripApp } from '@booktrip/constructs';
import { writeWorkflowDiagram } from '@booktrip/workspace';
import { join } from 'node:path';
import { BookingStack } from '../src/booking-stack';

const app = new BookTripApp({ context: { 'aws:cdk:bundling-stacks': [] } });
const stack = new BookingStack(app, 'Booking', { service: 'booking', stage: app.stage });
writeWorkflowDiagram(app.synth().getStackByName(stack.stackName).template, 'infra-booking', [
  join(__dirname, '..', 'README.md'),
  join(__dirname, '../../../apps/booking/README.md'),
]);
