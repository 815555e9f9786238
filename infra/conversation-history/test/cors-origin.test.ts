import { ssmNames } from '@booktrip/constructs';
import { synthesize } from './support';

describe("the CORS origin (the chat page's, from SSM at run time)", () => {
  it('synthesizes prod with no origin given: the functions name the chat-web parameter', () => {
    const { template, stack } = synthesize({ stage: 'prod' });

    expect(stack.originParameterName).toBe(ssmNames('prod').chatWeb.origin);
    expect(JSON.stringify(template.toJSON())).toContain(
      `"ALLOWED_ORIGIN_PARAMETER":"${ssmNames('prod').chatWeb.origin}"`,
    );
  }, 60_000);

  it('refuses the old -c webOrigin rather than ignore it, naming where the origin comes from', () => {
    expect(() =>
      synthesize({ stage: 'prod', context: { webOrigin: 'https://chat.booktrip.example' } }),
    ).toThrow(/Context webOrigin is no longer read: .*SSM \/booktrip\/prod\/chat-web\/origin/);
  }, 60_000);
});
