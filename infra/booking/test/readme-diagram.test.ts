import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagramIn, workflowDiagram } from '@booktrip/workspace';
import { synthesizeBookingStack } from './support/synth';

const READMES = [
  join(__dirname, '..', 'README.md'),
  join(__dirname, '..', '..', '..', 'apps', 'booking', 'README.md'),
];

describe('the README workflow diagram', () => {
  it.each(READMES)('in %s is the one generated from the synthesized definition', (file) => {
    const { template } = synthesizeBookingStack();
    const generated = workflowDiagram(template.toJSON() as Parameters<typeof workflowDiagram>[0]);

    const inReadme = diagramIn(readFileSync(file, 'utf8'), 'infra-booking');

    // On a mismatch, regenerate with: npx nx run infra-booking:diagram
    expect(inReadme).toBe(generated);
  });
});
