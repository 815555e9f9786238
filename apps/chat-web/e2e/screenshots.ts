// Takes screenshots of the page (desktop and 375 × 812) in a short scripted conversation, for
// looking at the design: `npx nx run chat-web:screenshots`. Writes e2e-artifacts/*.png.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser } from './support/browser';
import { chatPage } from './support/chat-page';
import { startFixtureTarget } from './support/fixture-target';

const OUT = join(__dirname, '..', 'e2e-artifacts');

async function main() {
  mkdirSync(OUT, { recursive: true });
  const target = await startFixtureTarget();
  const browser = await launchBrowser();
  try {
    for (const [name, viewport] of [
      ['desktop', { width: 1280, height: 800 }],
      ['mobile', { width: 375, height: 812 }],
    ] as const) {
      const context = await browser.newGuest(viewport);
      const page = await context.newPage();
      page.on(
        'console',
        (m) => m.type() === 'error' && console.log(`[${name}] console: ${m.text()}`),
      );
      await page.goto(target.url);
      await page.getByRole('heading', { name: 'Where to next?' }).waitFor();
      await page.screenshot({ path: join(OUT, `${name}-welcome.png`) });
      page.on('pageerror', (e) => console.log(`[${name}] page error: ${e.message}`));
      const chat = chatPage(page);
      for (const text of ['Book a hotel', 'Chicago', 'next friday', '3']) await chat.say(text);
      await chat.choose('King');
      await page.getByText('Total').waitFor();
      await page.screenshot({ path: join(OUT, `${name}-confirmation.png`) });
      await page.getByRole('button', { name: 'Yes' }).click();
      await page
        .getByRole('article', { name: 'Reservation confirmed' })
        .waitFor({ timeout: 15_000 });
      await page.screenshot({ path: join(OUT, `${name}-confirmed.png`) });
      await context.close();
    }
    console.log(`screenshots in ${OUT}`);
  } finally {
    await browser.close();
    await target.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
