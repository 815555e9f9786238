// `npx nx run chat-web:bench` (and the root `npm run bench`): prints the production bundle's
// size (gzip), the time from navigation to the first bot message, and send → reply p50/p99 in
// the browser. Against the local cloud by default; E2E_TARGET=fixture measures the page alone
// against the scripted fixture (its bot answers after a fixed 400 ms, so only the page's own
// overhead above that is meaningful). TURNS sets the number of measured turns (default 30).
// The report module alone: the package index also holds Jest suites this Vitest project cannot type.
import { reportBench, type BenchRow } from '@booktrip/workspace/src/bench-report';
import { existsSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser } from '../e2e/support/browser';
import { chatPage } from '../e2e/support/chat-page';
import { startTarget } from '../e2e/support/targets';

const DIST = join(__dirname, '..', 'dist');

/**
 * The files a browser can fetch for the page: index.html and every asset it names, and the
 * chunks those name in turn. Not every file in dist/: a build restored from Nx's cache over an
 * older one leaves the older hashed files beside it.
 */
function pageFiles(): string[] {
  const found = new Set<string>([join(DIST, 'index.html')]);
  const pending = [...found];
  for (let file = pending.pop(); file; file = pending.pop()) {
    if (!['.html', '.js', '.css'].includes(extname(file))) continue;
    const text = readFileSync(file, 'utf8');
    for (const [name] of text.matchAll(/[\w.-]+\.(?:js|css|svg|png|woff2?)\b/g)) {
      const asset = join(DIST, 'assets', name);
      const root = join(DIST, name);
      const path = existsSync(asset) ? asset : existsSync(root) ? root : undefined;
      if (path && !found.has(path)) {
        found.add(path);
        pending.push(path);
      }
    }
  }
  return [...found];
}

function bundleSizes() {
  const sizes: Record<string, { raw: number; gzip: number }> = {};
  for (const file of pageFiles()) {
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
  const rows: BenchRow[] = [];
  for (const [kind, size] of Object.entries(bundleSizes())) {
    rows.push({
      name: `page ${kind} (index.html and what it loads), gzip`,
      value: size.gzip / 1024,
      unit: 'KiB',
      comparedWith: `${(size.raw / 1024).toFixed(1)} KiB raw`,
    });
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
    rows.push({
      name: 'navigation → first bot message',
      value: performance.now() - started,
      unit: 'ms',
      comparedWith: target.fixture ? 'scripted fixture' : 'local cloud, functions cold',
    });
    const latencies: number[] = [];
    for (let i = 0; i < turns; i += 1) {
      const t0 = performance.now();
      await chat.say('Hello');
      latencies.push(performance.now() - t0);
    }
    for (const p of [50, 99]) {
      rows.push({
        name: `send → reply in the browser, p${p}`,
        value: percentile(latencies, p),
        unit: 'ms',
        comparedWith: `${turns} turns`,
      });
    }
  } finally {
    await browser.close();
    await target.stop();
  }
  reportBench('chat-web', rows);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
