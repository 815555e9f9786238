import { z } from 'zod';

/**
 * Amazon Lex V2's limits on an image response card (runtime API `ImageResponseCard` and
 * `Button`): Lex refuses a code hook's response that breaks them, so a recorded card never does.
 */
export const ResponseCardLimits = {
  titleLength: 250,
  subtitleLength: 250,
  buttons: 5,
  buttonTextLength: 50,
  buttonValueLength: 50,
} as const;

/** One quick reply: what the button says, and the value sent to Lex when it is chosen. */
export const ResponseCardButtonSchema = z.object({
  text: z.string().min(1).max(ResponseCardLimits.buttonTextLength),
  value: z.string().min(1).max(ResponseCardLimits.buttonValueLength),
});

/**
 * An image response card the bot sent with its answer (its buttons answer the question it
 * asked). The card's image is not recorded: the page shows only cards' words and buttons after a
 * reload, and a URL kept in the history would be fetched by every reader.
 */
export const ResponseCardSchema = z.object({
  title: z.string().min(1).max(ResponseCardLimits.titleLength),
  subtitle: z.string().min(1).max(ResponseCardLimits.subtitleLength).optional(),
  buttons: z.array(ResponseCardButtonSchema).max(ResponseCardLimits.buttons),
});
export type ResponseCard = z.infer<typeof ResponseCardSchema>;
