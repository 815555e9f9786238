import { AttributeType, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { appEntry, serviceTableProps } from '@booktrip/constructs';
import type { Construct } from 'constructs';
import { readFileSync } from 'node:fs';

interface KeyElement {
  AttributeName: string;
  KeyType: 'HASH' | 'RANGE';
}
/** The app's history-table.json: one definition for the code, its tests and this table. */
export interface HistoryTableDefinition {
  AttributeDefinitions: { AttributeName: string; AttributeType: 'S' | 'N' | 'B' }[];
  KeySchema: KeyElement[];
  GlobalSecondaryIndexes: { IndexName: string; KeySchema: KeyElement[] }[];
  LocalSecondaryIndexes: { IndexName: string; KeySchema: KeyElement[] }[];
  /** Deleted conversations' tombstones expire by it. */
  TimeToLiveAttribute: string;
}

export function readHistoryTableDefinition(): HistoryTableDefinition {
  const file = appEntry('conversation-history', 'src/history-table.json');
  return JSON.parse(readFileSync(file, 'utf8')) as HistoryTableDefinition;
}

/** The History table (ARCHITECTURE.md, "Data"): on-demand, PITR on, keys and TTL from the app. */
export function createHistoryTable(
  scope: Construct,
  id: string,
  options: { production: boolean },
): Table {
  const definition = readHistoryTableDefinition();
  const attribute = (name: string) => {
    const found = definition.AttributeDefinitions.find((a) => a.AttributeName === name);
    if (!found) throw new Error(`history-table.json defines no attribute ${name}`);
    const type = { S: AttributeType.STRING, N: AttributeType.NUMBER, B: AttributeType.BINARY };
    return { name, type: type[found.AttributeType] };
  };
  const key = (schema: KeyElement[], type: KeyElement['KeyType']) => {
    const element = schema.find((k) => k.KeyType === type);
    return element ? attribute(element.AttributeName) : undefined;
  };

  const partitionKey = key(definition.KeySchema, 'HASH');
  if (!partitionKey) throw new Error('history-table.json has no HASH key');
  const table = new Table(scope, id, {
    partitionKey,
    sortKey: key(definition.KeySchema, 'RANGE'),
    timeToLiveAttribute: definition.TimeToLiveAttribute,
    ...serviceTableProps(options.production),
  });
  for (const index of definition.GlobalSecondaryIndexes) {
    const indexPartitionKey = key(index.KeySchema, 'HASH');
    if (!indexPartitionKey) throw new Error(`${index.IndexName} has no HASH key`);
    table.addGlobalSecondaryIndex({
      indexName: index.IndexName,
      partitionKey: indexPartitionKey,
      sortKey: key(index.KeySchema, 'RANGE'),
      projectionType: ProjectionType.ALL,
    });
  }
  for (const index of definition.LocalSecondaryIndexes) {
    const sortKey = key(index.KeySchema, 'RANGE');
    if (!sortKey) throw new Error(`${index.IndexName} has no RANGE key`);
    table.addLocalSecondaryIndex({
      indexName: index.IndexName,
      sortKey,
      projectionType: ProjectionType.ALL,
    });
  }
  return table;
}
