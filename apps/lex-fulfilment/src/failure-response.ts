import { close, elicitIntent, type LexResponse } from './dialog';
import { replies } from './replies';

/**
 * Ends the turn politely when the hook itself failed, built from whatever the raw event holds
 * (it may be the invalid one). The user's session attributes are kept: a fault must not also
 * lose the conversation.
 */
export function failureResponse(rawEvent: unknown): LexResponse {
  const sessionState = field(rawEvent, 'sessionState');
  const intentName = field(field(sessionState, 'intent'), 'name');
  const attributes = stringAttributes(field(sessionState, 'sessionAttributes'));
  // Close needs the intent; without a name, ask for a new request instead.
  return typeof intentName === 'string' && intentName.length > 0
    ? close({ name: intentName, slots: {} }, 'Failed', attributes, replies.fault)
    : elicitIntent(attributes, replies.fault);
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function stringAttributes(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}
