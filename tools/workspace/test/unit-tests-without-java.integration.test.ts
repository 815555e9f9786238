import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { workspaceRoot } from '../src/project-graph';

/**
 * The history service's unit tests (its `test` target) on a machine without Java: the target
 * runs with a PATH that holds only node, so anything that tries to start DynamoDB Local fails.
 */
describe('conversation-history unit tests', () => {
  jest.setTimeout(180_000);

  it('pass with no java on the PATH', () => {
    const bin = mkdtempSync(join(tmpdir(), 'no-java-'));
    try {
      symlinkSync(process.execPath, join(bin, 'node'));
      const env = { ...process.env, PATH: bin, NX_DAEMON: 'false', NX_NO_CLOUD: 'true' };
      expect(spawnSync('java', ['-version'], { env }).error).toMatchObject({ code: 'ENOENT' });

      const run = spawnSync(
        process.execPath,
        [
          join(workspaceRoot, 'node_modules', 'nx', 'dist', 'bin', 'nx.js'),
          'run',
          'conversation-history:test',
          '--skip-nx-cache',
          '--output-style=stream',
        ],
        { cwd: workspaceRoot, env, encoding: 'utf8' },
      );

      expect({
        status: run.status,
        output: run.status === 0 ? '' : run.stdout + run.stderr,
      }).toEqual({
        status: 0,
        output: '',
      });
      // eslint-disable-next-line no-control-regex -- Jest colours its summary.
      const output = (run.stdout + run.stderr).replace(/\u001b\[[0-9;]*m/g, '');
      expect(output).toMatch(/Tests:\s+\d+ passed, \d+ total/);
      expect(existsSync(join(bin, 'java'))).toBe(false);
    } finally {
      rmSync(bin, { recursive: true, force: true });
    }
  });
});
