// Browser tests of the chat page (issue 18), in Debian's chromium with playwright-core. Run by
// `npx nx run chat-web:e2e` (node's test runner): against the local cloud by default, or the
// scripted fixture with E2E_TARGET=fixture. Screenshots land in e2e-artifacts/ (git-ignored).
import AxeBuilder from '@axe-core/playwright';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { deflateSync } from 'node:zlib';
import type { BrowserContext, Page, Response } from 'playwright-core';
import { launchBrowser, type Browser } from './support/browser';
import { chatPage } from './support/chat-page';
import { tabUntil } from './support/keyboard';
import { mediaEvents, probeMedia, waitForMedia } from './support/media-probe';
import { assertSecurityHeaders } from './support/security-headers';
import { startTarget, type ChatTarget } from './support/targets';

const OUT = join(__dirname, '..', 'e2e-artifacts');
const XSS = '<img src=x onerror="window.__pwned=1">';

let target: ChatTarget;
let browser: Browser;
const fixture = () => target.fixture !== undefined;

before(async () => {
  mkdirSync(OUT, { recursive: true });
  target = await startTarget();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await target?.stop();
});

/** A page that records CSP violations and page errors from its first script on. */
async function open(context: BrowserContext): Promise<Page> {
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  await probeMedia(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => assert.fail(`page error: ${error.message}`));
  await page.goto(target.url);
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  return page;
}

async function assertNoCspViolation(page: Page) {
  const violations = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
  assert.deepEqual(violations, [], 'Content-Security-Policy violations');
}

async function assertAccessible(page: Page, name: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa'])
    .analyze();
  const serious = results.violations.filter(
    (v) => v.impact === 'serious' || v.impact === 'critical',
  );
  assert.deepEqual(
    serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
    `axe-core serious/critical violations on ${name}`,
  );
}

/** A small valid PNG (a 2-colour gradient), so the image workflow has something to flip. */
function png(width = 32, height = 32): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const byte of buf) c = (crcTable[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.concat(
    Array.from({ length: height }, (_, y) =>
      Buffer.concat([
        Buffer.from([0]),
        Buffer.from(Array.from({ length: width }, () => [y * 8, 64, 255 - y * 8]).flat()),
      ]),
    ),
  );
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const viewports = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'mobile', width: 375, height: 812 },
] as const;

for (const viewport of viewports) {
  describe(`chat at ${viewport.width}×${viewport.height}`, () => {
    let context: BrowserContext;
    let page: Page;
    before(async () => {
      context = await browser.newGuest(viewport);
      page = await open(context);
    });
    after(() => context?.close());

    it('welcomes the guest accessibly, with no CSP violation', async () => {
      await page.getByRole('heading', { name: 'Where to next?' }).waitFor();
      await assertAccessible(page, 'the welcome screen');
      await assertNoCspViolation(page);
    });

    it("serves the page with the response headers policy's CSP, HSTS, nosniff and no framing", async () => {
      const response = await page.reload();
      assert.ok(response, 'the page was loaded');
      assert.equal(response.status(), 200);
      assertSecurityHeaders(response.headers());
      await page.getByRole('heading', { name: 'Where to next?' }).waitFor();
      await page.screenshot({ path: join(OUT, `${viewport.name}-welcome.png`) });
    });

    it('books a hotel to the confirmation, a quick reply filling the room type, and shows Reservation Confirmed', async () => {
      const chat = chatPage(page);
      await chat.say('Book a hotel');
      await chat.say('Chicago');
      await chat.say(fixture() ? 'next friday' : 'in two weeks');
      await chat.say('3');
      assert.match(await chat.lastBotText(), /room/i);
      // The question still waits for its answer: a reload restores it with its quick replies
      // usable (the history keeps a turn's cards).
      await chat.reopen();
      const king = page.getByRole('button', { name: 'King', exact: true });
      await king.waitFor();
      assert.equal(await king.isEnabled(), true, "the open question's quick reply is usable");
      await chat.choose('King');
      assert.equal(await king.isDisabled(), true, 'a used quick reply is disabled');
      await page.locator('.price strong').waitFor();
      assert.match(await page.locator('.price strong').innerText(), /^\$\d[\d,]*\.\d{2}$/);
      await page.screenshot({ path: join(OUT, `${viewport.name}-confirmation.png`) });
      await chat.say('yes');
      await page
        .getByRole('article', { name: 'Reservation confirmed' })
        .waitFor({ timeout: 60_000 });
      await page.screenshot({ path: join(OUT, `${viewport.name}-confirmed.png`) });
      assert.equal(
        await page.evaluate(() => document.activeElement?.id),
        'message',
        'focus is back in the message box',
      );
      await assertAccessible(page, 'a conversation');
      await assertNoCspViolation(page);
    });

    it('pre-fills BookCar from the hotel just booked, also after a reload', async (t) => {
      if (fixture()) return t.skip('the fixture plays only the hotel dialogue');
      const chat = chatPage(page);
      await chat.say('I need a car too');
      assert.match(await chat.lastBotText(), /Chicago/);
      // A reloaded page knows none of the session attributes Lex stores (the booked hotel is
      // one): it must send none, since a set sent, even an empty one, replaces Lex's.
      await chat.reopen();
      await chat.say('I need a car too');
      assert.match(await chat.lastBotText(), /Chicago/, 'the hotel survives the reload');
    });

    // The history records turns asynchronously (EventBridge → its recorder), so a reload right
    // after the previous test's last turn may come before that turn is stored: reload again, as
    // a person would, until it is there (or the attempts run out and the comparison fails).
    it('restores the same timeline from the history API after a reload', async () => {
      // Every bubble, outcome and set of quick replies is in the history. A live bubble shows
      // the browser's clock when it was shown, a restored one the time the history recorded (the
      // hook stamps a bot turn before the page gets it): a minute boundary may fall between the
      // two, either way. So the words must match exactly, each entry but the quick replies (which
      // show no time) must still show a time, and the times may differ by at most that minute.
      const clock = /\s*(\d{1,2}):(\d{2})\s*([AP]M)?$/i;
      const minuteOf = (t: string) => {
        const m = clock.exec(t);
        assert.ok(m, `"${t}" shows the time it was said`);
        return ((Number(m[1]) % 12) + (m[3]?.toUpperCase() === 'PM' ? 12 : 0)) * 60 + Number(m[2]);
      };
      // Each entry's words, and whether it is a set of quick replies (the one kind with no time).
      const shown = () =>
        page.locator('.timeline > li').evaluateAll((rows) =>
          rows.map((row) => ({
            text: (row as HTMLElement).innerText.replace(/\s+/g, ' ').trim(),
            cards: row.classList.contains('row-cards'),
          })),
        );
      type Shown = Awaited<ReturnType<typeof shown>>;
      const texts = (items: Shown) => items.map((item) => item.text.replace(clock, ''));
      const minutes = (items: Shown) =>
        items.filter((item) => !item.cards).map((item) => minuteOf(item.text));
      const shownBefore = await shown();
      const before = texts(shownBefore);
      let shownAfter: Shown = [];
      for (let attempt = 0; attempt < 10 && shownAfter.length < before.length; attempt += 1) {
        if (attempt > 0) await page.waitForTimeout(500);
        await page.reload();
        await page
          .getByRole('article', { name: 'Reservation confirmed' })
          .waitFor({ timeout: 20_000 });
        shownAfter = await shown();
      }
      assert.deepEqual(texts(shownAfter), before);
      const liveMinutes = minutes(shownBefore);
      const drift = minutes(shownAfter).map((m, i) => {
        const apart = Math.abs(m - (liveMinutes[i] ?? NaN));
        return Math.min(apart, 1440 - apart);
      });
      assert.ok(
        drift.every((d) => d <= 1),
        `restored times are those shown live, give or take the minute the recording took: ${drift}`,
      );
      await assertNoCspViolation(page);
    });

    it('uploads a PNG and shows it flipped; a hostile file name stays text', async () => {
      await page
        .getByLabel('Send a picture to flip')
        .setInputFiles({ name: `${XSS}.png`, mimeType: 'image/png', buffer: png() });
      const figure = page.locator('figure.picture').last();
      await figure.getByText('Flipped upside down').waitFor({ timeout: 60_000 });
      assert.equal(await figure.locator('.file-name').innerText(), `${XSS}.png`);
      assert.equal(
        await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
        undefined,
      );
      await page.screenshot({ path: join(OUT, `${viewport.name}-flipped.png`) });
      // The name outlives a reload: the history API restores it, and it is still text.
      await page.reload();
      const restored = page.locator('figure.picture').last();
      await restored.getByText('Flipped upside down').waitFor({ timeout: 20_000 });
      assert.equal(await restored.locator('.file-name').innerText(), `${XSS}.png`);
      assert.equal(await page.locator('.timeline').locator('img[src="x"]').count(), 0);
      assert.equal(
        await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
        undefined,
      );
      await assertNoCspViolation(page);
    });

    it('fits a 360 px wide screen, a whole conversation and its picture, without sideways scrolling', async (t) => {
      if (viewport.width > 400) return t.skip('the mobile run narrows to 360 px');
      await page.setViewportSize({ width: 360, height: 740 });
      try {
        const overflow = await page.evaluate(() => ({
          page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
          wider: [...document.querySelectorAll('.timeline > li, form, header')]
            .filter((element) => element.getBoundingClientRect().right > window.innerWidth + 1)
            .map((element) => element.className || element.tagName),
        }));
        assert.deepEqual(overflow, { page: 0, wider: [] });
        await page.screenshot({ path: join(OUT, '360-conversation.png') });
        await assertAccessible(page, 'a conversation at 360 px');
      } finally {
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
      }
    });

    it('refuses a file that is not a picture before sending it', async () => {
      await page
        .getByLabel('Send a picture to flip')
        .setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hi') });
      await page.getByText(/notes\.txt: Only PNG, JPEG/).waitFor();
    });

    it('shows HTML in a message as text, never as an element', async () => {
      const chat = chatPage(page);
      const noElement = async () => {
        assert.equal(
          await page.locator('.timeline').locator('img[src="x"]').count(),
          0,
          'no <img> element was created',
        );
        assert.equal(
          await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
          undefined,
        );
      };
      if (target.fixture) {
        target.fixture.nextBotText = `Here you go ${XSS}`;
        await chat.say(XSS);
        await noElement();
        assert.match(await chat.lastBotText(), /<img src=x/);
        return;
      }
      // The real bot asks again rather than repeat what it cannot read, so on the local cloud
      // the person's own bubble carries the HTML live, and a bot answer carrying it comes from
      // the history (recorded on the bus as the code hook records one) after a reload.
      await chat.say('Book a hotel');
      await chat.say(XSS);
      await noElement();
      assert.match(await page.locator('.bubble-user').last().innerText(), /<img src=x onerror=/);
      const id = /#\/c\/(.+)$/.exec(page.url())?.[1];
      assert.ok(id, 'the open conversation is in the URL');
      await target.recordBotMessage!(decodeURIComponent(id), `Here you go ${XSS}`);
      const recorded = page.locator('.bubble-bot').filter({ hasText: 'Here you go <img src=x' });
      // Recorded asynchronously (bus → queue → consumer): reload until it is there.
      for (let attempt = 0; attempt < 10; attempt += 1) {
        await page.reload();
        const shown = await recorded
          .first()
          .waitFor({ timeout: 2_000 })
          .then(() => true)
          .catch(() => false);
        if (shown) break;
      }
      assert.equal(await recorded.count(), 1, 'the recorded bot answer is shown once, as text');
      await noElement();
      await assertNoCspViolation(page);
    });

    it('keeps another guest out of this conversation', async () => {
      const id = /#\/c\/(.+)$/.exec(page.url())?.[1];
      assert.ok(id, 'the open conversation is in the URL');
      const stranger = await browser.newGuest(viewport);
      try {
        const other = await open(stranger);
        await other.goto(`${target.url}/#/c/${id}`);
        await other.reload();
        await other
          .getByText('This chat does not exist or is not yours')
          .waitFor({ timeout: 20_000 });
        assert.equal(
          await other.getByRole('article', { name: 'Reservation confirmed' }).count(),
          0,
        );
        assert.equal(await other.getByRole('listitem').filter({ hasText: 'Chicago' }).count(), 0);
      } finally {
        await stranger.close();
      }
    });

    it('starts a new chat from the keyboard alone: Tab reaches the message box, every stop shows focus, Enter sends', async () => {
      const chat = chatPage(page);
      await chat.newChat();
      assert.match(page.url(), /#\/$/, '"New chat" leaves the open conversation');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'message');
      // "New chat" puts focus in the box: start from nowhere instead, as after a click away.
      await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
      const stops = await tabUntil(page, 'message');
      assert.equal(
        stops.at(-1)?.name,
        'textarea "Message"',
        `Tab reaches the box: ${stops.map((s) => s.name)}`,
      );
      assert.deepEqual(
        stops.filter((s) => !s.visible).map((s) => s.name),
        [],
        'every Tab stop shows that it has focus',
      );
      const before = await chat.botBubbles.count();
      await page.keyboard.type('Book a hotel');
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        (count) => document.querySelectorAll('.bubble-bot:not(.typing)').length > count,
        before,
        { timeout: 20_000 },
      );
      assert.match(await page.locator('.bubble-user').last().innerText(), /Book a hotel/);
      assert.equal(
        await page.evaluate(() => document.activeElement?.id),
        'message',
        'focus is back in the box for the next message',
      );
    });

    it('reads the reply aloud with voice on, and Stop silences it', async (t) => {
      if (fixture()) return t.skip('the fixture has no voice (its Polly answers 503)');
      const chat = chatPage(page);
      const speech: Response[] = [];
      const onResponse = (response: Response) => {
        if (response.request().method() === 'POST' && response.url().endsWith('/v1/speech'))
          speech.push(response);
      };
      page.on('response', onResponse);
      // The click is the user gesture that lets the page play sound (Chromium's autoplay rule).
      await page.getByRole('button', { name: 'Voice off' }).click();
      await chat.say('Chicago');
      const stop = page.getByRole('button', { name: 'Stop' });
      await stop.waitFor();
      await waitForMedia(page, 'playing');
      // Stop at once: the reply lasts ~3 s, and the button goes when it ends.
      await stop.click();
      await stop.waitFor({ state: 'detached' });
      page.off('response', onResponse);
      assert.deepEqual(
        speech.map((r) => ({ status: r.status(), type: r.headers()['content-type'] })),
        [{ status: 200, type: 'audio/mpeg' }],
        'one SynthesizeSpeech answered with MP3',
      );
      const audio = await speech[0]!.body();
      assert.ok(audio.length > 1_000, `audio came back: ${audio.length} bytes`);
      // pause() fires its event from a queued task, which may run after React has removed the
      // button: wait for it rather than read the log at once (CI once read play,playing here).
      await waitForMedia(page, 'pause', 5_000);
      const played = await mediaEvents(page);
      assert.deepEqual(played.slice(-1), ['pause'], `Stop paused playback: ${played}`);
      assert.ok(!played.includes('ended'), `stopped before the end: ${played}`);
      assert.equal(await page.locator('.banner-voice').count(), 0, 'no voice error banner');
      await page.getByRole('button', { name: 'Voice on' }).click();
      await assertNoCspViolation(page);
    });

    it('deletes a conversation after confirmation', async () => {
      if (viewport.name === 'mobile')
        await page.getByRole('button', { name: 'Your chats' }).click();
      const chats = page.getByRole('navigation', { name: 'Your chats' });
      const count = await chats.getByRole('listitem').count();
      await chats
        .getByRole('button', { name: /^Delete / })
        .first()
        .click();
      await chats.getByRole('button', { name: 'Delete', exact: true }).click();
      await page.waitForFunction(
        (n) => document.querySelectorAll('nav .conversations > li').length === n - 1,
        count,
      );
      await page.reload();
      await page.getByRole('heading', { name: 'Where to next?' }).waitFor();
      // The list says "Loading your chats…" from the first render until the API has answered
      // (found by CSS: on a phone the closed sidebar is hidden from role queries).
      await page
        .locator('nav.sidebar')
        .getByText('Loading your chats…')
        .waitFor({ state: 'detached' });
      assert.equal(
        await page.locator('nav .conversations > li').count(),
        count - 1,
        'gone after a reload too',
      );
    });
  });
}
