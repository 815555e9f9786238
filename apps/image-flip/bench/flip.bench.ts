/**
 * `npm run bench`: vertical flip of a 12-megapixel (4000 × 3000) JPEG and PNG with sharp (the
 * service's own `flipUpsideDown`) and with jimp (pure JavaScript), median of several runs,
 * and each library's peak memory. Every (library, format) pair runs in its own child process,
 * so one's peak RSS is not the other's leftovers.
 *
 * Then the service's overhead: `flipUpsideDown` of a 12 MP JPEG (streamed in, as the flip step
 * gets it from S3) against a bare `sharp(bytes).flip().jpeg()` of the same bytes in the same
 * process, in interleaved pairs (the order alternating), so a busy shared machine slows both
 * sides of a pair alike. It prints the median of the per-pair ratios, by wall time and by
 * process CPU time (libvips' threads included), which load disturbs less.
 */
import { reportBench, round, type BenchRow } from '@booktrip/workspace';
import { Jimp } from 'jimp';
import { fork } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { flipUpsideDown } from '../src/flip-upside-down';

const WIDTH = 4000;
const HEIGHT = 3000;
const RUNS = { sharp: 5, jimp: 3 } as const;
/** Interleaved service/bare pairs for the overhead ratio. */
const OVERHEAD_PAIRS = 11;
type Library = keyof typeof RUNS;
type Format = 'jpeg' | 'png';

interface Measurement {
  medianMs: number;
  peakRssMb: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function flipWith(library: Library, format: Format, input: Buffer): Promise<number> {
  const started = performance.now();
  if (library === 'sharp') {
    await flipUpsideDown(Readable.from([input]), format);
  } else {
    const image = await Jimp.read(input);
    image.flip({ horizontal: false, vertical: true });
    if (format === 'jpeg') await image.getBuffer('image/jpeg', { quality: 85 });
    else await image.getBuffer('image/png');
  }
  return performance.now() - started;
}

interface Overhead {
  wallRatio: number;
  cpuRatio: number;
  serviceMs: number;
  bareMs: number;
}

/** Wall and CPU milliseconds of one call. */
async function timed(run: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await run();
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

/** In the child: the service's flip against bare sharp on the same JPEG bytes, in pairs. */
async function overheadChild(path: string): Promise<void> {
  const input = readFileSync(path);
  const service = () => flipUpsideDown(Readable.from([input]), 'jpeg');
  const bare = () => sharp(input).flip().jpeg().toBuffer();
  await service();
  await bare();
  const wall: number[] = [];
  const cpu: number[] = [];
  const serviceMs: number[] = [];
  const bareMs: number[] = [];
  for (let i = 0; i < OVERHEAD_PAIRS; i++) {
    const first = i % 2 === 0 ? service : bare;
    const a = await timed(first);
    const b = await timed(first === service ? bare : service);
    const [ours, theirs] = first === service ? [a, b] : [b, a];
    wall.push(ours.wall / theirs.wall);
    cpu.push(ours.cpu / theirs.cpu);
    serviceMs.push(ours.wall);
    bareMs.push(theirs.wall);
  }
  const overhead: Overhead = {
    wallRatio: median(wall),
    cpuRatio: median(cpu),
    serviceMs: median(serviceMs),
    bareMs: median(bareMs),
  };
  process.send?.(overhead);
}

function measureOverhead(path: string): Promise<Overhead> {
  return new Promise((resolve, reject) => {
    const worker = fork(__filename, ['overhead', path]);
    worker.once('message', (message) => resolve(message as Overhead));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`overhead bench exited with ${code}`));
    });
  });
}

/** In the child: time the runs and report the process's peak resident memory. */
async function child(library: Library, format: Format, path: string): Promise<void> {
  const input = readFileSync(path);
  const times: number[] = [];
  for (let i = 0; i < RUNS[library]; i++) times.push(await flipWith(library, format, input));
  const measurement: Measurement = {
    medianMs: median(times),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.send?.(measurement);
}

function measure(library: Library, format: Format, path: string): Promise<Measurement> {
  return new Promise((resolve, reject) => {
    const worker = fork(__filename, ['child', library, format, path]);
    worker.once('message', (message) => resolve(message as Measurement));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`${library}/${format} bench exited with ${code}`));
    });
  });
}

/** A photo-like test picture: smooth gradients with noise, which neither codec compresses away. */
async function twelveMegapixels(format: Format): Promise<Buffer> {
  const raw = Buffer.alloc(WIDTH * HEIGHT * 3);
  let seed = 42;
  for (let i = 0; i < raw.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    const pixel = Math.floor(i / 3);
    const x = pixel % WIDTH;
    const y = Math.floor(pixel / WIDTH);
    raw[i] = (((x + y) * (1 + (i % 3))) % 200) + (seed % 56);
  }
  const image = sharp(raw, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } });
  return format === 'jpeg' ? image.jpeg({ quality: 90 }).toBuffer() : image.png().toBuffer();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'image-flip-bench-'));
  const rows: BenchRow[] = [];
  try {
    const jpegPath = join(dir, 'overhead.jpeg');
    writeFileSync(jpegPath, await twelveMegapixels('jpeg'));
    const overhead = await measureOverhead(jpegPath);
    rows.push(
      {
        name: `flip 12 MP JPEG, service / bare sharp().flip().jpeg() (wall, median of ${OVERHEAD_PAIRS} pairs)`,
        value: overhead.wallRatio,
        unit: '×',
        comparedWith: `budget 1.2×; service ${round(overhead.serviceMs)} ms, bare ${round(overhead.bareMs)} ms`,
      },
      {
        name: 'flip 12 MP JPEG, service / bare sharp (process CPU time)',
        value: overhead.cpuRatio,
        unit: '×',
        comparedWith: 'budget 1.2×; less disturbed by other load than wall time',
      },
      {
        // The machine is shared: read the timings against how busy it was.
        name: 'load average (1 min) after the overhead pairs',
        value: loadavg()[0] ?? Number.NaN,
        unit: 'runnable tasks',
      },
    );
    if (process.env.FLIP_BENCH_OVERHEAD_ONLY === '1') {
      reportBench('image-flip', rows);
      return;
    }
    for (const format of ['jpeg', 'png'] as const) {
      const path = join(dir, `input.${format}`);
      writeFileSync(path, await twelveMegapixels(format));
      const label = `flip 12 MP ${format.toUpperCase()}`;
      const fast = await measure('sharp', format, path);
      const slow = await measure('jimp', format, path);
      const ratio = slow.medianMs / fast.medianMs;
      rows.push(
        {
          name: `${label}, sharp (median of ${RUNS.sharp})`,
          value: fast.medianMs,
          unit: 'ms',
          comparedWith: `jimp ${round(slow.medianMs)} ms: sharp ${round(ratio)}× faster`,
        },
        { name: `${label}, jimp (median of ${RUNS.jimp})`, value: slow.medianMs, unit: 'ms' },
        { name: `${label}, jimp / sharp`, value: ratio, unit: '×' },
        {
          name: `${label}, sharp peak RSS`,
          value: fast.peakRssMb,
          unit: 'MB',
          comparedWith: `jimp ${round(slow.peakRssMb)} MB`,
        },
        { name: `${label}, jimp peak RSS`, value: slow.peakRssMb, unit: 'MB' },
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  reportBench('image-flip', rows);
}

const [mode, library, format, path] = process.argv.slice(2);
if (mode === 'overhead') {
  void overheadChild(library ?? '').then(() => process.exit(0));
} else if (mode === 'child') {
  void child(library as Library, format as Format, path ?? '').then(() => process.exit(0));
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
