export { ImageFlipStack } from './image-flip-stack';
export type { ImageFlipStackProps } from './image-flip-stack';
export { ImageWorkflow, States, LAMBDA_TRANSIENT_ERRORS } from './image-workflow';
export { lambdaCpu, sharpBundling } from './sharp-bundling';
