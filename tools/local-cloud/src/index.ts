export { startDynamoDbLocal, LOCAL_CREDENTIALS, LOCAL_REGION } from './dynamodb/dynamodb-local';
export type { DynamoDbLocal, DynamoDbLocalOptions } from './dynamodb/dynamodb-local';
export { freePort } from './net/free-port';
export { LOCAL_ACCOUNT, LOCAL_AWS_REGION, localArn, functionNameOf } from './assembly/local-arns';
export { physicalName, resolveTemplateValue } from './assembly/resolve-intrinsics';
export type { CfnResource, CfnTemplate, ResolveOptions } from './assembly/resolve-intrinsics';
export { stateMachineDefinition } from './step-functions/state-machine-definition';
export { bindTaskResources } from './step-functions/bind-task-resources';
export type {
  DynamoSender,
  LambdaInvoker,
  TaskServices,
} from './step-functions/bind-task-resources';
export { inProcessLambdas } from './step-functions/in-process-lambdas';
export { RecordingEventBus, busNameOf } from './event-bridge/recording-bus';
export type { LocalEventSink, RecordedEvent } from './event-bridge/recording-bus';
export * from './s3';
export { loadAssemblies, loadAssembly, resourceTypeCounts } from './assembly/load-assemblies';
export type { LoadedStack } from './assembly/load-assemblies';
export { createTableInput } from './dynamodb/create-table-input';
export { onlyResourceOf } from './assembly/only-resource-of';
export { localExecutionContext } from './step-functions/execution-context';
export * from './edge';
export * from './cloud';
export * from './event-bridge';
export * from './lambda';
export * from './cognito';
export * from './ssm';
export * from './secrets-manager';
export * from './sts';
export * from './sqs';
export { jsonError } from './edge/contracts';
export type {
  Authorize,
  Caller,
  EdgeRequest,
  EdgeResponse,
  EdgeService,
  LambdaInvokeOptions,
  LambdaInvokeResult,
  LocalLambda,
  LocalResource,
} from './edge/contracts';
export * from './cloudfront';
export * from './step-functions';
export * from './cognito';
export * from './ssm';
export * from './secrets-manager';
export * from './sts';
export * from './dynamodb';
export * from './cli';
export * from './api-gateway';
export * from './lex';
export * from './polly';
