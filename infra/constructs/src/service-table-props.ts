import { RemovalPolicy } from 'aws-cdk-lib';
import { BillingMode, TableEncryption, type TableProps } from 'aws-cdk-lib/aws-dynamodb';

/**
 * What every BookTrip service table shares (ARCHITECTURE.md, "Data"): on-demand (chat traffic
 * comes in bursts), point-in-time recovery, encrypted with the AWS-managed key so that only IAM
 * decides who reads it, and kept (and undeletable) in production only.
 */
export function serviceTableProps(
  production: boolean,
): Pick<
  TableProps,
  | 'billingMode'
  | 'encryption'
  | 'pointInTimeRecoverySpecification'
  | 'deletionProtection'
  | 'removalPolicy'
> {
  return {
    billingMode: BillingMode.PAY_PER_REQUEST,
    encryption: TableEncryption.AWS_MANAGED,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: production,
    removalPolicy: production ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  };
}
