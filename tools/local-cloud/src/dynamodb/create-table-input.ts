import type {
  CreateTableCommandInput,
  GlobalSecondaryIndex,
  LocalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import type { LocalResource } from '../edge/contracts';
import { physicalName, type CfnTemplate } from '../assembly/resolve-intrinsics';

/**
 * CreateTable input for a synthesized AWS::DynamoDB::Table, so DynamoDB Local gets exactly the
 * keys and indexes the stack declares. Only what CreateTable accepts is carried over; PITR,
 * encryption and deletion protection have no meaning for a local emulator.
 */
export function createTableInput(
  template: CfnTemplate,
  logicalId: string,
): CreateTableCommandInput {
  const resource = template.Resources[logicalId];
  if (resource?.Type !== 'AWS::DynamoDB::Table') {
    throw new Error(`${logicalId} is not an AWS::DynamoDB::Table in the template`);
  }
  return tableInputOf(physicalName(logicalId, resource), resource.Properties ?? {});
}

/** The same, for a table the local cloud loaded (intrinsics already resolved). */
export function createTableInputOf(resource: LocalResource): CreateTableCommandInput {
  if (resource.type !== 'AWS::DynamoDB::Table') {
    throw new Error(`${resource.stackName}/${resource.logicalId} is not an AWS::DynamoDB::Table`);
  }
  return tableInputOf(resource.physicalId, resource.properties);
}

interface TableProperties {
  AttributeDefinitions?: CreateTableCommandInput['AttributeDefinitions'];
  KeySchema?: CreateTableCommandInput['KeySchema'];
  GlobalSecondaryIndexes?: GlobalSecondaryIndex[];
  LocalSecondaryIndexes?: LocalSecondaryIndex[];
  BillingMode?: CreateTableCommandInput['BillingMode'];
  ProvisionedThroughput?: CreateTableCommandInput['ProvisionedThroughput'];
  StreamSpecification?: { StreamViewType?: string };
}

function tableInputOf(
  tableName: string,
  properties: Record<string, unknown>,
): CreateTableCommandInput {
  const table = properties as TableProperties;
  // CloudFormation's index properties include ones CreateTable does not take
  // (ContributorInsightsSpecification, WarmThroughput, …): keep what defines the index.
  const globalIndexes = table.GlobalSecondaryIndexes?.map((index) => ({
    IndexName: index.IndexName,
    KeySchema: index.KeySchema,
    Projection: index.Projection,
    ...(index.ProvisionedThroughput ? { ProvisionedThroughput: index.ProvisionedThroughput } : {}),
  }));
  const localIndexes = table.LocalSecondaryIndexes?.map((index) => ({
    IndexName: index.IndexName,
    KeySchema: index.KeySchema,
    Projection: index.Projection,
  }));
  const streamViewType = table.StreamSpecification?.StreamViewType;
  return {
    TableName: tableName,
    AttributeDefinitions: table.AttributeDefinitions,
    KeySchema: table.KeySchema,
    GlobalSecondaryIndexes: globalIndexes,
    LocalSecondaryIndexes: localIndexes,
    BillingMode: table.BillingMode,
    ...(table.ProvisionedThroughput ? { ProvisionedThroughput: table.ProvisionedThroughput } : {}),
    ...(streamViewType
      ? {
          StreamSpecification: {
            StreamEnabled: true,
            StreamViewType: streamViewType as 'NEW_AND_OLD_IMAGES',
          },
        }
      : {}),
  };
}
