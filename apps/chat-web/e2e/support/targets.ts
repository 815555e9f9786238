import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { ConversationTurnRecorded } from '@booktrip/events';
import { startLocalCloud } from '@booktrip/local-cloud';
import { randomUUID } from 'node:crypto';
import type { ChatTarget } from './fixture-target';
import { startFixtureTarget } from './fixture-target';

export type { ChatTarget } from './fixture-target';

/**
 * `E2E_TARGET=local-cloud` (the default, what `npm test` runs): the whole system from the
 * synthesized `local` assemblies, the page served by the local cloud's CloudFront on the web
 * port. `E2E_TARGET=fixture`: the page against the scripted development fixture (for work on
 * the page while a service is missing); flows the fixture cannot play are skipped there.
 */
export async function startTarget(): Promise<ChatTarget> {
  const kind = process.env.E2E_TARGET ?? 'local-cloud';
  if (kind === 'fixture') return startFixtureTarget();
  if (kind !== 'local-cloud')
    throw new Error(`E2E_TARGET must be local-cloud or fixture, not ${kind}`);
  // Free ports: the local stage's page, CSP and CORS origin name the default ones, and the
  // local cloud moves them to the ports it listens on — this suite proves that too.
  const cloud = await startLocalCloud({
    port: 0,
    webPort: 0,
    log: (line) => console.log(`[local-cloud] ${line}`),
    functionLog: process.env.E2E_VERBOSE
      ? (name, line) => console.log(`[${name}] ${line}`)
      : undefined,
  });
  const url = cloud.webUrl;
  const config = await fetch(`${url}/config.json`).catch(() => undefined);
  if (!config?.ok || !config.headers.get('content-type')?.includes('json')) {
    await cloud.stop();
    throw new Error(
      `The local cloud does not serve the chat page's /config.json on ${url}: is infra-chat-web synthesized for the local stage?`,
    );
  }
  const { region, adminCredentials, parameters } = cloud.outputs;
  const events = new EventBridgeClient({
    endpoint: cloud.endpoint,
    region,
    credentials: adminCredentials,
  });
  const recordBotMessage = async (conversationId: string, text: string) => {
    const event = ConversationTurnRecorded.build(
      {
        sessionId: conversationId,
        invocationSource: 'DialogCodeHook',
        inputMode: 'Text',
        userText: '',
        intentName: 'FallbackIntent',
        intentState: 'InProgress',
        dialogAction: 'ElicitIntent',
        botMessages: [text],
      },
      { correlationId: randomUUID(), conversationId },
    );
    const answer = await events.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: parameters['/booktrip/local/platform/event-bus-name'],
            Source: event.source,
            DetailType: event.detailType,
            Detail: JSON.stringify(event.detail),
          },
        ],
      }),
    );
    if (answer.FailedEntryCount) throw new Error(`PutEvents refused: ${JSON.stringify(answer)}`);
  };
  return {
    url,
    recordBotMessage,
    stop: async () => {
      events.destroy();
      await cloud.stop();
    },
  };
}
