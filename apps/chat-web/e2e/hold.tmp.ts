import { startLocalCloud } from '@booktrip/local-cloud';
(async () => {
  const cloud = await startLocalCloud({
    port: 4566,
    webPort: 3000,
    log: (l) => console.log('[lc]', l),
  });
  console.log('READY', cloud.endpoint);
  await new Promise((r) => setTimeout(r, Number(process.env.HOLD ?? 60000)));
  await cloud.stop();
})();
