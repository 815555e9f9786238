export { validateRequest, WorkflowInputSchema } from './validate-request';
export type { OutgoingMetadata, ValidationResult } from './validate-request';
