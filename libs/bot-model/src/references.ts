// Lex's placeholder syntax: `{SlotName}` (or `{Intent.Slot}`) for slot values and
// `[attributeName]` for session attributes, in prompts and sample utterances alike.
const SLOT_REFERENCE = /\{([^{}\s]+)\}/g;
const SESSION_ATTRIBUTE_REFERENCE = /\[([^[\]\s]+)\]/g;

function uniqueMatches(text: string, pattern: RegExp): string[] {
  return [...new Set(Array.from(text.matchAll(pattern), (match) => match[1] ?? ''))];
}

/** Slot names a prompt or utterance references, once each, in order of appearance. */
export function slotReferences(text: string): string[] {
  return uniqueMatches(text, SLOT_REFERENCE);
}

/** Session attribute names a prompt references, once each, in order of appearance. */
export function sessionAttributeReferences(text: string): string[] {
  return uniqueMatches(text, SESSION_ATTRIBUTE_REFERENCE);
}
