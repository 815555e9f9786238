// `npx nx run infra-image-flip:diagram`: synthesizes the image-flip stack (no bundling) and writes the
// workflow's Mermaid diagram into both READMEs of the service.
import { BookTripApp } from '@booktrip/constructs';
import { writeWorkflowDiagram } from '@booktrip/workspace';
import { join } from 'node:path';
import { ImageFlipStack } from '../src/image-flip-stack';

const app = new BookTripApp({ context: { 'aws:cdk:bundling-stacks': [] } });
const stack = new ImageFlipStack(app, 'ImageFlip', { service: 'image-flip', stage: app.stage });
writeWorkflowDiagram(app.synth().getStackByName(stack.stackName).template, 'infra-image-flip', [
  join(__dirname, '..', 'README.md'),
  join(__dirname, '../../../apps/image-flip/README.md'),
]);
