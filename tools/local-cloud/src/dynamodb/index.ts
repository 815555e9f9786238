// DynamoDB for the local cloud: one DynamoDB Local (AWS's emulator, on Java) for every stack.
//
// createDynamoDb(deps):
//   resources  the loaded stacks' LocalResources (AWS::DynamoDB::Table: keys, GSIs, LSIs,
//              streams; TTL via UpdateTimeToLive; billing settings ignored)
//   authorize  guests are asked about each table/index and action a request needs, with
//              dynamodb:LeadingKeys for the items it names (not for Query's key conditions)
//   region, accountId  for table ARNs in answers and IAM questions
//   persistDir under --persist tables and items live in <persistDir>/dynamodb and are not
//              re-created on the next start
//   log        one line per table created or kept
// returns { service, backendEndpoint, client, tables, stop }; stop() ends the Java process.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Authorize, EdgeService, LocalResource } from '../edge/contracts';
import { startDynamoDbLocal } from './dynamodb-local';
import { dynamoDbService } from './dynamodb-service';
import { provisionTables, type ProvisionedTable } from './provision-tables';

export interface DynamoDbDeps {
  resources: readonly LocalResource[];
  authorize: Authorize;
  region: string;
  accountId: string;
  persistDir?: string;
  log?: (line: string) => void;
}

export interface LocalDynamoDb {
  service: EdgeService;
  /** DynamoDB Local's own endpoint (no IAM checks): for the local cloud's internals only. */
  backendEndpoint: string;
  /** An admin client on DynamoDB Local, e.g. for Step Functions' DynamoDB tasks. */
  client: DynamoDBClient;
  tables: readonly ProvisionedTable[];
  stop(): Promise<void>;
}

export async function createDynamoDb(deps: DynamoDbDeps): Promise<LocalDynamoDb> {
  const dbPath = deps.persistDir ? join(deps.persistDir, 'dynamodb') : undefined;
  if (dbPath) mkdirSync(dbPath, { recursive: true });
  const local = await startDynamoDbLocal(dbPath ? { dbPath } : {});
  let tables: ProvisionedTable[];
  try {
    tables = await provisionTables(local.client, deps.resources);
  } catch (error) {
    await local.stop();
    throw error;
  }
  for (const table of tables) {
    deps.log?.(
      `dynamodb: table ${table.tableName} ${table.created ? 'created' : 'kept (persisted)'}`,
    );
  }
  return {
    service: dynamoDbService({
      backend: local.endpoint,
      partitionKeys: partitionKeysOf(deps.resources),
      authorize: deps.authorize,
      region: deps.region,
      accountId: deps.accountId,
    }),
    backendEndpoint: local.endpoint,
    client: local.client,
    tables,
    stop: () => local.stop(),
  };
}

/** Each template table's partition key attribute, for guests' `dynamodb:LeadingKeys`. */
function partitionKeysOf(resources: readonly LocalResource[]): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const resource of resources) {
    if (resource.type !== 'AWS::DynamoDB::Table') continue;
    const schema = (resource.properties.KeySchema ?? []) as {
      AttributeName?: string;
      KeyType?: string;
    }[];
    const hash = schema.find((key) => key.KeyType === 'HASH')?.AttributeName;
    if (hash) keys[resource.physicalId] = hash;
  }
  return keys;
}

export { startDynamoDbLocal, LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb-local';
export type { DynamoDbLocal, DynamoDbLocalOptions } from './dynamodb-local';
export { createTableInput, createTableInputOf } from './create-table-input';
export { provisionTables } from './provision-tables';
export type { ProvisionedTable } from './provision-tables';
export { tableAccesses } from './dynamodb-service';
export type { PartitionKeys, TableAccess } from './dynamodb-service';
