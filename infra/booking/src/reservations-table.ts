import { serviceTableProps } from '@booktrip/constructs';
import { AttributeType, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';

export interface ReservationsTableProps {
  /** Production keeps the table (and refuses to delete it); other stages clean up. */
  production: boolean;
}

/** Key attributes and index names of the reservations table, shared by the workflow. */
export const ReservationKeys = {
  partitionKey: 'PK',
  /** Reservations of one conversation, oldest first: `CONV#<conversationId>` / createdAt. */
  byConversation: { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' },
} as const;

/**
 * The booking service's own table: one item per reservation, `PK = RES#<reservationId>`, with
 * the settings every service table shares (`serviceTableProps`).
 */
export class ReservationsTable extends Construct {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: ReservationsTableProps) {
    super(scope, id);
    this.table = new Table(this, 'Table', {
      partitionKey: { name: ReservationKeys.partitionKey, type: AttributeType.STRING },
      ...serviceTableProps(props.production),
    });
    this.table.addGlobalSecondaryIndex({
      indexName: ReservationKeys.byConversation.indexName,
      partitionKey: {
        name: ReservationKeys.byConversation.partitionKey,
        type: AttributeType.STRING,
      },
      sortKey: { name: ReservationKeys.byConversation.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
  }
}
