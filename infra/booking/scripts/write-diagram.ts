// `npx nx run infra-booking:diagram`: synthesizes the booking stack (no bundling) and writes
// the workflow's Mermaid diagram into both READMEs of the service.
import { BookTripApp } from '@booktrip/constructs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BookingStack } from '../src/booking-stack';
import { withDiagram, workflowDiagram } from '@booktrip/workspace';

const app = new BookTripApp({ context: { 'aws:cdk:bundling-stacks': [] } });
const stack = new BookingStack(app, 'Booking', { service: 'booking', stage: app.stage });
const template = app.synth().getStackByName(stack.stackName).template as Parameters<
  typeof workflowDiagram
>[0];
const diagram = workflowDiagram(template);

for (const readme of [
  join(__dirname, '..', 'README.md'),
  join(__dirname, '../../../apps/booking/README.md'),
]) {
  writeFileSync(readme, withDiagram(readFileSync(readme, 'utf8'), diagram, 'infra-booking'));
  console.log(`diagram written to ${readme}`);
}
