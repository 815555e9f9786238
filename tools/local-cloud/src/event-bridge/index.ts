// EventBridge for the local cloud: the pattern matcher, and the recording bus of workflow tests.
export {
  compileEventPattern,
  InvalidEventPatternError,
  matchesEventPattern,
} from './match-event-pattern';
export type { EventPatternPredicate } from './match-event-pattern';
export { RecordingEventBus, busNameOf } from './recording-bus';
export type { LocalEventSink, RecordedEvent } from './recording-bus';
