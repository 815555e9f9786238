// `npm start` on a machine without Java: the start-up check names the one install command and
// exits 1 before opening a port or spawning anything (it needs the workspace's synthesized
// stacks, which have tables, hence an integration test).
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureCli } from './capture-cli';

describe('local-cloud start without java on the PATH', () => {
  let bin: string;
  const originalPath = process.env.PATH;
  beforeAll(() => {
    // espeak-ng is there when the machine has it, so only java is missing.
    bin = mkdtempSync(join(tmpdir(), 'path-without-java-'));
    symlinkSync('/usr/bin/espeak-ng', join(bin, 'espeak-ng'));
  });
  afterAll(() => {
    process.env.PATH = originalPath;
    rmSync(bin, { recursive: true, force: true });
  });

  it('prints what needs java and the command that installs it, and exits 1', async () => {
    process.env.PATH = bin;
    let result: Awaited<ReturnType<typeof captureCli>>;
    try {
      result = await captureCli(['--skip-synth', '--port', '0', '--web-port', '0']);
    } finally {
      process.env.PATH = originalPath;
    }
    const { code, out, err } = result;

    expect(code).toBe(1);
    expect(err).toBe(
      'java is not installed; DynamoDB Local (AWS::DynamoDB::Table) needs it. Install it with:\n' +
        '  sudo apt-get install -y openjdk-17-jre-headless\n',
    );
    expect(out).not.toContain('ready in');
  });
});
