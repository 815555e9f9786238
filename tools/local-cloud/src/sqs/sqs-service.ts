import type { Authorize, EdgeService, LocalLambda, LocalResource } from '../edge/contracts';
import { eventSourceMappingSettings, SqsPoller } from './event-source-mapping';
import { LocalQueue } from './local-queue';
import { queueSettings } from './queue-settings';
import type { SendMessage } from './send-message';
import { handleSqsRequest, type QueueDirectory } from './sqs-api';

export interface SqsServiceDeps {
  resources: readonly LocalResource[];
  region: string;
  accountId: string;
  /** Queue URLs are `<endpoint>/<account>/<name>`. */
  endpoint: string;
  authorize: Authorize;
  /** Event source mappings invoke functions through it; without it mappings are refused. */
  lambda?: LocalLambda;
  log?: (line: string) => void;
}

export interface SqsService {
  service: EdgeService;
  /** Puts a message on a queue by ARN or URL (DLQs, rule targets, Lambda destinations). */
  sendMessage: SendMessage;
  /** Visible, in-flight and delayed messages of a queue (the status page's DLQ depths). */
  depth(queueArnOrUrl: string): { visible: number; notVisible: number; delayed: number };
  /** Every queue, with where its RedrivePolicy sends messages (so DLQs can be told apart). */
  queues(): { name: string; arn: string; url: string; deadLetterTargetArn?: string }[];
  /** Starts the event source mappings' pollers (call once every service is wired). */
  startPollers(): void;
  stop(): Promise<void>;
}

/**
 * Every `AWS::SQS::Queue` of the resources as a standard queue, the SQS JSON API over them, and
 * every `AWS::Lambda::EventSourceMapping` on them as a poller invoking its function.
 */
export function createSqsService(deps: SqsServiceDeps): SqsService {
  const log = deps.log ?? (() => undefined);
  const byArn = new Map<string, LocalQueue>();
  const byName = new Map<string, LocalQueue>();
  const redrive = (deadLetterArn: string, message: Parameters<LocalQueue['adopt']>[0]) => {
    const target = byArn.get(deadLetterArn);
    if (!target) {
      log(
        `message ${message.messageId} dropped: its dead-letter queue ${deadLetterArn} does not exist`,
      );
      return;
    }
    target.adopt(message);
  };
  for (const resource of deps.resources.filter((r) => r.type === 'AWS::SQS::Queue')) {
    const settings = queueSettings(resource, deps.endpoint, deps.region, deps.accountId);
    const queue = new LocalQueue(settings, redrive);
    byArn.set(settings.arn, queue);
    byName.set(settings.name, queue);
  }
  for (const queue of byArn.values()) {
    const target = queue.settings.redrive?.deadLetterTargetArn;
    if (target && !byArn.has(target)) {
      throw new Error(
        `queue ${queue.settings.name}: its RedrivePolicy names ${target}, which is not a queue of the template`,
      );
    }
  }
  const directory: QueueDirectory = {
    byUrlOrArn: (urlOrArn) => byArn.get(urlOrArn) ?? byName.get(queueNameOfUrl(urlOrArn) ?? ''),
    byName: (name) => byName.get(name),
    all: () => [...byArn.values()],
  };

  const pollers: SqsPoller[] = [];
  for (const resource of deps.resources) {
    if (resource.type !== 'AWS::Lambda::EventSourceMapping') continue;
    const settings = eventSourceMappingSettings(resource);
    if (resource.properties.Enabled === false || resource.properties.Enabled === 'false') continue;
    const queue = byArn.get(settings.queueArn);
    if (!queue) {
      throw new Error(
        `${resource.stackName}/${resource.logicalId}: its queue ${settings.queueArn} is not in the template`,
      );
    }
    if (!deps.lambda) {
      throw new Error(`${resource.stackName}/${resource.logicalId}: no Lambda runtime is wired`);
    }
    for (let index = 0; index < settings.concurrency; index += 1) {
      pollers.push(new SqsPoller(settings, queue, deps.lambda, deps.region, (line) => log(line)));
    }
  }

  const queueOrThrow = (arnOrUrl: string) => {
    const queue = directory.byUrlOrArn(arnOrUrl);
    if (!queue) throw new Error(`The queue ${arnOrUrl} does not exist locally`);
    return queue;
  };

  return {
    service: {
      signingNames: ['sqs'],
      handle: (request) => handleSqsRequest(request, directory, deps.authorize),
    },
    async sendMessage(queueArnOrUrl, body, options = {}) {
      const message = queueOrThrow(queueArnOrUrl).send(body, options);
      return { messageId: message.messageId };
    },
    depth: (arnOrUrl) => queueOrThrow(arnOrUrl).counts(),
    queues: () =>
      [...byArn.values()].map(({ settings }) => ({
        name: settings.name,
        arn: settings.arn,
        url: settings.url,
        deadLetterTargetArn: settings.redrive?.deadLetterTargetArn,
      })),
    startPollers() {
      for (const poller of pollers) poller.start();
    },
    async stop() {
      const stopping = Promise.all(pollers.map((poller) => poller.stop()));
      for (const queue of byArn.values()) queue.close();
      await stopping;
    },
  };
}

/** `<any origin>/<account>/<name>`: queue URLs of any host name the templates or SDK use. */
function queueNameOfUrl(url: string): string | undefined {
  const match = /^https?:\/\/[^/]+\/\d{12}\/([^/?#]+)$/.exec(url);
  return match?.[1];
}
