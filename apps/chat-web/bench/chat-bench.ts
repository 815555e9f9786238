// `npx nx run chat-web:bench` (and the root `npm run bench`): prints the production bundle's
// size (gzip), the time from navigation to the first bot message, and send → reply p50/p99 in
// the browser. Against the local cloud by default; E2E_TARGET=fixture measures the page alone
// against the scripted fixture (its bot answers after a fixed 400 ms, so only the page's own
// overhead above that is meaningful). TURNS sets the number of measured turns (default 30).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../e2e/support/browser';
import { chatPage } from '../e2e/support/chat-page';
import { startTarget } from '../e2e/support/targets';

const DIST = join(__dirname, '..', 'dist');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function bundleSizes() {
  const sizes: Record<string, { raw: number; gzip: number }> = {};
  for (const file of files(DIST)) {
    const kind = extname(file) || 'other';
    const body = readFileSync(file);
    const entry = (sizes[kind] ??= { raw: 0, gzip: 0 });
    entry.raw += body.length;
    entry.gzip += gzipSync(body, { level: 9 }).length;
  }
  return sizes;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

async function main() {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
  for (const [kind, size] of Object.entries(bundleSizes())) {
    console.log(
      `bundle ${kind.padEnd(6)} ${kb(size.raw).padStart(10)} raw  ${kb(size.gzip).padStart(10)} gzip`,
    );
  }
  const turns = Number(process.env.TURNS ?? 30);
  const target = await startTarget();
  const browser = await launchBrowser();
  try {
    const context = await browser.newGuest();
    const page = await context.newPage();
    const chat = chatPage(page);
    const started = performance.now();
    await page.goto(target.url);
    await chat.say('Hello');
    console.log(
      `navigation → first bot message: ${(performance.now() - started).toFixed(0)} ms (${target.fixture ? 'fixture' : 'local cloud'})`,
    );
    const latencies: number[] = [];
    for (let i = 0; i < turns; i += 1) {
      const t0 = performance.now();
      await chat.say('Hello');
      latencies.push(performance.now() - t0);
    }
    console.log(
      `send → reply over ${turns} turns: p50 ${percentile(latencies, 50).toFixed(0)} ms, p99 ${percentile(latencies, 99).toFixed(0)} ms`,
    );
  } finally {
    await browser.close();
    await target.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
