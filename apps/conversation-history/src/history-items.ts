import { META_SK, keys, type EntryKind } from './history-table';
import type { TimelineEntry } from './timeline-entry';

export interface ConversationSummary {
  conversationId: string;
  /** Absent for a conversation that only events created: nobody can see it. */
  ownerId?: string;
  title?: string;
  startedAt: string;
  lastActivityAt: string;
  counts: Record<EntryKind, number> & { total: number };
  /** Set when the conversation was deleted: a tombstone until DynamoDB's TTL removes it. */
  deletedAt?: string;
}

/** META's counter of each entry kind; `entryCount` counts them all. */
export const COUNT_ATTRIBUTE: Record<EntryKind, string> = {
  turn: 'turnCount',
  reservation: 'reservationCount',
  image: 'imageCount',
};
const KEY_ATTRIBUTES = ['PK', 'SK', 'LSI1SK', 'GSI1PK', 'GSI1SK'];
const DEDUP_PREFIX = 'DEDUP#';

/** The key of a conversation's META item (its summary and counts). */
export const metaKey = (conversationId: string) => ({
  PK: keys.conversation(conversationId),
  SK: META_SK,
});

/** The stored item of a timeline entry: the entry plus its table and LSI1 keys. */
export function toEntryItem(entry: TimelineEntry): Record<string, unknown> {
  return {
    PK: keys.conversation(entry.conversationId),
    SK: keys.message(entry.at, entry.eventId),
    LSI1SK: keys.byKind(entry.kind, entry.at, entry.eventId),
    ...entry,
  };
}

/** A stored timeline item back to its entry: the keys are the table's, not the entry's. */
export function toEntry(item: Record<string, unknown>): TimelineEntry {
  const entry = { ...item };
  for (const name of KEY_ATTRIBUTES) delete entry[name];
  return entry as TimelineEntry;
}

/**
 * One upload's idempotency key: image-flip may publish twice for the same object version (each
 * copy a new event id), so an image is recorded once per source bucket, key and version.
 */
export function imageDedupKey(entry: TimelineEntry): string | undefined {
  if (entry.kind !== 'image') return undefined;
  const { sourceBucket, sourceKey, sourceVersionId } = entry.image;
  return `${DEDUP_PREFIX}image#${sourceBucket}/${sourceKey}#${sourceVersionId ?? 'null'}`;
}

/** A META item as a summary; attributes an event-created META lacks read as zero or absent. */
export function toSummary(item: Record<string, unknown>): ConversationSummary {
  const count = (name: string) => (typeof item[name] === 'number' ? (item[name] as number) : 0);
  const string = (name: string) =>
    typeof item[name] === 'string' ? (item[name] as string) : undefined;
  const startedAt = string('startedAt') ?? '';
  return {
    conversationId: string('conversationId') ?? '',
    ...(string('ownerId') ? { ownerId: string('ownerId') } : {}),
    ...(string('title') ? { title: string('title') } : {}),
    startedAt,
    lastActivityAt: string('lastActivityAt') ?? startedAt,
    ...(string('deletedAt') ? { deletedAt: string('deletedAt') } : {}),
    counts: {
      turn: count(COUNT_ATTRIBUTE.turn),
      reservation: count(COUNT_ATTRIBUTE.reservation),
      image: count(COUNT_ATTRIBUTE.image),
      total: count('entryCount'),
    },
  };
}
