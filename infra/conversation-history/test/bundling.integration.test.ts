import type { App } from 'aws-cdk-lib';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { resourcesOf, synthesize } from './support';

describe('bundling', () => {
  // The one test that really bundles: the others skip it for speed.
  it('bundles each of the seven functions into one minified CommonJS file with a source map', () => {
    const { stack, template } = synthesize({ bundle: true });

    const outdir = (stack.node.root as App).outdir;
    const functions = Object.values(resourcesOf(template, 'AWS::Lambda::Function'));
    expect(functions).toHaveLength(7);
    for (const fn of functions) {
      const key = (fn.Properties.Code as { S3Key: string }).S3Key;
      const asset = join(outdir, `asset.${key.replace(/\.zip$/, '')}`);
      expect(existsSync(join(asset, 'index.js.map'))).toBe(true);
      // Bundled with the SDK and zod, far below Lambda's 50 MB zipped limit.
      expect(statSync(join(asset, 'index.js')).size).toBeLessThan(3 * 1024 * 1024);
    }
  }, 180_000);
});
