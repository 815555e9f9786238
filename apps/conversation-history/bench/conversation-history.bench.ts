/**
 * `nx run conversation-history:bench`: p50/p99 of GET …/messages (a page of 50 of a 1 000-entry
 * conversation) and the consumer's throughput, against DynamoDB Local (AWS's emulator, one
 * JVM on this shared machine: compare runs, not absolute figures with DynamoDB).
 *
 * The measurement is bundled with esbuild and run by Node, as Lambda runs our bundles: tsx
 * alone cannot load middy 7, which is ESM-only, from CommonJS.
 */
import { reportBench, type BenchRow } from '@booktrip/workspace';
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const outfile = join(
  __dirname,
  '..',
  '..',
  '..',
  'dist',
  'apps',
  'conversation-history',
  'bench.cjs',
);

async function main(): Promise<void> {
  await build({
    entryPoints: [join(__dirname, 'measure.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
    // Located at run time from node_modules, not bundled: the emulator's jar, and the IAM
    // evaluator the local-cloud package index brings along (its ESM build reads its data files
    // relative to import.meta.url, which a CommonJS bundle does not have).
    external: ['amplify-dynamodb-simulator', '@cloud-copilot/*'],
  });
  const output = execFileSync(process.execPath, ['--enable-source-maps', outfile], {
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
  });
  reportBench(
    'conversation-history',
    JSON.parse(output.trim().split('\n').at(-1) ?? '[]') as BenchRow[],
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
