/** Where the page may connect and load pictures from, besides itself. */
export interface CspSources {
  region: string;
  /** The history API's base URL (a CSP source may carry a path: only that stage matches). */
  historyApiUrl: string;
  uploadsBucket: string;
  /** Flipped pictures come back as presigned GETs of this bucket. */
  outputBucket: string;
  /**
   * The local cloud's edge, which answers every AWS service in the `local` stage, under each
   * name it goes by (the page's configured endpoint and the URLs the local functions sign).
   */
  localEdges?: readonly string[];
}

/**
 * The page's Content-Security-Policy: scripts and styles only from the page's own origin (no
 * `unsafe-inline`, no `eval`), connections only to the AWS endpoints the page calls, nothing may
 * frame it, no plugins, no `<base>` rewriting, no form posts.
 */
export function contentSecurityPolicy(sources: CspSources): string {
  const { region } = sources;
  const s3Hosts = (bucket: string) => [
    `https://${bucket}.s3.${region}.amazonaws.com`,
    `https://${bucket}.s3.amazonaws.com`,
  ];
  const connect = [
    "'self'",
    `https://cognito-identity.${region}.amazonaws.com`,
    `https://runtime-v2-lex.${region}.amazonaws.com`,
    `https://polly.${region}.amazonaws.com`,
    sources.historyApiUrl,
    ...s3Hosts(sources.uploadsBucket),
    ...(sources.localEdges ?? []),
  ];
  const images = [
    "'self'",
    'blob:',
    'data:',
    ...s3Hosts(sources.outputBucket),
    ...(sources.localEdges ?? []),
  ];
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src ${images.join(' ')}`,
    "media-src 'self' blob:",
    `connect-src ${connect.join(' ')}`,
    "font-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    ...(sources.localEdges?.length ? [] : ['upgrade-insecure-requests']),
  ].join('; ');
}
