export { BookTripApp } from './booktrip-app';
export { ServiceFunction, METRICS_NAMESPACE } from './service-function';
export type { ServiceFunctionProps } from './service-function';
export { ServiceStack } from './service-stack';
export type { ServiceStackProps } from './service-stack';
export { ssmNames } from './ssm-names';
export type { SsmNames } from './ssm-names';
export { DEFAULT_STAGE, LOCAL_STAGE, isProduction, stageOf } from './stage';
export { appEntry, workspaceRoot } from './workspace-root';
