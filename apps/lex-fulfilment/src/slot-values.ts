import type { LexSlot, LexSlots } from './lex-event-schema';

/**
 * The value the fulfilment logic works with: Lex's interpretation (e.g. `2026-12-01` for
 * "next Tuesday"), else what the user typed. A list slot yields its first value; blank is empty.
 */
export function slotValue(slots: LexSlots, name: string): string | undefined {
  const slot = slots[name];
  if (!slot) return undefined;
  const value = slot.shape === 'List' ? slot.values[0]?.value : slot.value;
  const text = (value?.interpretedValue ?? value?.originalValue)?.trim();
  return text ? text : undefined;
}

/** A filled scalar slot, as the hook returns it when it sets a value itself (pre-filling). */
export function scalarSlot(value: string): LexSlot {
  return {
    shape: 'Scalar',
    value: { originalValue: value, interpretedValue: value, resolvedValues: [value] },
  };
}

/** The slots with the given ones emptied (Lex asks for an emptied required slot again). */
export function clearSlots(slots: LexSlots, names: readonly string[]): LexSlots {
  const cleared: LexSlots = { ...slots };
  for (const name of names) cleared[name] = null;
  return cleared;
}
