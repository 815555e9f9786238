import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * `nx run-many -t synth` for the local stage: Nx caches it, so a second start with unchanged
 * sources replays the cache instead of running CDK. Its output is shown only when it fails
 * (or with `--verbose`): cdk-nag findings fail synthesis too.
 */
export function synthesizeLocalStage(workspaceRoot: string, verbose: boolean): void {
  const result = spawnSync(
    join(workspaceRoot, 'node_modules', '.bin', 'nx'),
    ['run-many', '-t', 'synth', '--output-style=stream-without-prefixes'],
    {
      cwd: workspaceRoot,
      stdio: verbose ? 'inherit' : 'pipe',
      encoding: 'utf8',
      env: {
        ...process.env,
        SYNTH_STAGE: 'local',
        NX_DAEMON: 'false',
        NX_NO_CLOUD: 'true',
        NX_TUI: 'false',
        CDK_DISABLE_CLI_TELEMETRY: 'true',
      },
    },
  );
  if (result.error) throw result.error;
  if (result.status !== 0) {
    if (!verbose) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    throw new Error('Synthesizing the local stage failed: see the output above.');
  }
}
