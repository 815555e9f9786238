import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
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
  const properties = (resource.Properties ?? {}) as Pick<
    CreateTableCommandInput,
    | 'AttributeDefinitions'
    | 'KeySchema'
    | 'GlobalSecondaryIndexes'
    | 'LocalSecondaryIndexes'
    | 'BillingMode'
  >;
  return {
    TableName: physicalName(logicalId, resource),
    AttributeDefinitions: properties.AttributeDefinitions,
    KeySchema: properties.KeySchema,
    GlobalSecondaryIndexes: properties.GlobalSecondaryIndexes,
    LocalSecondaryIndexes: properties.LocalSecondaryIndexes,
    BillingMode: properties.BillingMode,
  };
}
