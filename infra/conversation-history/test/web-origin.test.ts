import { Match } from 'aws-cdk-lib/assertions';
import { LOCAL_WEB_ORIGIN } from '../src/conversation-history-stack';
import { synthesize } from './support';

const allowedOrigin = (origin: string) => ({
  Environment: { Variables: Match.objectLike({ ALLOWED_ORIGIN: origin }) },
});

describe("the CORS origin (the chat page's)", () => {
  it('defaults to the local page outside production', () => {
    const { template } = synthesize({ stage: 'dev' });

    template.hasResourceProperties('AWS::Lambda::Function', allowedOrigin(LOCAL_WEB_ORIGIN));
  }, 60_000);

  it('refuses to synthesize prod without -c webOrigin, rather than allow localhost', () => {
    expect(() => synthesize({ stage: 'prod' })).toThrow(
      /prod stage needs the chat page's origin for CORS: deploy with -c webOrigin=/,
    );
  }, 60_000);

  it('uses the origin given with -c webOrigin in prod', () => {
    const { template } = synthesize({
      stage: 'prod',
      context: { webOrigin: 'https://chat.booktrip.example' },
    });

    template.hasResourceProperties(
      'AWS::Lambda::Function',
      allowedOrigin('https://chat.booktrip.example'),
    );
    expect(JSON.stringify(template.toJSON())).not.toContain(LOCAL_WEB_ORIGIN);
  }, 60_000);
});
