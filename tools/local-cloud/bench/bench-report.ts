// How the local cloud's benches report: rows in `dist/bench/<name>.json`, where `npm run bench`
// (tools/workspace/scripts/bench.ts) collects every project's figures into one table.
// @booktrip/workspace's reportBench writes the same file; importing it here would make the two
// projects depend on each other (workspace depends on local-cloud).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  comparedWith?: string;
}

const root = join(__dirname, '..', '..', '..');

export function reportBench(name: string, rows: readonly BenchRow[]): void {
  const dir = join(root, 'dist', 'bench');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.json`), JSON.stringify({ project: name, rows }, null, 2));
  const round = (v: number) => (Math.abs(v) >= 100 ? Math.round(v) : Math.round(v * 1000) / 1000);
  console.table(rows.map((row) => ({ ...row, value: round(row.value) })));
}

export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

/** A latency's p50 and p99 rows (ms), each with `comparedWith` (a goal) and the sample count. */
export function latencyRows(
  name: string,
  samples: readonly number[],
  comparedWith?: string,
): BenchRow[] {
  const count = `n=${samples.length}`;
  return [
    {
      name: `${name}, p50`,
      value: percentile(samples, 50),
      unit: 'ms',
      comparedWith: comparedWith ? `${comparedWith}; ${count}` : count,
    },
    {
      name: `${name}, p99`,
      value: percentile(samples, 99),
      unit: 'ms',
      comparedWith: comparedWith ? `${comparedWith}; ${count}` : count,
    },
  ];
}
