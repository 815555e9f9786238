import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchRow {
  /** What was measured, e.g. `lex-fulfilment handler p99 per turn`. */
  name: string;
  value: number;
  unit: string;
  /** The baseline or budget it was compared with, in words (e.g. `jimp: 4.4 s (ratio 26×)`). */
  comparedWith?: string;
}

/** Where bench targets leave their rows for `npm run bench` to print as one table. */
export const benchResultsDir = join(__dirname, '..', '..', '..', 'dist', 'bench');

/** Set by `npm run bench`, which prints every project's rows once, in one table. */
export const COMBINED_REPORT_ENV = 'BOOKTRIP_BENCH_COMBINED';

/**
 * Saves a project's figures for the combined table, and prints them when the project's bench
 * runs alone (`nx run <project>:bench`); under `npm run bench` only the combined table prints.
 */
export function reportBench(project: string, rows: readonly BenchRow[]): void {
  mkdirSync(benchResultsDir, { recursive: true });
  writeFileSync(
    join(benchResultsDir, `${project}.json`),
    JSON.stringify({ project, rows }, null, 2),
  );
  if (process.env[COMBINED_REPORT_ENV]) return;
  console.table(rows.map((row) => ({ project, ...row, value: round(row.value) })));
}

export function round(value: number): number {
  return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 100) / 100;
}
