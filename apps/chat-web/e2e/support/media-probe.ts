import type { BrowserContext, Page } from 'playwright-core';

/** What the page's audio did, in order: play (asked), playing, pause, ended, error. */
export type MediaEvent = 'play' | 'playing' | 'pause' | 'ended' | 'error';

/**
 * Records what every audio or video element of the page does from its first script on. The
 * chat's voice plays a detached `Audio` (its events never reach the document), so the probe
 * wraps `play()` to listen on each element it is called on; the real `play()` still runs.
 */
export async function probeMedia(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const w = window as unknown as { __media: string[] };
    w.__media = [];
    const watched = new WeakSet<HTMLMediaElement>();
    const play = HTMLMediaElement.prototype.play;
    HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
      if (!watched.has(this)) {
        watched.add(this);
        for (const type of ['playing', 'pause', 'ended', 'error'])
          this.addEventListener(type, () => w.__media.push(type));
      }
      w.__media.push('play');
      return play.call(this);
    };
  });
}

export const mediaEvents = (page: Page): Promise<MediaEvent[]> =>
  page.evaluate(() => (window as unknown as { __media: MediaEvent[] }).__media);

/** Waits until the page's audio has done `event` at least once. */
export async function waitForMedia(page: Page, event: MediaEvent, timeout = 15_000) {
  await page.waitForFunction(
    (name) => (window as unknown as { __media: string[] }).__media.includes(name),
    event,
    { timeout },
  );
}
