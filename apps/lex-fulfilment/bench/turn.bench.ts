/**
 * Measures the code hook's bundle: handler time per turn (publish mocked, so this is our own cost on top
 * of Lex and EventBridge), and the deployed bundle's size and cold import time.
 * Run: npx nx run lex-fulfilment:bench
 */
import { reportBench, type BenchRow } from '@booktrip/workspace';
import { lambdaContext, lexV2Event, type LexV2EventInput } from '@booktrip/test-kit';
import { build } from 'esbuild';
import type * as HandlerModule from '../src/handler';
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const PROJECT_ROOT = join(__dirname, '..');
const OUT_DIR = join(PROJECT_ROOT, '..', '..', 'dist', 'apps', 'lex-fulfilment');
const TURNS = 2_000;
const WARM_UP = 200;
const IMPORT_RUNS = 9;
/** As infra/lex-bot bundles the hook: each package's ES module build first (tree-shakable). */
const DEPLOYED_MAIN_FIELDS = ['module', 'main'];
/** esbuild's default for Node, the 'before' of issue 19: CommonJS builds first. */
const DEFAULT_MAIN_FIELDS = ['main', 'module'];

// Before the handler module loads: Powertools reads these once.
process.env.POWERTOOLS_SERVICE_NAME = 'lex-fulfilment';
process.env.POWERTOOLS_METRICS_NAMESPACE = 'BookTrip';
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
process.env.POWERTOOLS_METRICS_DISABLED = 'true';

/** A realistic mix: a hotel booked step by step with one mistake, a car, small talk. */
const SCRIPT: LexV2EventInput[] = [
  { intent: 'Greeting', inputTranscript: 'hi' },
  {
    intent: 'BookHotel',
    inputTranscript: 'book a hotel',
    slots: { Location: null, CheckInDate: null, Nights: null, RoomType: null },
  },
  { intent: 'BookHotel', inputTranscript: 'Chicago', slots: { Location: 'Chicago' } },
  {
    intent: 'BookHotel',
    inputTranscript: '45 nights',
    slots: { Location: 'Chicago', Nights: '45' },
  },
  {
    intent: 'BookHotel',
    inputTranscript: 'king',
    slots: { Location: 'Chicago', CheckInDate: '2026-12-04', Nights: '3', RoomType: 'king' },
  },
  {
    intent: 'BookHotel',
    inputTranscript: 'yes',
    invocationSource: 'FulfillmentCodeHook',
    confirmationState: 'Confirmed',
    slots: { Location: 'Chicago', CheckInDate: '2026-12-04', Nights: '3', RoomType: 'king' },
  },
  {
    intent: 'BookCar',
    inputTranscript: 'a car too',
    sessionAttributes: {
      lastConfirmedReservation:
        '{"kind":"hotel","location":"Chicago","checkInDate":"2026-12-04","nights":3,"roomType":"king"}',
    },
  },
  {
    intent: 'BookCar',
    inputTranscript: 'economy',
    slots: {
      PickUpCity: 'Boston',
      PickUpDate: '2026-12-10',
      ReturnDate: '2026-12-14',
      DriverAge: '22',
      CarType: 'economy',
    },
  },
  { intent: 'FallbackIntent', inputTranscript: 'what?' },
];

/**
 * Times the built bundle, i.e. the code Lambda runs. (middy is ESM-only, so tsx's CommonJS
 * loader could not load the sources anyway.)
 */
async function handlerTimes(bundlePath: string): Promise<number[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the bundle is CommonJS
  const { createLexHandler } = require(bundlePath) as typeof HandlerModule;
  const handler = createLexHandler({
    publish: async () => undefined,
    now: () => new Date('2026-11-24T12:00:00Z'),
  });
  const events = SCRIPT.map((input, i) =>
    lexV2Event({ ...input, originatingRequestId: `bench-${i}` }),
  );
  const context = lambdaContext();
  const times: number[] = [];
  for (let i = 0; i < WARM_UP + TURNS; i++) {
    const started = performance.now();
    await handler(events[i % events.length], context);
    if (i >= WARM_UP) times.push(performance.now() - started);
  }
  return times;
}

/**
 * The same esbuild options as ServiceFunction (infra/constructs/src/service-bundling.ts), in
 * CommonJS (what we deploy) or ESM (the alternative, which needs a createRequire banner because
 * the X-Ray SDK requires Node built-ins), so the choice rests on a measurement.
 */
async function bundle(
  format: 'cjs' | 'esm',
  mainFields: string[] = DEPLOYED_MAIN_FIELDS,
): Promise<string> {
  mkdirSync(OUT_DIR, { recursive: true });
  const name = mainFields === DEPLOYED_MAIN_FIELDS ? 'index' : 'index.main-first';
  const outfile = join(OUT_DIR, format === 'cjs' ? `${name}.js` : `${name}.mjs`);
  await build({
    mainFields,
    entryPoints: [join(PROJECT_ROOT, 'src', 'handler.ts')],
    bundle: true,
    platform: 'node',
    format,
    target: 'node22',
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    outfile,
    logLevel: 'warning',
    ...(format === 'esm'
      ? {
          banner: {
            js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
          },
        }
      : {}),
  });
  return outfile;
}

interface ImportTime {
  wallMs: number;
  /** Process CPU time of the import: less disturbed than wall time when the machine is busy. */
  cpuMs: number;
}

/** Time to load the bundle in a fresh Node process, as a Lambda cold start pays it. */
function coldImport(file: string): ImportTime {
  const load = file.endsWith('.mjs') ? `await import('./${file}')` : `require('./${file}')`;
  const script =
    `const c=process.cpuUsage();const t=process.hrtime.bigint();${load};` +
    'const d=process.cpuUsage(c);' +
    "process.stdout.write(Number(process.hrtime.bigint()-t)/1e6+' '+(d.user+d.system)/1000)";
  const args = file.endsWith('.mjs') ? ['--input-type=module', '-e', script] : ['-e', script];
  const [wallMs = NaN, cpuMs = NaN] = execFileSync(process.execPath, args, {
    cwd: OUT_DIR,
    encoding: 'utf8',
  })
    .split(' ')
    .map(Number);
  return { wallMs, cpuMs };
}

/** Median cold import of each file over fresh processes, interleaved so load hits all alike. */
function coldImports<K extends string>(files: Record<K, string>): Record<K, ImportTime> {
  const runs = Object.fromEntries(
    Object.keys(files).map((key) => [key, [] as ImportTime[]]),
  ) as Record<K, ImportTime[]>;
  for (let i = 0; i < IMPORT_RUNS; i++) {
    for (const key of Object.keys(files) as K[]) runs[key].push(coldImport(files[key]));
  }
  const median = (values: number[]) =>
    percentile(
      [...values].sort((x, y) => x - y),
      50,
    );
  return Object.fromEntries(
    (Object.keys(files) as K[]).map((key) => [
      key,
      {
        wallMs: median(runs[key].map((run) => run.wallMs)),
        cpuMs: median(runs[key].map((run) => run.cpuMs)),
      },
    ]),
  ) as Record<K, ImportTime>;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function main(): Promise<void> {
  const outfile = await bundle('cjs');
  const before = await bundle('cjs', DEFAULT_MAIN_FIELDS);
  await bundle('esm');
  const times = (await handlerTimes(outfile)).sort((a, b) => a - b);
  const imports = coldImports({
    deployed: 'index.js',
    before: 'index.main-first.js',
    esm: 'index.mjs',
  });
  const kb = (file: string) => statSync(file).size / 1024;

  const rows: BenchRow[] = [
    {
      name: `handler p50 per turn (${TURNS} turns, publish mocked)`,
      value: percentile(times, 50),
      unit: 'ms',
    },
    {
      name: `handler p99 per turn (${TURNS} turns, publish mocked)`,
      value: percentile(times, 99),
      unit: 'ms',
    },
    {
      name: 'bundle size (index.js as deployed: minified CJS, ES module builds first, SDK included)',
      value: kb(outfile),
      unit: 'KB',
      comparedWith: `esbuild's default main fields (CommonJS builds first): ${kb(before).toFixed(0)} KB`,
    },
    {
      name: `cold import of the bundle we deploy, wall (median of ${IMPORT_RUNS} fresh processes)`,
      value: imports.deployed.wallMs,
      unit: 'ms',
      comparedWith: `budget 80 ms; CommonJS builds first ${imports.before.wallMs.toFixed(1)} ms, ESM bundle ${imports.esm.wallMs.toFixed(1)} ms`,
    },
    {
      name: 'cold import of the bundle we deploy, process CPU time',
      value: imports.deployed.cpuMs,
      unit: 'ms',
      comparedWith: `CommonJS builds first ${imports.before.cpuMs.toFixed(1)} ms, ESM bundle ${imports.esm.cpuMs.toFixed(1)} ms`,
    },
    {
      // The machine is shared: read the timings above against how busy it was.
      name: 'load average (1 min) at the end of the run',
      value: loadavg()[0] ?? NaN,
      unit: 'runnable tasks',
    },
  ];
  reportBench('lex-fulfilment', rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
