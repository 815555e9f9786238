/**
 * CloudFront's cache-behaviour path patterns: `*` matches any run of characters (slashes
 * included), `?` exactly one, everything else literally and case-sensitively; the leading `/`
 * is optional in the pattern.
 */
export function pathPatternMatcher(pattern: string): (path: string) => boolean {
  const normalized = pattern.startsWith('/') ? pattern : `/${pattern}`;
  const source = normalized
    .split('')
    .map((char) =>
      char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  const regex = new RegExp(`^${source}$`);
  return (path) => regex.test(path);
}
