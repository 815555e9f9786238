import { ReservationFailed } from '@booktrip/events';
import { RecordingEventBus } from '../src';

describe('RecordingEventBus', () => {
  it('accepts valid entries and rejects invalid ones the way PutEvents reports them', async () => {
    const bus = new RecordingEventBus();

    const output = await bus.putEvents([
      { Source: 'a', DetailType: 'B', Detail: '{"x":1}', EventBusName: 'bus' },
      { Source: 'a', DetailType: 'B', Detail: 'not json' },
      { Source: 'a', DetailType: 'B', Detail: '[1]' },
    ]);

    expect(output.FailedEntryCount).toBe(2);
    expect(output.Entries?.[0]?.EventId).toEqual(expect.any(String));
    expect(output.Entries?.[1]).toEqual({
      ErrorCode: 'InvalidArgument',
      ErrorMessage: 'Detail is not valid JSON',
    });
    expect(bus.events).toHaveLength(1);
  });

  it('returns the events of a contract, validated by it', async () => {
    const bus = new RecordingEventBus();
    const event = ReservationFailed.build(
      { reason: 'INVALID_REQUEST', message: 'That request had no dates.' },
      { correlationId: 'c-1', conversationId: 'conv-1' },
    );
    await bus.putEvents([
      { Source: event.source, DetailType: event.detailType, Detail: JSON.stringify(event.detail) },
      { Source: event.source, DetailType: event.detailType, Detail: '{"data":{}}' },
    ]);

    expect(() => bus.ofType(ReservationFailed)).toThrow();
    bus.events.pop();
    expect(bus.ofType(ReservationFailed)).toEqual([event.detail]);
  });
});
