import type { RequestListener } from 'node:http';
import { startWebServer, withStatusPage, STATUS_PATH } from '../../src/cloud/web-server';

const answering =
  (name: string): RequestListener =>
  (request, response) => {
    response.writeHead(200, { 'content-type': 'text/plain' }).end(`${name} ${request.url}`);
  };

describe('the web port with a site on it', () => {
  it('serves the site everywhere but the status page’s path', async () => {
    const web = await startWebServer(
      0,
      '127.0.0.1',
      withStatusPage(answering('site'), answering('status')),
    );
    try {
      const text = async (path: string) => (await fetch(`${web.url}${path}`)).text();
      expect(await text('/')).toBe('site /');
      expect(await text('/c/123')).toBe('site /c/123');
      expect(await text('/_booktrip/statusquo')).toBe('site /_booktrip/statusquo');
      expect(await text(STATUS_PATH)).toBe(`status ${STATUS_PATH}`);
      expect(await text(`${STATUS_PATH}?x=1`)).toBe(`status ${STATUS_PATH}?x=1`);
    } finally {
      await web.stop();
    }
  });
});
