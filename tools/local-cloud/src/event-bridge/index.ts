/**
 * EventBridge for the local cloud. `createEventBridgeService(deps)` builds the default bus and
 * every `AWS::Events::EventBus`, compiles every `AWS::Events::Rule` (a bad pattern throws,
 * naming the rule) and returns:
 * - `service`: PutEvents, TestEventPattern, ListEventBuses, ListRules (signing name `events`);
 * - `putEvents(entries)`: the `LocalEventSink` other emulators publish through (S3
 *   notifications, Step Functions tasks; `aws.*` sources allowed);
 * - `recentEvents(bus?)`, `buses()`, `rules()`, `drain()`, `stop()`.
 *
 * deps: `resources`, `region`, `accountId`, `endpoint`, `authorize`, and the targets' services:
 * `lambda` (async invoke), `sendMessage` (SQS targets and dead-letter queues), `startExecution`
 * (Step Functions); optionally `log`, `recentEventsPerBus`, `retryDelayMs`.
 * Archives, replays, schedules and bus policies are not emulated.
 *
 * `matchesEventPattern(pattern, event)` is EventBridge's content filtering on its own.
 */
export { createEventBridgeService } from './event-bridge-service';
export type {
  EventBridgeService,
  EventBridgeServiceDeps,
  EventEnvelope,
  RecentEvent,
} from './event-bridge-service';
export {
  compileEventPattern,
  InvalidEventPatternError,
  matchesEventPattern,
} from './match-event-pattern';
export type { EventPatternPredicate } from './match-event-pattern';
export { RecordingEventBus, busNameOf } from './recording-bus';
export type { LocalEventSink, RecordedEvent } from './recording-bus';
