import { EventBridgeSchema } from '@aws-lambda-powertools/parser/schemas/eventbridge';
import { ReservationFailed } from '@booktrip/events';
import { eventBridgeEvent, lambdaContext, rawEventBridgeEvent } from '../src';

describe('eventBridgeEvent', () => {
  it('builds an event that the contract and Powertools parse as the real thing', () => {
    const event = eventBridgeEvent(
      ReservationFailed,
      { reason: 'INVALID_REQUEST', message: 'No dates were given.' },
      { conversationId: 'conv-1' },
    );

    expect(EventBridgeSchema.safeParse(event).success).toBe(true);
    const parsed = ReservationFailed.parse(event);
    expect(parsed.detail.metadata).toMatchObject({ conversationId: 'conv-1', schemaVersion: '1' });
    expect(parsed.detail.data.reason).toBe('INVALID_REQUEST');
  });

  it('refuses data its contract would reject, so a test cannot build an impossible event', () => {
    expect(() =>
      eventBridgeEvent(ReservationFailed, { reason: 'NOPE', message: '' } as never),
    ).toThrow(/reason/);
  });

  it('keeps the id given, the idempotency key of consumers', () => {
    const event = rawEventBridgeEvent('aws.s3', 'Object Created', {}, { id: 'event-1' });
    expect(event.id).toBe('event-1');
    expect(event.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
  });
});

describe('lambdaContext', () => {
  it('looks like the runtime context and takes overrides', () => {
    const context = lambdaContext({ functionName: 'validate' });
    expect(context.functionName).toBe('validate');
    expect(context.getRemainingTimeInMillis()).toBeGreaterThan(0);
  });
});
