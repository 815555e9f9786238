// `npx nx run infra-image-flip:diagram`: synthesizes the image-flip stack (no bundling) and
// writes the workflow's Mermaid diagram into both READMEs of the service.
import { BookTripApp } from '@booktrip/constructs';
import { withDiagram, workflowDiagram } from '@booktrip/workspace';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImageFlipStack } from '../src/image-flip-stack';

const app = new BookTripApp({ context: { 'aws:cdk:bundling-stacks': [] } });
const stack = new ImageFlipStack(app, 'ImageFlip', { service: 'image-flip', stage: app.stage });
const template = app.synth().getStackByName(stack.stackName).template as Parameters<
  typeof workflowDiagram
>[0];
const diagram = workflowDiagram(template);

for (const readme of [
  join(__dirname, '..', 'README.md'),
  join(__dirname, '../../../apps/image-flip/README.md'),
]) {
  writeFileSync(readme, withDiagram(readFileSync(readme, 'utf8'), diagram, 'infra-image-flip'));
  console.log(`diagram written to ${readme}`);
}
