export { BookingStack } from './booking-stack';
export {
  BookingStates,
  BookingWorkflow,
  DYNAMODB_TRANSIENT_ERRORS,
  RESERVATION_WRITE_CONDITION,
} from './booking-workflow';
export type { BookingWorkflowProps } from './booking-workflow';
export { ReservationKeys, ReservationsTable } from './reservations-table';
export type { ReservationsTableProps } from './reservations-table';
export { aslToMermaid } from './asl-to-mermaid';
export type { AslChoiceRule, AslDefinition, AslState } from './asl-to-mermaid';
export { definitionFromTemplate, diagramIn, withDiagram, workflowDiagram } from './readme-diagram';
