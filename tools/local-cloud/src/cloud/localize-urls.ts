import { restApiUrl } from '../api-gateway';

/**
 * Queue URLs become `<endpoint>/<account>/<name>`, as the local SQS answers them; and a
 * deployed REST API's stage URL (`https://<id>.execute-api.<region>.amazonaws.com/<stage>/`)
 * becomes the same API on the edge (`restApiUrl`),
 * wherever the templates publish it (SSM parameters, outputs, function environments).
 */
const EXECUTE_API_URL =
  /https:\/\/([a-zA-Z0-9]+)\.execute-api\.[a-z0-9-]+\.amazonaws\.com\/([^/"\s]+)\/?/g;

/** The queue URLs the intrinsic resolver gives (`Ref` of a queue), before the edge is known. */
const RESOLVER_QUEUE_URL = /http:\/\/sqs\.[a-z0-9-]+\.localhost\//g;

export function localizeUrls(value: string, endpoint: string): string {
  const base = endpoint.replace(/\/+$/, '');
  return value
    .replace(EXECUTE_API_URL, (_, apiId: string, stage: string) => restApiUrl(base, apiId, stage))
    .replace(RESOLVER_QUEUE_URL, `${base}/`);
}

/** `localizeUrls` over every string of a JSON-like value. */
export function localizeUrlsDeep<T>(value: T, endpoint: string): T {
  return JSON.parse(
    JSON.stringify(value, (_key, inner: unknown) =>
      typeof inner === 'string' ? localizeUrls(inner, endpoint) : inner,
    ),
  ) as T;
}
