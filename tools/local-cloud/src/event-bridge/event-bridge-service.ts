import type {
  PutEventsRequestEntry,
  PutEventsResponse,
  PutEventsResultEntry,
} from '@aws-sdk/client-eventbridge';
import { randomUUID } from 'node:crypto';
import type { Authorize, EdgeService, LocalLambda, LocalResource } from '../edge/contracts';
import type { SendMessage } from '../sqs/send-message';
import { handleEventsRequest } from './events-api';
import { busNameOf, type LocalEventSink } from './recording-bus';
import { compileRules, type LocalRule, type LocalTarget } from './rules';

export interface EventBridgeServiceDeps {
  resources: readonly LocalResource[];
  region: string;
  accountId: string;
  endpoint: string;
  authorize: Authorize;
  /** Lambda targets are invoked asynchronously through it. */
  lambda?: LocalLambda;
  /** SQS targets and targets' dead-letter queues. */
  sendMessage?: SendMessage;
  /** Step Functions targets; `input` is the JSON value the target's input settings produce. */
  startExecution?: (stateMachineArn: string, input: unknown) => Promise<unknown>;
  log?: (line: string) => void;
  /** Events kept per bus for the status page (default 50). */
  recentEventsPerBus?: number;
  /** Wait before retry n (0-based) of a failed delivery; EventBridge backs off over hours. */
  retryDelayMs?: (retry: number) => number;
}

/** An event as EventBridge delivers it to targets. */
export interface EventEnvelope {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
  [key: string]: unknown;
}

export interface RecentEvent {
  eventBusName: string;
  event: EventEnvelope;
  /** Names of the rules the event matched. */
  matchedRules: string[];
}

export interface EventBridgeService extends LocalEventSink {
  service: EdgeService;
  /** Programmatic PutEvents for other emulators (S3 notifications, Step Functions tasks). */
  putEvents(entries: readonly PutEventsRequestEntry[]): Promise<PutEventsResponse>;
  recentEvents(eventBusName?: string): RecentEvent[];
  buses(): { name: string; arn: string }[];
  rules(): { name: string; arn: string; eventBusName: string; targets: string[] }[];
  /** Resolves once every delivery under way (with its retries) has finished. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * EventBridge: the default bus and every `AWS::Events::EventBus`, the rules of the template
 * (patterns validated at construction: a bad one fails start-up naming the rule), PutEvents
 * with EventBridge's validation and envelope, and delivery to Lambda, SQS, Step Functions and
 * other buses with the target's input settings, retry policy and dead-letter queue. Archives,
 * replays and bus policies are not emulated (lc-core lists them as ignored): every
 * authenticated caller may put events on any bus, subject to `authorize` for guests.
 */
export function createEventBridgeService(deps: EventBridgeServiceDeps): EventBridgeService {
  const log = deps.log ?? (() => undefined);
  const busArn = (name: string) =>
    `arn:aws:events:${deps.region}:${deps.accountId}:event-bus/${name}`;
  const buses = new Map<string, string>([['default', busArn('default')]]);
  for (const resource of deps.resources) {
    if (resource.type !== 'AWS::Events::EventBus') continue;
    const name = String(resource.properties.Name ?? resource.physicalId);
    buses.set(name, resource.arn ?? busArn(name));
  }
  const rules = compileRules(deps.resources, {
    region: deps.region,
    accountId: deps.accountId,
    buses,
    deliverable: {
      lambda: deps.lambda !== undefined,
      sqs: deps.sendMessage !== undefined,
      states: deps.startExecution !== undefined,
    },
  });
  const recentLimit = deps.recentEventsPerBus ?? 50;
  const recent = new Map<string, RecentEvent[]>();
  const inFlight = new Set<Promise<void>>();
  const sleepers = new Map<NodeJS.Timeout, () => void>();
  const retryDelay = deps.retryDelayMs ?? ((retry: number) => Math.min(100 * 2 ** retry, 5000));
  let stopped = false;

  const track = (work: Promise<void>) => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work));
  };

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        sleepers.delete(timer);
        resolve();
      }, ms);
      sleepers.set(timer, resolve);
    });

  async function deliverOnce(
    target: LocalTarget,
    input: string,
    event: EventEnvelope,
  ): Promise<void> {
    switch (target.kind) {
      case 'lambda': {
        const result = await deps.lambda?.invoke(target.arn, JSON.parse(input) as unknown, {
          invocationType: 'Event',
        });
        if (result && result.statusCode >= 300)
          throw new Error(`Lambda answered ${result.statusCode}`);
        return;
      }
      case 'sqs':
        await deps.sendMessage?.(target.arn, input);
        return;
      case 'states':
        await deps.startExecution?.(target.arn, JSON.parse(input) as unknown);
        return;
      case 'events': {
        // Another bus receives the event itself (input settings do not apply to bus targets).
        const response = await putEntries(
          [
            {
              EventBusName: target.arn,
              Source: event.source,
              DetailType: event['detail-type'],
              Detail: JSON.stringify(event.detail),
              Resources: event.resources,
              Time: new Date(event.time),
            },
          ],
          true,
        );
        if (response.FailedEntryCount) {
          throw new Error(response.Entries?.[0]?.ErrorMessage ?? 'PutEvents failed');
        }
        return;
      }
    }
  }

  async function deliver(rule: LocalRule, target: LocalTarget, event: EventEnvelope) {
    let input: string;
    try {
      input = target.input(event, { ruleArn: rule.arn, ruleName: rule.name });
      if (target.kind !== 'sqs') JSON.parse(input);
    } catch (error) {
      log(
        `rule ${rule.name} target ${target.id}: input is not valid JSON: ${(error as Error).message}`,
      );
      await deadLetter(rule, target, event, 'INVALID_JSON', (error as Error).message, 0, 'NONE');
      return;
    }
    const received = Date.now();
    for (let attempt = 0; ; attempt += 1) {
      if (stopped) return;
      try {
        await deliverOnce(target, input, event);
        return;
      } catch (error) {
        const message = (error as Error).message;
        const code = /not (exist|found)/i.test(message) ? 'RESOURCE_NOT_FOUND' : 'SDK_CLIENT_ERROR';
        const delay = retryDelay(attempt);
        const exhausted =
          attempt >= target.retry.maximumRetryAttempts
            ? 'MaximumRetryAttemptsExhausted'
            : Date.now() + delay - received > target.retry.maximumEventAgeSeconds * 1000
              ? 'MaximumEventAgeExhausted'
              : undefined;
        if (exhausted) {
          log(
            `rule ${rule.name} target ${target.id}: delivery failed after ${attempt + 1} attempt(s): ${message}`,
          );
          await deadLetter(rule, target, event, code, message, attempt, exhausted);
          return;
        }
        await sleep(delay);
      }
    }
  }

  async function deadLetter(
    rule: LocalRule,
    target: LocalTarget,
    event: EventEnvelope,
    code: string,
    message: string,
    retries: number,
    condition: string,
  ): Promise<void> {
    if (!target.deadLetterArn) return;
    if (!deps.sendMessage) {
      log(`rule ${rule.name} target ${target.id}: no SQS wired for its dead-letter queue`);
      return;
    }
    // The attributes EventBridge sets on a message it dead-letters.
    const attribute = (value: string) => ({ DataType: 'String', StringValue: value });
    try {
      await deps.sendMessage(target.deadLetterArn, JSON.stringify(event), {
        messageAttributes: {
          RULE_ARN: attribute(rule.arn),
          TARGET_ARN: attribute(target.arn),
          ERROR_CODE: attribute(code),
          ERROR_MESSAGE: attribute(message.slice(0, 1000)),
          EXHAUSTED_RETRY_CONDITION: attribute(condition),
          RETRY_ATTEMPTS: { DataType: 'Number', StringValue: String(retries) },
        },
      });
    } catch (error) {
      log(
        `rule ${rule.name} target ${target.id}: its dead-letter queue refused the event: ${(error as Error).message}`,
      );
    }
  }

  function route(eventBusName: string, event: EventEnvelope): void {
    const matched: string[] = [];
    for (const rule of rules) {
      if (rule.eventBusName !== eventBusName || !rule.enabled || !rule.matches(event)) continue;
      matched.push(rule.name);
      for (const target of rule.targets) track(deliver(rule, target, event));
    }
    const list = recent.get(eventBusName) ?? [];
    list.push({ eventBusName, event, matchedRules: matched });
    if (list.length > recentLimit) list.splice(0, list.length - recentLimit);
    recent.set(eventBusName, list);
  }

  /** Validates and routes entries; `trusted` callers (other emulators) may use `aws.` sources. */
  async function putEntries(
    entries: readonly PutEventsRequestEntry[],
    trusted: boolean,
  ): Promise<PutEventsResponse> {
    const results: PutEventsResultEntry[] = entries.map((entry) => {
      const problem = entryProblem(entry, trusted);
      if (problem) return problem;
      const eventBusName = busNameOf(entry.EventBusName ?? 'default');
      if (!buses.has(eventBusName)) {
        return {
          ErrorCode: 'InvalidArgument',
          ErrorMessage: `Event bus ${eventBusName} does not exist.`,
        };
      }
      const event: EventEnvelope = {
        version: '0',
        id: randomUUID(),
        'detail-type': entry.DetailType as string,
        source: entry.Source as string,
        account: deps.accountId,
        time: eventTime(entry.Time),
        region: deps.region,
        resources: entry.Resources ?? [],
        detail: JSON.parse(entry.Detail as string) as unknown,
      };
      route(eventBusName, event);
      return { EventId: event.id };
    });
    return {
      FailedEntryCount: results.filter((result) => result.ErrorCode !== undefined).length,
      Entries: results,
    };
  }

  const self: EventBridgeService = {
    service: {
      signingNames: ['events'],
      handle: (request) =>
        handleEventsRequest(request, {
          authorize: deps.authorize,
          busArn: (name) => buses.get(busNameOf(name)),
          putEvents: (entries) => putEntries(entries, false),
          listEventBuses: () => self.buses(),
          listRules: () => self.rules(),
        }),
    },
    putEvents: (entries) => putEntries(entries, true),
    recentEvents: (eventBusName) =>
      eventBusName ? [...(recent.get(eventBusName) ?? [])] : [...recent.values()].flat(),
    buses: () => [...buses].map(([name, arn]) => ({ name, arn })),
    rules: () =>
      rules.map((rule) => ({
        name: rule.name,
        arn: rule.arn,
        eventBusName: rule.eventBusName,
        targets: rule.targets.map((target) => target.arn),
      })),
    async drain() {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    },
    async stop() {
      stopped = true;
      for (const [timer, wake] of sleepers) {
        clearTimeout(timer);
        wake();
      }
      sleepers.clear();
      await self.drain();
    },
  };
  return self;
}

/**
 * PutEvents' per-entry checks, with EventBridge's codes and messages. The request-level
 * checks (at most 10 entries, 256 KB) are the API's.
 */
function entryProblem(
  entry: PutEventsRequestEntry,
  trusted: boolean,
): PutEventsResultEntry | undefined {
  const invalid = (name: string, reason: string) => ({
    ErrorCode: 'InvalidArgument',
    ErrorMessage: `Parameter ${name} is not valid. Reason: ${reason}`,
  });
  if (!entry.Source) return invalid('Source', 'Source is a required argument.');
  if (!entry.DetailType) return invalid('DetailType', 'DetailType is a required argument.');
  if (entry.Detail === undefined || entry.Detail === '') {
    return invalid('Detail', 'Detail is a required argument.');
  }
  if (!trusted && entry.Source.startsWith('aws.')) {
    return {
      ErrorCode: 'NotAuthorizedForSourceException',
      ErrorMessage: 'Not authorized for the source.',
    };
  }
  let detail: unknown;
  try {
    detail = JSON.parse(entry.Detail);
  } catch {
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  }
  if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
    return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' };
  }
  if (
    entry.Time !== undefined &&
    Number.isNaN(new Date(entry.Time as Date | string | number).getTime())
  ) {
    return invalid('Time', 'Time is not a valid timestamp.');
  }
  return undefined;
}

/** EventBridge writes times to the second: `2017-12-22T18:43:48Z`. */
function eventTime(time: PutEventsRequestEntry['Time']): string {
  const date = time === undefined ? new Date() : new Date(time as Date | string | number);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
