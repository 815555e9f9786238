import type { EdgeRequest, EdgeService } from './contracts';

/**
 * The service for a request: by SigV4 signing name when signed (narrowed by `X-Amz-Target`
 * prefix or `matches` when several share the name), otherwise by `X-Amz-Target` prefix, then by
 * each service's own `matches` (S3 presigned-less paths, API Gateway base paths, preflights).
 */
export function routeRequest(
  services: readonly EdgeService[],
  request: EdgeRequest,
): EdgeService | undefined {
  const target = headerOf(request, 'x-amz-target');
  const prefix = target?.split('.')[0];
  const byTarget = (candidates: readonly EdgeService[]) =>
    prefix === undefined
      ? undefined
      : candidates.find((service) => service.targetPrefixes?.includes(prefix));
  const byMatch = (candidates: readonly EdgeService[]) =>
    candidates.find((service) => service.matches?.(request) === true);

  if (request.signingService !== undefined) {
    const signing = services.filter((service) =>
      service.signingNames.includes(request.signingService ?? ''),
    );
    if (signing.length === 1) return signing[0];
    if (signing.length > 1) return byTarget(signing) ?? byMatch(signing) ?? signing[0];
  }
  return byTarget(services) ?? byMatch(services);
}

function headerOf(request: EdgeRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
