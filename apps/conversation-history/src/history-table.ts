import definitionFile from './history-table.json';

const { TimeToLiveAttribute, $comment: _comment, ...definition } = definitionFile;

/** Deleted conversations' tombstones expire by this attribute (epoch seconds, DynamoDB TTL). */
export const TIME_TO_LIVE_ATTRIBUTE = TimeToLiveAttribute;

/**
 * The History table's key schema and indexes as a CreateTable input (minus name and billing).
 * The stack builds the CDK table from it and the DynamoDB Local tests create their table from
 * it, so the code, the tests and the cloud cannot disagree about a key or an index.
 */
export const historyTableDefinition = definition as {
  AttributeDefinitions: { AttributeName: string; AttributeType: 'S' }[];
  KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
  GlobalSecondaryIndexes: {
    IndexName: string;
    KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
    Projection: { ProjectionType: 'ALL' };
  }[];
  LocalSecondaryIndexes: {
    IndexName: string;
    KeySchema: { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];
    Projection: { ProjectionType: 'ALL' };
  }[];
};

export const GSI1 = 'GSI1';
export const LSI1 = 'LSI1';

/** Timeline entry kinds; also the first segment of LSI1SK. */
export const ENTRY_KINDS = ['turn', 'reservation', 'image'] as const;
export type EntryKind = (typeof ENTRY_KINDS)[number];

export const META_SK = 'META';
export const MSG_PREFIX = 'MSG#';

export const keys = {
  conversation: (conversationId: string) => `CONV#${conversationId}`,
  owner: (identityId: string) => `OWNER#${identityId}`,
  message: (at: string, eventId: string) => `${MSG_PREFIX}${at}#${eventId}`,
  byKind: (kind: EntryKind, at: string, eventId: string) => `${kind}#${at}#${eventId}`,
};
