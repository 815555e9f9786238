import { LOCAL_STAGE } from '@booktrip/constructs';
import { Match } from 'aws-cdk-lib/assertions';
import { LOCAL_CURSOR_SIGNING_KEY } from '../src/conversation-history-stack';
import { synthesize } from './support';

describe('the local stage', () => {
  it('signs cursors with the fixed local key instead of a Secrets Manager secret', () => {
    const { template } = synthesize({ stage: LOCAL_STAGE });

    template.resourceCountIs('AWS::SecretsManager::Secret', 0);
    template.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ CURSOR_SIGNING_KEY: LOCAL_CURSOR_SIGNING_KEY }),
      },
    });
  }, 60_000);
});
