import { z } from 'zod';
import { defineEvent } from '../define-event';
import { Sources } from '../sources';
import { ResponseCardSchema } from './response-card';

/** One user input and the bot's answer, as seen by the fulfilment code hook. */
export const ConversationTurnRecorded = defineEvent(
  Sources.lexFulfilment,
  'Conversation Turn Recorded',
  z.object({
    /** Lex session id; the same value as metadata.conversationId. */
    sessionId: z.string().min(2).max(100),
    invocationSource: z.enum(['DialogCodeHook', 'FulfillmentCodeHook']),
    inputMode: z.enum(['Text', 'Speech', 'DTMF']),
    userText: z.string().max(1024),
    intentName: z.string().min(1),
    intentState: z.string().min(1),
    dialogAction: z.enum(['Close', 'ConfirmIntent', 'Delegate', 'ElicitIntent', 'ElicitSlot']),
    slotToElicit: z.string().optional(),
    botMessages: z.array(z.string()),
    /**
     * The image response cards of the bot's answer, in order (a slot prompt's quick replies).
     * Optional: absent on turns recorded before it existed, and on answers without cards.
     */
    cards: z.array(ResponseCardSchema).optional(),
  }),
);
