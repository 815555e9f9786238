// `npm run bench`: every project's `bench` target through Nx, one after the other (so they
// don't compete for the two cores), then one table of all figures.
import { benchResultsDir, COMBINED_REPORT_ENV, round, type BenchRow } from '../src';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
rmSync(benchResultsDir, { recursive: true, force: true });

const result = spawnSync(
  join(root, 'node_modules', '.bin', 'nx'),
  ['run-many', '-t', 'bench', '--parallel=1', '--output-style=stream-without-prefixes'],
  {
    cwd: root,
    stdio: 'inherit',
    env: {
      ...process.env,
      NX_DAEMON: 'false',
      NX_NO_CLOUD: 'true',
      [COMBINED_REPORT_ENV]: '1',
    },
  },
);

const rows: (BenchRow & { project: string })[] = [];
if (existsSync(benchResultsDir)) {
  for (const file of readdirSync(benchResultsDir).sort()) {
    const { project, rows: projectRows } = JSON.parse(
      readFileSync(join(benchResultsDir, file), 'utf8'),
    ) as { project: string; rows: BenchRow[] };
    rows.push(...projectRows.map((row) => ({ project, ...row })));
  }
}

console.log('\nBookTrip benchmarks (this machine; figures, not pass/fail):\n');
console.table(
  rows.map(({ project, name, value, unit, comparedWith }) => ({
    project,
    name,
    value: round(value),
    unit,
    'compared with': comparedWith ?? '',
  })),
);
process.exit(result.status ?? 1);
