import { restApiUrl } from '../api-gateway';

/**
 * Queue URLs become `<endpoint>/<account>/<name>`, as the local SQS answers them; and a
 * deployed REST API's stage URL (`https://<id>.execute-api.<region>.amazonaws.com/<stage>/`)
 * becomes the same API on the edge (`restApiUrl`),
 * wherever the templates publish it (SSM parameters, outputs, function environments); and the
 * local cloud's default ports, named by a stack, become the ports it listens on.
 */
const EXECUTE_API_URL =
  /https:\/\/([a-zA-Z0-9]+)\.execute-api\.[a-z0-9-]+\.amazonaws\.com\/([^/"\s]+)\/?/g;

/** The queue URLs the intrinsic resolver gives (`Ref` of a queue), before the edge is known. */
const RESOLVER_QUEUE_URL = /http:\/\/sqs\.[a-z0-9-]+\.localhost\//g;

/** The ports a template may name the local cloud by: its defaults (`--port`, `--web-port`). */
export const DEFAULT_EDGE_PORT = 4566;
export const DEFAULT_WEB_PORT = 3000;

export function localizeUrls(value: string, endpoint: string, webUrl?: string): string {
  const base = endpoint.replace(/\/+$/, '');
  const localized = value
    .replace(EXECUTE_API_URL, (_, apiId: string, stage: string) => restApiUrl(base, apiId, stage))
    .replace(RESOLVER_QUEUE_URL, `${base}/`);
  return movePorts(localized, {
    [DEFAULT_EDGE_PORT]: portOf(endpoint),
    [DEFAULT_WEB_PORT]: webUrl ? portOf(webUrl) : String(DEFAULT_WEB_PORT),
  });
}

/**
 * A stack made for the local cloud can only name it by its default ports (e.g. the page's
 * config.json endpoint and its CORS origin): on other ports (`--port 0`) those loopback URLs
 * follow the ports the cloud really listens on, so the page still reaches it. One pass, so
 * swapped ports cannot be moved twice.
 */
function movePorts(value: string, ports: Record<number, string>): string {
  return value.replace(
    /http:\/\/(localhost|127\.0\.0\.1):(\d+)(?![0-9])/g,
    (whole, host: string, port: string) => {
      const actual = ports[Number(port)];
      return actual ? `http://${host}:${actual}` : whole;
    },
  );
}

function portOf(url: string): string {
  const parsed = new URL(url);
  return parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
}

/** `localizeUrls` over every string of a JSON-like value. */
export function localizeUrlsDeep<T>(value: T, endpoint: string, webUrl?: string): T {
  return JSON.parse(
    JSON.stringify(value, (_key, inner: unknown) =>
      typeof inner === 'string' ? localizeUrls(inner, endpoint, webUrl) : inner,
    ),
  ) as T;
}
