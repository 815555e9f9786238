import { startTarget } from './support/targets';
import { launchBrowser } from './support/browser';
(async () => {
  const target = await startTarget();
  const browser = await launchBrowser();
  const ctx = await browser.newGuest();
  const page = await ctx.newPage();
  page.on('console', (m) => console.log('CONSOLE', m.type(), m.text()));
  page.on('requestfailed', (r) =>
    console.log('FAILED', r.method(), r.url(), r.failure()?.errorText),
  );
  page.on('response', (r) => {
    if (r.status() >= 300) console.log('RESP', r.status(), r.request().method(), r.url());
  });
  await page.goto(target.url);
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.waitFor();
  for (const t of (process.env.SAY ?? 'Book a hotel').split('|')) {
    await box.fill(t);
    await box.press('Enter');
    await page.waitForTimeout(Number(process.env.WAIT ?? 4000));
    console.log('TIMELINE', JSON.stringify(await page.locator('.timeline > li').allInnerTexts()));
  }
  if (process.env.UPLOAD) {
    const { readFileSync } = await import('node:fs');
    await page
      .getByLabel('Send a picture to flip')
      .setInputFiles({
        name: 'a.png',
        mimeType: 'image/png',
        buffer: readFileSync('/work/wt-web/docs/chat.png'),
      });
    await page.waitForTimeout(20000);
    console.log('TIMELINE', JSON.stringify(await page.locator('.timeline > li').allInnerTexts()));
  }
  await page.screenshot({ path: 'e2e-artifacts/debug.png' });
  await browser.close();
  await target.stop();
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
