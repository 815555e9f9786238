import { lexV2Event } from '@booktrip/test-kit';
import { LexV2EventSchema } from '../src/lex-event-schema';
import fulfilmentHook from './events/fulfilment-hook.json';

describe('LexV2EventSchema', () => {
  it('accepts a fulfilment hook event, which has no proposed next state', () => {
    expect(LexV2EventSchema.safeParse(fulfilmentHook).success).toBe(true);
  });

  it('fills what Lex may omit: slots of a slotless intent, session attributes, confirmation state', () => {
    const event = lexV2Event({ intent: 'FallbackIntent' });
    const { slots: _slots, confirmationState: _state, ...intent } = event.sessionState.intent;
    const { sessionAttributes: _attributes, ...sessionState } = event.sessionState;

    const parsed = LexV2EventSchema.parse({ ...event, sessionState: { ...sessionState, intent } });

    expect(parsed.sessionState.intent).toMatchObject({ slots: {}, confirmationState: 'None' });
    expect(parsed.sessionState.sessionAttributes).toEqual({});
  });

  it('accepts a slot Lex could not resolve (no interpreted value)', () => {
    const event = lexV2Event({
      slots: { Nights: { shape: 'Scalar', value: { originalValue: 'a few', resolvedValues: [] } } },
    });

    expect(LexV2EventSchema.safeParse(event).success).toBe(true);
  });

  it.each([
    ['a session attribute that is not a string', { sessionAttributes: { count: 3 } }],
    ['an unknown intent state', { intent: { name: 'BookHotel', slots: {}, state: 'Sleeping' } }],
  ])('refuses %s', (_what, sessionState) => {
    const event = lexV2Event();

    const result = LexV2EventSchema.safeParse({
      ...event,
      sessionState: { ...event.sessionState, ...sessionState },
    });

    expect(result.success).toBe(false);
  });

  it('refuses a session id Lex would never send', () => {
    expect(LexV2EventSchema.safeParse(lexV2Event({ sessionId: 'has spaces in it' })).success).toBe(
      false,
    );
  });
});
