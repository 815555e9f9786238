import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/** Debian's chromium, never a downloaded browser; quiet on the closed network. */
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface Browser {
  /** A fresh profile: another guest, with storage of its own. */
  newGuest(viewport?: { width: number; height: number }): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function launchBrowser(): Promise<Browser> {
  const profiles: string[] = [];
  const contexts: BrowserContext[] = [];
  return {
    async newGuest(viewport = { width: 1280, height: 800 }) {
      const dir = mkdtempSync(join(tmpdir(), 'chat-web-e2e-'));
      profiles.push(dir);
      const context = await chromium.launchPersistentContext(dir, {
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: ARGS,
        headless: true,
        viewport,
      });
      contexts.push(context);
      return context;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
    },
  };
}
