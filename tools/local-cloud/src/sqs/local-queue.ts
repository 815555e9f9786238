import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { SettableSettings } from './queue-attributes';
import type { MessageAttributeValue } from './send-message';

export interface QueueSettings {
  name: string;
  arn: string;
  url: string;
  visibilityTimeoutSeconds: number;
  retentionSeconds: number;
  delaySeconds: number;
  receiveWaitTimeSeconds: number;
  maximumMessageSize: number;
  redrive?: { deadLetterTargetArn: string; maxReceiveCount: number };
  /** The template's `Tags` (ListQueueTags). */
  tags: Record<string, string>;
}

export interface StoredMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  messageAttributes: Record<string, MessageAttributeValue>;
  md5OfMessageAttributes?: string;
  sentAt: number;
  /** When it may next be received (delay, visibility timeout). */
  visibleAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  /** The latest receipt handle; older ones no longer act on the message. */
  receiptHandle?: string;
  senderId: string;
  /** Set once received and not yet visible again. */
  inFlight: boolean;
}

export interface ReceivedMessage {
  MessageId: string;
  ReceiptHandle: string;
  MD5OfBody: string;
  Body: string;
  Attributes: Record<string, string>;
  MessageAttributes?: Record<string, MessageAttributeValue>;
  MD5OfMessageAttributes?: string;
}

/** An SQS error as the JSON protocol reports it. */
export class SqsError extends Error {
  constructor(
    readonly code: string,
    readonly queryCode: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

/**
 * One standard queue: at-least-once delivery with visibility timeouts, delays, retention,
 * long polling and redrive to a dead-letter queue after `maxReceiveCount` receives. Order is
 * best effort (oldest first), as for a standard queue.
 */
export class LocalQueue {
  private readonly messages = new Map<string, StoredMessage>();
  private readonly pollers = new Set<() => void>();
  private wakeTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    readonly settings: QueueSettings,
    /** Moves a message to the dead-letter queue (by ARN). */
    private readonly redrive: (deadLetterArn: string, message: StoredMessage) => void,
    private readonly now: () => number = Date.now,
  ) {}

  send(
    body: string,
    options: { delaySeconds?: number; messageAttributes?: Record<string, MessageAttributeValue> },
    senderId = '000000000000',
  ): StoredMessage {
    validateBody(body, this.settings.maximumMessageSize);
    const delay = options.delaySeconds ?? this.settings.delaySeconds;
    if (!Number.isInteger(delay) || delay < 0 || delay > 900) {
      throw new SqsError(
        'InvalidParameterValue',
        'InvalidParameterValue',
        `Value ${delay} for parameter DelaySeconds is invalid. Reason: must be between 0 and 900.`,
      );
    }
    const messageAttributes = options.messageAttributes ?? {};
    validateAttributes(messageAttributes);
    const now = this.now();
    const message: StoredMessage = {
      messageId: randomUUID(),
      body,
      md5OfBody: md5(body),
      messageAttributes,
      md5OfMessageAttributes:
        Object.keys(messageAttributes).length > 0 ? md5OfAttributes(messageAttributes) : undefined,
      sentAt: now,
      visibleAt: now + delay * 1000,
      receiveCount: 0,
      senderId,
      inFlight: false,
    };
    this.messages.set(message.messageId, message);
    this.wake();
    return message;
  }

  /** Accepts a message moved from another queue (redrive), keeping its id, body and sent time. */
  adopt(message: StoredMessage): void {
    this.messages.set(message.messageId, {
      ...message,
      visibleAt: this.now(),
      receiveCount: 0,
      firstReceivedAt: undefined,
      receiptHandle: undefined,
      inFlight: false,
    });
    this.wake();
  }

  /** Receives up to `max` messages, waiting up to `waitSeconds` for the first (long polling). */
  async receive(
    options: { max?: number; visibilityTimeoutSeconds?: number; waitSeconds?: number },
    signal?: AbortSignal,
  ): Promise<StoredMessage[]> {
    const max = options.max ?? 1;
    const wait = options.waitSeconds ?? this.settings.receiveWaitTimeSeconds;
    const deadline = this.now() + wait * 1000;
    for (;;) {
      const received = this.take(max, options.visibilityTimeoutSeconds);
      if (received.length > 0 || this.now() >= deadline || signal?.aborted || this.closed) {
        return received;
      }
      await this.waitForMessages(deadline - this.now(), signal);
    }
  }

  delete(receiptHandle: string): void {
    const message = this.byReceipt(receiptHandle);
    // A stale receipt handle succeeds without deleting, as SQS documents.
    if (message && message.receiptHandle === receiptHandle) this.messages.delete(message.messageId);
  }

  changeVisibility(receiptHandle: string, seconds: number): void {
    if (!Number.isInteger(seconds) || seconds < 0 || seconds > 43_200) {
      throw new SqsError(
        'InvalidParameterValue',
        'InvalidParameterValue',
        `Value ${seconds} for parameter VisibilityTimeout is invalid. Reason: must be between 0 and 43200.`,
      );
    }
    const message = this.byReceipt(receiptHandle);
    if (!message || message.receiptHandle !== receiptHandle || !this.isInFlight(message)) {
      throw new SqsError(
        'MessageNotInflight',
        'AWS.SimpleQueueService.MessageNotInflight',
        'Message does not exist or is not available for visibility timeout change.',
      );
    }
    message.visibleAt = this.now() + seconds * 1000;
    if (seconds === 0) message.inFlight = false;
    this.wake();
  }

  /**
   * SetQueueAttributes: later receives use the new visibility timeout, wait time and redrive
   * policy (messages in flight keep the timeout they were received with, as on SQS).
   */
  applySettings(changes: SettableSettings): void {
    const { redrive, ...rest } = changes;
    Object.assign(this.settings, rest);
    if (redrive === null) delete this.settings.redrive;
    else if (redrive) this.settings.redrive = redrive;
    this.wake();
  }

  purge(): void {
    this.messages.clear();
  }

  /** ApproximateNumberOfMessages (visible), …NotVisible (in flight), …Delayed. */
  counts(): { visible: number; notVisible: number; delayed: number } {
    this.expire();
    const now = this.now();
    let visible = 0;
    let notVisible = 0;
    let delayed = 0;
    for (const message of this.messages.values()) {
      if (message.visibleAt <= now) visible += 1;
      else if (message.receiveCount > 0) notVisible += 1;
      else delayed += 1;
    }
    return { visible, notVisible, delayed };
  }

  /** Ends pending long polls (stop). */
  close(): void {
    this.closed = true;
    clearTimeout(this.wakeTimer);
    for (const poller of this.pollers) poller();
    this.pollers.clear();
  }

  private take(max: number, visibilityTimeoutSeconds?: number): StoredMessage[] {
    this.expire();
    const now = this.now();
    const visibility = (visibilityTimeoutSeconds ?? this.settings.visibilityTimeoutSeconds) * 1000;
    const taken: StoredMessage[] = [];
    const candidates = [...this.messages.values()]
      .filter((message) => message.visibleAt <= now)
      .sort((a, b) => a.sentAt - b.sentAt);
    for (const message of candidates) {
      if (taken.length >= max) break;
      const redrive = this.settings.redrive;
      if (redrive && message.receiveCount >= redrive.maxReceiveCount) {
        // SQS moves a message once its receive count exceeds maxReceiveCount, at the next receive.
        this.messages.delete(message.messageId);
        this.redrive(redrive.deadLetterTargetArn, message);
        continue;
      }
      message.receiveCount += 1;
      message.firstReceivedAt ??= now;
      message.visibleAt = now + visibility;
      message.inFlight = true;
      message.receiptHandle = Buffer.from(
        `${this.settings.name}\n${message.messageId}\n${randomBytes(12).toString('hex')}`,
      ).toString('base64');
      taken.push(message);
    }
    if (taken.length > 0) this.scheduleWake();
    return taken;
  }

  private isInFlight(message: StoredMessage): boolean {
    return message.inFlight && message.visibleAt > this.now();
  }

  private byReceipt(receiptHandle: string): StoredMessage | undefined {
    const [queueName, messageId, nonce] = Buffer.from(receiptHandle, 'base64')
      .toString('utf8')
      .split('\n');
    if (queueName === undefined || messageId === undefined || nonce === undefined) {
      throw new SqsError(
        'ReceiptHandleIsInvalid',
        'ReceiptHandleIsInvalid',
        `The input receipt handle "${receiptHandle}" is not a valid receipt handle.`,
      );
    }
    return this.messages.get(messageId);
  }

  private expire(): void {
    const oldest = this.now() - this.settings.retentionSeconds * 1000;
    for (const message of this.messages.values()) {
      if (message.sentAt < oldest) this.messages.delete(message.messageId);
    }
  }

  private waitForMessages(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.pollers.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, ms));
      this.pollers.add(done);
      signal?.addEventListener('abort', done);
      this.scheduleWake();
    });
  }

  /** Wakes long polls now (a message arrived) … */
  private wake(): void {
    for (const poller of [...this.pollers]) poller();
    this.scheduleWake();
  }

  /** … or when the next delayed or in-flight message becomes visible. */
  private scheduleWake(): void {
    if (this.pollers.size === 0) return;
    const now = this.now();
    let next = Infinity;
    for (const message of this.messages.values()) {
      if (message.visibleAt > now) next = Math.min(next, message.visibleAt);
    }
    clearTimeout(this.wakeTimer);
    if (next === Infinity) return;
    this.wakeTimer = setTimeout(() => this.wake(), next - now);
    this.wakeTimer.unref();
  }
}

/** The wire shape of a received message, with the system attributes asked for. */
export function receivedMessage(
  message: StoredMessage,
  attributeNames: readonly string[],
  messageAttributeNames: readonly string[],
): ReceivedMessage {
  const all: Record<string, string> = {
    SenderId: message.senderId,
    SentTimestamp: String(message.sentAt),
    ApproximateReceiveCount: String(message.receiveCount),
    ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? message.sentAt),
  };
  const wanted = attributeNames.includes('All') ? Object.keys(all) : attributeNames;
  const attributes = Object.fromEntries(
    Object.entries(all).filter(([name]) => wanted.includes(name)),
  );
  const selected = Object.fromEntries(
    Object.entries(message.messageAttributes).filter(
      ([name]) =>
        messageAttributeNames.includes('All') ||
        messageAttributeNames.includes('.*') ||
        messageAttributeNames.some(
          (wantedName) =>
            wantedName === name ||
            (wantedName.endsWith('.*') && name.startsWith(wantedName.slice(0, -1))),
        ),
    ),
  );
  const received: ReceivedMessage = {
    MessageId: message.messageId,
    ReceiptHandle: message.receiptHandle ?? '',
    MD5OfBody: message.md5OfBody,
    Body: message.body,
    Attributes: attributes,
  };
  if (Object.keys(selected).length > 0) {
    received.MessageAttributes = selected;
    received.MD5OfMessageAttributes = md5OfAttributes(selected);
  }
  return received;
}

export function md5(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/**
 * SQS's MD5 of message attributes: for each attribute by name, the length-prefixed name, data
 * type, a transport byte (1 string, 2 binary) and the length-prefixed value, all hashed.
 */
export function md5OfAttributes(attributes: Record<string, MessageAttributeValue>): string {
  const hash = createHash('md5');
  const lengthPrefixed = (bytes: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(bytes.length);
    hash.update(length);
    hash.update(bytes);
  };
  for (const name of Object.keys(attributes).sort()) {
    const value = attributes[name] as MessageAttributeValue;
    lengthPrefixed(Buffer.from(name, 'utf8'));
    lengthPrefixed(Buffer.from(value.DataType, 'utf8'));
    if (value.BinaryValue !== undefined) {
      hash.update(Buffer.from([2]));
      lengthPrefixed(
        typeof value.BinaryValue === 'string'
          ? Buffer.from(value.BinaryValue, 'base64')
          : Buffer.from(value.BinaryValue),
      );
    } else {
      hash.update(Buffer.from([1]));
      lengthPrefixed(Buffer.from(value.StringValue ?? '', 'utf8'));
    }
  }
  return hash.digest('hex');
}

function validateBody(body: unknown, maximumSize: number): asserts body is string {
  if (typeof body !== 'string' || body.length === 0) {
    throw new SqsError(
      'MissingParameter',
      'MissingParameter',
      'The request must contain the parameter MessageBody.',
    );
  }
  if (Buffer.byteLength(body, 'utf8') > maximumSize) {
    throw new SqsError(
      'InvalidParameterValue',
      'InvalidParameterValue',
      `One or more parameters are invalid. Reason: Message must be shorter than ${maximumSize} bytes.`,
    );
  }
  // SQS allows #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF.
  if (/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u.test(body)) {
    throw new SqsError(
      'InvalidMessageContents',
      'InvalidMessageContents',
      'Invalid characters found. Valid values are #x9 | #xA | #xD | #x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF',
    );
  }
}

function validateAttributes(attributes: Record<string, MessageAttributeValue>): void {
  const names = Object.keys(attributes);
  if (names.length > 10) {
    throw new SqsError(
      'InvalidParameterValue',
      'InvalidParameterValue',
      'Number of message attributes [' + names.length + '] exceeds the allowed maximum [10].',
    );
  }
  for (const name of names) {
    const value = attributes[name];
    if (!value?.DataType || !/^(String|Number|Binary)(\..+)?$/.test(value.DataType)) {
      throw new SqsError(
        'InvalidParameterValue',
        'InvalidParameterValue',
        `The message attribute '${name}' has an invalid message attribute type, the set of supported type prefixes is Binary, Number, and String.`,
      );
    }
    const isBinary = value.DataType.startsWith('Binary');
    if (isBinary ? value.BinaryValue === undefined : value.StringValue === undefined) {
      throw new SqsError(
        'InvalidParameterValue',
        'InvalidParameterValue',
        `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${value.DataType}'.`,
      );
    }
  }
}
