import {
  CreateTableCommand,
  DescribeTimeToLiveCommand,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import type { LocalResource } from '../edge/contracts';
import { createTableInputOf } from './create-table-input';

/** A table the local cloud created (or found, under --persist) from the templates. */
export interface ProvisionedTable {
  logicalId: string;
  stackName: string;
  tableName: string;
  /** False when an earlier run under --persist had already created it. */
  created: boolean;
  ttlAttribute?: string;
}

/**
 * Creates every `AWS::DynamoDB::Table` of the templates in DynamoDB Local, with its keys and
 * indexes and its TTL turned on by UpdateTimeToLive (CreateTable cannot). A table that already
 * exists (a persisted database) is kept with its data, not re-created.
 */
export async function provisionTables(
  client: DynamoDBClient,
  resources: readonly LocalResource[],
): Promise<ProvisionedTable[]> {
  const existing = new Set<string>();
  let ExclusiveStartTableName: string | undefined;
  do {
    const page = await client.send(new ListTablesCommand({ ExclusiveStartTableName }));
    for (const name of page.TableNames ?? []) existing.add(name);
    ExclusiveStartTableName = page.LastEvaluatedTableName;
  } while (ExclusiveStartTableName);

  const tables: ProvisionedTable[] = [];
  for (const resource of resources) {
    if (resource.type !== 'AWS::DynamoDB::Table') continue;
    const input = createTableInputOf(resource);
    const tableName = String(input.TableName);
    const created = !existing.has(tableName);
    if (created) {
      try {
        await client.send(new CreateTableCommand(input));
      } catch (error) {
        throw new Error(
          `${resource.stackName}/${resource.logicalId}: DynamoDB Local refused table ${tableName}: ${(error as Error).message}`,
        );
      }
    }
    const ttl = resource.properties.TimeToLiveSpecification as
      { AttributeName?: string; Enabled?: boolean } | undefined;
    const ttlAttribute = ttl?.Enabled && ttl.AttributeName ? ttl.AttributeName : undefined;
    if (ttlAttribute) await enableTimeToLive(client, tableName, ttlAttribute);
    tables.push({
      logicalId: resource.logicalId,
      stackName: resource.stackName,
      tableName,
      created,
      ...(ttlAttribute ? { ttlAttribute } : {}),
    });
  }
  return tables;
}

async function enableTimeToLive(
  client: DynamoDBClient,
  tableName: string,
  attributeName: string,
): Promise<void> {
  const current = await client.send(new DescribeTimeToLiveCommand({ TableName: tableName }));
  const description = current.TimeToLiveDescription;
  if (description?.TimeToLiveStatus === 'ENABLED' && description.AttributeName === attributeName) {
    return;
  }
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: attributeName, Enabled: true },
    }),
  );
}
