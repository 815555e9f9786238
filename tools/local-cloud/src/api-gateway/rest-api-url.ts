/**
 * The local base URL of a REST API stage on the edge — path-based, since hostnames such as
 * `<id>.execute-api.localhost` do not resolve everywhere. It ends with `/` as the deployed
 * stage URL does (`https://<id>.execute-api.<region>.amazonaws.com/<stage>/`), so clients
 * append resource paths the same way to either.
 */
export function restApiUrl(endpoint: string, apiId: string, stage: string): string {
  return `${endpoint.replace(/\/+$/, '')}/restapis/${apiId}/${stage}/_user_request_/`;
}

export const REST_API_PATH_PREFIX = '/restapis/';

/** The API id, stage and resource path of an edge path under `restApiUrl`, if it is one. */
export function parseRestApiPath(
  path: string,
): { apiId: string; stage: string; resourcePath: string } | undefined {
  const match = /^\/restapis\/([^/]+)\/([^/]+)\/_user_request_(\/.*)?$/.exec(path);
  if (!match) return undefined;
  return { apiId: match[1]!, stage: match[2]!, resourcePath: match[3] || '/' };
}
