import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lexBotApp } from './lex-bot-app';

// The one test that really bundles apps/lex-fulfilment with esbuild, as `cdk deploy` does.
jest.setTimeout(180_000);

const outdir = mkdtempSync(join(tmpdir(), 'lex-bot-bundle-'));
afterAll(() => rmSync(outdir, { recursive: true, force: true }));

describe('the fulfilment bundle', () => {
  it('builds from apps/lex-fulfilment into one CommonJS file exporting the handler', () => {
    const { app, stack } = lexBotApp({ bundle: true, outdir });
    const assembly = app.synth();
    const template = assembly.getStackArtifact(stack.artifactId).template as {
      Resources: Record<string, { Type: string; Properties: { Code?: { S3Key?: string } } }>;
    };
    const [fn] = Object.values(template.Resources).filter(
      (r) => r.Type === 'AWS::Lambda::Function',
    );
    const hash = fn?.Properties.Code?.S3Key?.replace(/\.zip$/, '');
    const bundle = join(assembly.directory, `asset.${hash}`, 'index.js');

    expect(existsSync(bundle)).toBe(true);
    expect(statSync(bundle).size).toBeGreaterThan(10_000);
    // Loaded by a plain Node process, as the Lambda runtime would (no Jest transform).
    const exported = execFileSync(
      process.execPath,
      ['-e', `process.stdout.write(typeof require(${JSON.stringify(bundle)}).handler)`],
      { env: { ...process.env, EVENT_BUS_NAME: 'booktrip-test', AWS_REGION: 'us-east-1' } },
    ).toString();
    expect(exported).toBe('function');
  });
});
