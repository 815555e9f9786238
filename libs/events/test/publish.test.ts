import {
  EventBridgeClient,
  PutEventsCommand,
  type PutEventsCommandInput,
  type PutEventsRequestEntry,
  type PutEventsResultEntry,
} from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import {
  ConversationTurnRecorded,
  createPublisher,
  entrySize,
  ENTRY_TOO_LARGE,
  MAX_BYTES_PER_CALL,
  PublishError,
  ReservationRequested,
  type OutgoingEvent,
} from '../src';
import { samples } from './samples';

const BUS = 'booktrip-test';
const TRACE_HEADER = 'Root=1-67891233-abcdef012345678912345678;Parent=53995c3f42cd8ad8;Sampled=1';
const eventBridge = mockClient(EventBridgeClient);

/** PutEvents accepting every entry, as EventBridge answers when all goes well. */
function acceptAll(input: PutEventsCommandInput) {
  return {
    FailedEntryCount: 0,
    Entries: (input.Entries ?? []).map((_, i) => ({ EventId: `event-${i}` })),
  };
}

/** PutEvents failing, with `errorCode`, the entries whose user text is one of `texts`. */
function failTexts(errorCode: string, ...texts: string[]) {
  return (input: PutEventsCommandInput) => {
    const results = (input.Entries ?? []).map((entry, i): PutEventsResultEntry =>
      texts.includes(userText(entry))
        ? { ErrorCode: errorCode, ErrorMessage: `${errorCode} for entry ${i}` }
        : { EventId: `event-${i}` },
    );
    return {
      FailedEntryCount: results.filter((result) => result.ErrorCode).length,
      Entries: results,
    };
  };
}

function userText(entry: PutEventsRequestEntry): string {
  return JSON.parse(entry.Detail ?? '{}').data.userText;
}

function sentEntries(): PutEventsRequestEntry[][] {
  return eventBridge.commandCalls(PutEventsCommand).map((call) => call.args[0].input.Entries ?? []);
}

function turn(userText: string) {
  return ConversationTurnRecorded.build(
    { ...samples.ConversationTurnRecorded, userText },
    { correlationId: 'corr-1', conversationId: samples.ConversationTurnRecorded.sessionId },
  );
}

/** An event whose PutEvents entry is exactly `bytes` long, as EventBridge counts it. */
function eventOfSize(bytes: number, label = 'x'): OutgoingEvent<{ blob: string }> {
  const event = { source: 'booktrip.test', detailType: 'Blob Stored', detail: { blob: '' } };
  const overhead = entrySize({
    Source: event.source,
    DetailType: event.detailType,
    Detail: JSON.stringify(event.detail),
  });
  return { ...event, detail: { blob: label.padEnd(bytes - overhead, '.') } };
}

const publisher = (options: { maxAttempts?: number } = {}) =>
  createPublisher({
    eventBusName: BUS,
    client: new EventBridgeClient({}),
    baseDelayMs: 0,
    ...options,
  });

beforeEach(() => {
  eventBridge.reset();
  eventBridge.on(PutEventsCommand).callsFake(acceptAll);
  delete process.env._X_AMZN_TRACE_ID;
});

afterAll(() => {
  delete process.env._X_AMZN_TRACE_ID;
});

describe('entrySize', () => {
  it('counts UTF-8 bytes of source, detail type, detail and resources, and 14 bytes for a time', () => {
    const entry = { Source: 'a', DetailType: 'bé', Detail: '"€"', Resources: ['r1', 'r2'] };

    expect(entrySize(entry)).toBe(1 + 3 + 5 + 2 + 2);
    expect(entrySize({ ...entry, Time: new Date('2026-11-24T00:00:00Z') })).toBe(13 + 14);
  });

  it('ignores the bus name and the trace header, which EventBridge does not count', () => {
    const entry = { Source: 'a', DetailType: 'b', Detail: '{}' };

    expect(entrySize({ ...entry, EventBusName: BUS, TraceHeader: TRACE_HEADER })).toBe(
      entrySize(entry),
    );
  });
});

describe('createPublisher', () => {
  it('sends nothing for an empty list', async () => {
    await publisher()([]);

    expect(eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
  });

  it('sends each event as an entry on the bus with its source, detail type and JSON detail', async () => {
    const event = ReservationRequested.build(samples.ReservationRequested, {
      correlationId: 'corr-1',
      conversationId: 'conv-1',
    });

    await publisher()([event]);

    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 1);
    expect(eventBridge).toHaveReceivedCommandWith(PutEventsCommand, {
      Entries: [
        {
          EventBusName: BUS,
          Source: 'booktrip.lex-fulfilment',
          DetailType: 'Reservation Requested',
          Detail: JSON.stringify(event.detail),
        },
      ],
    });
  });

  it('batches by 10 entries per call, keeping the order', async () => {
    const events = Array.from({ length: 23 }, (_, i) => turn(`message ${i}`));

    await publisher()(events);

    const batches = sentEntries();
    expect(batches.map((entries) => entries.length)).toEqual([10, 10, 3]);
    expect(batches.flat().map(userText)).toEqual(events.map((event) => event.detail.data.userText));
    expect(batches.flat().every((entry) => entry.EventBusName === BUS)).toBe(true);
  });

  it('starts a new call when the next entry would take the call over 256 KB', async () => {
    const quarter = MAX_BYTES_PER_CALL / 4;
    // 4 quarters fill one call exactly; the fifth entry (1 byte) must go to the next call.
    const events = [1, 2, 3, 4].map((i) => eventOfSize(quarter, `q${i}`));

    await publisher()([...events, eventOfSize(60, 'small')]);

    const batches = sentEntries();
    expect(batches.map((entries) => entries.length)).toEqual([4, 1]);
    expect(batches.map((entries) => entries.reduce((sum, e) => sum + entrySize(e), 0))).toEqual([
      MAX_BYTES_PER_CALL,
      60,
    ]);
  });

  it('counts multi-byte characters as EventBridge does when batching', async () => {
    // 90 000 "é" are 90 000 characters but 180 000 bytes: two of them cannot share a call.
    const accented = (text: string) => ({
      source: 'booktrip.test',
      detailType: 'Blob Stored',
      detail: { blob: text },
    });

    await publisher()([accented('é'.repeat(90_000)), accented('è'.repeat(90_000))]);

    expect(sentEntries().map((entries) => entries.length)).toEqual([1, 1]);
  });

  it('rejects an entry over 256 KB with a clear error before sending anything', async () => {
    const tooLarge = eventOfSize(MAX_BYTES_PER_CALL + 1);

    const publishing = publisher()([turn('sent first if batching were lazy'), tooLarge]);

    await expect(publishing).rejects.toThrow(PublishError);
    await expect(publishing).rejects.toThrow(
      `Event "Blob Stored" is ${MAX_BYTES_PER_CALL + 1} bytes; PutEvents accepts at most ${MAX_BYTES_PER_CALL} bytes`,
    );
    await expect(publishing).rejects.toMatchObject({
      failures: [{ detailType: 'Blob Stored', errorCode: ENTRY_TOO_LARGE }],
    });
    expect(eventBridge).not.toHaveReceivedCommand(PutEventsCommand);
  });

  it('accepts an entry of exactly 256 KB', async () => {
    await publisher()([eventOfSize(MAX_BYTES_PER_CALL)]);

    expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 1);
  });

  describe('when PutEvents reports failed entries', () => {
    it('retries only the failed entries and resolves once they are published', async () => {
      const events = [turn('first'), turn('second'), turn('third')];
      eventBridge
        .on(PutEventsCommand)
        .callsFakeOnce(failTexts('ThrottlingException', 'second'))
        .callsFakeOnce(acceptAll);

      await expect(publisher()(events)).resolves.toBeUndefined();

      expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 2);
      expect(eventBridge).toHaveReceivedNthCommandWith(2, PutEventsCommand, {
        Entries: [
          {
            EventBusName: BUS,
            Source: ConversationTurnRecorded.source,
            DetailType: ConversationTurnRecorded.detailType,
            Detail: JSON.stringify(events[1]?.detail),
          },
        ],
      });
    });

    it('throws PublishError naming the error codes when entries still fail after maxAttempts', async () => {
      eventBridge.on(PutEventsCommand).callsFake(failTexts('InternalFailure', 'a', 'c'));

      const publishing = publisher({ maxAttempts: 3 })([turn('a'), turn('b'), turn('c')]);

      await expect(publishing).rejects.toThrow(PublishError);
      await expect(publishing).rejects.toThrow(
        /2 of 3 entries unpublished after 3 attempts: Conversation Turn Recorded: InternalFailure/,
      );
      await expect(publishing).rejects.toMatchObject({
        failures: [
          { detailType: 'Conversation Turn Recorded', errorCode: 'InternalFailure' },
          { detailType: 'Conversation Turn Recorded', errorCode: 'InternalFailure' },
        ],
      });
      expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 3);
      // Attempts 2 and 3 carry only the two failed entries ('a' and 'c'), never 'b' again.
      const retried = sentEntries()
        .slice(1)
        .map((entries) => entries.map(userText));
      expect(retried).toEqual([
        ['a', 'c'],
        ['a', 'c'],
      ]);
    });

    it('does not retry an entry the bus refuses for good (not authorized for its source)', async () => {
      eventBridge.on(PutEventsCommand).callsFake(failTexts('NotAuthorizedForSourceException', 'a'));

      const publishing = publisher({ maxAttempts: 3 })([turn('a'), turn('b')]);

      await expect(publishing).rejects.toThrow(
        /after 1 attempts: .*NotAuthorizedForSourceException/,
      );
      expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 1);
    });

    it('names each distinct failure in the error message', async () => {
      eventBridge.on(PutEventsCommand).callsFake((input: PutEventsCommandInput) => ({
        FailedEntryCount: 2,
        Entries: [
          { ErrorCode: 'ThrottlingException', ErrorMessage: 'Rate exceeded' },
          { ErrorCode: 'InternalFailure' },
        ].slice(0, input.Entries?.length),
      }));

      const publishing = publisher({ maxAttempts: 1 })([turn('a'), turn('b')]);

      await expect(publishing).rejects.toThrow(
        'Conversation Turn Recorded: ThrottlingException (Rate exceeded); ' +
          'Conversation Turn Recorded: InternalFailure',
      );
      expect(eventBridge).toHaveReceivedCommandTimes(PutEventsCommand, 1);
    });
  });

  describe('trace header', () => {
    it('passes the X-Ray trace header of the current invocation on every entry', async () => {
      process.env._X_AMZN_TRACE_ID = TRACE_HEADER;

      await publisher()([turn('a'), turn('b')]);

      const entries = sentEntries().flat();
      expect(entries).toHaveLength(2);
      expect(entries.map((entry) => entry.TraceHeader)).toEqual([TRACE_HEADER, TRACE_HEADER]);
    });

    it('omits the trace header when there is no active trace', async () => {
      await publisher()([turn('a')]);

      expect(sentEntries().flat()[0]).not.toHaveProperty('TraceHeader');
    });
  });
});
