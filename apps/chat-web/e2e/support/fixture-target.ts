import { startPageSite } from './page-site';
import { startScriptedAws, type ScriptedAws } from './scripted-aws';

export interface ChatTarget {
  /** Where the page is served. */
  url: string;
  /** The scripted fixture, when that is the target (never for the local cloud). */
  fixture?: ScriptedAws;
  /**
   * On the local cloud: puts a bot answer into a conversation's history the way the code hook
   * records one (a *Conversation Turn Recorded* on the bus), for texts the real bot never says.
   */
  recordBotMessage?(conversationId: string, text: string): Promise<void>;
  stop(): Promise<void>;
}

/** The page through the local CloudFront, talking to the scripted fixture. */
export async function startFixtureTarget(): Promise<ChatTarget> {
  const aws = await startScriptedAws();
  const historyApiUrl = `${aws.endpoint}/history`;
  const site = await startPageSite({
    edge: aws.endpoint,
    ssm: {
      '/booktrip/local/conversation-history/api-url': historyApiUrl,
      '/booktrip/local/image-flip/uploads-bucket-name': 'uploads',
      '/booktrip/local/image-flip/output-bucket-name': 'output',
      '/booktrip/local/platform/identity-pool-id': 'us-east-1:fixture-pool',
      '/booktrip/local/lex-bot/bot-id': 'BOT',
      '/booktrip/local/lex-bot/bot-alias-id': 'ALIAS',
    },
    config: {
      region: 'us-east-1',
      identityPoolId: 'us-east-1:fixture-pool',
      botId: 'BOT',
      botAliasId: 'ALIAS',
      localeId: 'en_US',
      historyApiUrl,
      uploadsBucket: 'uploads',
      endpoint: aws.endpoint,
      voiceId: 'Danielle',
      voiceEngine: 'neural',
      idleSessionTtlSeconds: 600,
    },
  });
  return {
    url: site.url,
    fixture: aws,
    stop: async () => {
      await site.stop();
      await aws.stop();
    },
  };
}
