import { launchBrowser } from './support/browser';
(async () => {
  const browser = await launchBrowser();
  const ctx = await browser.newGuest();
  const page = await ctx.newPage();
  page.on('console', (m) => console.log('CONSOLE', m.text().slice(0, 300)));
  await page.goto('http://localhost:3000/');
  const r = await page.evaluate(async (u) => {
    return await new Promise<string>((resolve) => {
      const x = new XMLHttpRequest();
      x.open('PUT', u);
      x.setRequestHeader('content-type', 'image/png');
      x.upload.onprogress = () => undefined;
      x.onload = () => resolve(String(x.status));
      x.onerror = () => resolve('neterr');
      x.send(new Blob([new Uint8Array(5000)], { type: 'image/png' }));
    });
  }, process.env.U as string);
  console.log('RESULT', r.slice(0, 400));
  await browser.close();
})();
