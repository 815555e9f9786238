// `npm run chat`: chat with the BookTrip bot from a terminal, against the running local cloud
// (`npm start`), the way the chat page does: as a guest of the stage's identity pool, in a
// conversation the history API opens (POST /v1/conversations, SigV4-signed), its token sent as
// a request attribute on every turn — the code hook records and books nothing without it.
// `npm run chat -- --endpoint http://localhost:4566` (default: AWS_ENDPOINT_URL, then 4566).
import { Sha256 } from '@aws-crypto/sha256-js';
import { CognitoIdentityClient } from '@aws-sdk/client-cognito-identity';
import { CONVERSATION_TOKEN_ATTRIBUTE, TIME_ZONE_ATTRIBUTE } from '@booktrip/events';
import { startChatRepl, type LocalCloudOutputs } from '@booktrip/local-cloud';
import { SignatureV4 } from '@smithy/signature-v4';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import { parseArgs } from 'node:util';
import { guestCredentials } from './guest-credentials';

const STAGE = 'local';
const parameterName = (service: string, key: string) => `/booktrip/${STAGE}/${service}/${key}`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { endpoint: { type: 'string' }, locale: { type: 'string', default: 'en_US' } },
  });
  const endpoint = values.endpoint ?? process.env.AWS_ENDPOINT_URL ?? 'http://localhost:4566';
  const outputs = await localCloudOutputs(endpoint);
  const parameter = (service: string, key: string) => {
    const name = parameterName(service, key);
    const value = outputs.parameters[name];
    if (!value) {
      throw new Error(
        `The local cloud at ${endpoint} has no SSM parameter ${name}: is every service synthesized (npm start synthesizes them)?`,
      );
    }
    return value;
  };
  const credentials = guestCredentials({
    cognito: new CognitoIdentityClient({
      endpoint,
      region: outputs.region,
      credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' },
    }),
    identityPoolId: parameter('platform', 'identity-pool-id'),
  });
  await credentials(); // fails now, clearly, rather than at the first message
  const apiUrl = parameter('conversation-history', 'api-url');
  const tokens = new Map<string, string>();

  await startChatRepl({
    endpoint,
    region: outputs.region,
    credentials,
    botId: parameter('lex-bot', 'bot-id'),
    botAliasId: parameter('lex-bot', 'bot-alias-id'),
    localeId: values.locale,
    // The conversation id the history API issues is the Lex session id, as on the page.
    newSessionId: async () => {
      const { conversationId, conversationToken } = await openConversation(
        apiUrl,
        outputs.region,
        credentials,
      );
      tokens.set(conversationId, conversationToken);
      return conversationId;
    },
    // The terminal's zone goes with every turn, as the page sends the browser's: Lex reads
    // "tomorrow" in the zone x-amz-lex:time-zone names.
    requestAttributes: (sessionId): Record<string, string> => {
      const token = tokens.get(sessionId);
      return {
        [TIME_ZONE_ATTRIBUTE]: Intl.DateTimeFormat().resolvedOptions().timeZone,
        ...(token ? { [CONVERSATION_TOKEN_ATTRIBUTE]: token } : {}),
      };
    },
  });
}

async function localCloudOutputs(endpoint: string): Promise<LocalCloudOutputs> {
  const url = new URL('/_booktrip/outputs', endpoint).toString();
  const response = await fetch(url).catch((error: unknown) => {
    throw new Error(
      `No local cloud answers at ${endpoint} (${String(error)}). Start it with npm start, or pass --endpoint.`,
    );
  });
  if (!response.ok) {
    throw new Error(`${url} answered ${response.status}: is ${endpoint} a BookTrip local cloud?`);
  }
  return (await response.json()) as LocalCloudOutputs;
}

/** `POST /v1/conversations` as the page calls it: IAM-authorized, signed for execute-api. */
async function openConversation(
  apiUrl: string,
  region: string,
  credentials: AwsCredentialIdentityProvider,
): Promise<{ conversationId: string; conversationToken: string }> {
  const url = new URL('v1/conversations', apiUrl);
  const body = JSON.stringify({ title: 'Terminal chat' });
  const signed = await new SignatureV4({
    credentials,
    region,
    service: 'execute-api',
    sha256: Sha256,
  }).sign({
    method: 'POST',
    protocol: url.protocol,
    hostname: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    path: url.pathname,
    headers: { host: url.host, 'content-type': 'application/json' },
    body,
  });
  const response = await fetch(url, { method: 'POST', headers: signed.headers, body });
  const text = await response.text();
  if (response.status !== 201) {
    throw new Error(`POST ${url.toString()} answered ${response.status}: ${text}`);
  }
  const created = JSON.parse(text) as { conversationId?: unknown; conversationToken?: unknown };
  if (typeof created.conversationId !== 'string' || typeof created.conversationToken !== 'string') {
    throw new Error(`POST ${url.toString()} gave no conversation id and token: ${text}`);
  }
  return { conversationId: created.conversationId, conversationToken: created.conversationToken };
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`npm run chat: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
