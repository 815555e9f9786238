/** A message attribute as SQS carries it. */
export interface MessageAttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Uint8Array | string;
}

export interface SendMessageOptions {
  messageAttributes?: Record<string, MessageAttributeValue>;
  delaySeconds?: number;
}

/**
 * How other emulators put a message on a local queue (a DLQ, a rule's target, a Lambda
 * destination): by queue ARN or URL. Rejects when the queue does not exist.
 */
export type SendMessage = (
  queueArnOrUrl: string,
  body: string,
  options?: SendMessageOptions,
) => Promise<{ messageId: string }>;
