import { AttributeType, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { serviceTableProps } from '@booktrip/constructs';
import { historyDefinition } from '@booktrip/conversation-history/definition';
import type { Construct } from 'constructs';

type KeyElement = (typeof historyDefinition.table.KeySchema)[number];

/** The History table (ARCHITECTURE.md, "Data"): on-demand, PITR on, keys and TTL from the app. */
export function createHistoryTable(
  scope: Construct,
  id: string,
  options: { production: boolean },
): Table {
  const definition = historyDefinition.table;
  const attribute = (name: string) => {
    const found = definition.AttributeDefinitions.find((a) => a.AttributeName === name);
    if (!found) throw new Error(`The History table defines no attribute ${name}`);
    const type = { S: AttributeType.STRING };
    return { name, type: type[found.AttributeType] };
  };
  const key = (schema: KeyElement[], type: KeyElement['KeyType']) => {
    const element = schema.find((k) => k.KeyType === type);
    return element ? attribute(element.AttributeName) : undefined;
  };

  const partitionKey = key(definition.KeySchema, 'HASH');
  if (!partitionKey) throw new Error('The History table has no HASH key');
  const table = new Table(scope, id, {
    partitionKey,
    sortKey: key(definition.KeySchema, 'RANGE'),
    timeToLiveAttribute: definition.timeToLiveAttribute,
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
