import { BookTripApp } from '@booktrip/constructs';
import { diagramIn, workflowDiagram } from '@booktrip/workspace';
import { Template } from 'aws-cdk-lib/assertions';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ImageFlipStack } from '../src/image-flip-stack';

const READMES = [
  join(__dirname, '..', 'README.md'),
  join(__dirname, '..', '..', '..', 'apps', 'image-flip', 'README.md'),
];

describe('the README workflow diagram', () => {
  const app = new BookTripApp({ context: { stage: 'test', 'aws:cdk:bundling-stacks': [] } });
  const stack = new ImageFlipStack(app, 'ImageFlip', { service: 'image-flip', stage: 'test' });
  const template = Template.fromStack(stack).toJSON() as Parameters<typeof workflowDiagram>[0];

  it.each(READMES)('in %s is the one generated from the synthesized definition', (file) => {
    const inReadme = diagramIn(readFileSync(file, 'utf8'), 'infra-image-flip');

    // On a mismatch, regenerate with: npx nx run infra-image-flip:diagram
    expect(inReadme).toBe(workflowDiagram(template));
  });
});
