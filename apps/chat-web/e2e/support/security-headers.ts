import assert from 'node:assert/strict';

/** A CSP header as directive → sources. */
function cspDirectives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => Boolean(name))
      .map(([name, ...sources]) => [String(name).toLowerCase(), sources]),
  );
}

/**
 * The headers the chat-web stack's response headers policy puts on the page (served locally by
 * the local CloudFront from the synthesized template): a CSP whose scripts are the page's own
 * files only, no framing, HSTS, nosniff and a referrer policy.
 */
export function assertSecurityHeaders(headers: Record<string, string>): void {
  const policy = headers['content-security-policy'];
  assert.ok(policy, 'the page carries a Content-Security-Policy header');
  const csp = cspDirectives(policy);
  const scripts = csp.get('script-src') ?? csp.get('default-src');
  assert.ok(scripts, `the CSP limits scripts: ${policy}`);
  assert.ok(!scripts.includes("'unsafe-inline'"), `no inline scripts: script-src ${scripts}`);
  assert.ok(!scripts.includes("'unsafe-eval'"), `no eval: script-src ${scripts}`);
  assert.ok(!scripts.includes('*'), `no script from anywhere: script-src ${scripts}`);
  assert.deepEqual(csp.get('frame-ancestors'), ["'none'"], 'no page may frame the chat');
  assert.match(headers['x-frame-options'] ?? '', /^DENY$/i);
  assert.equal(headers['x-content-type-options'], 'nosniff');
  const hsts = /max-age=(\d+)/.exec(headers['strict-transport-security'] ?? '');
  assert.ok(hsts, 'Strict-Transport-Security is sent');
  assert.ok(Number(hsts[1]) >= 31_536_000, `HSTS for at least a year: ${hsts[0]}`);
  assert.ok(headers['referrer-policy'], 'a Referrer-Policy is sent');
}
