/**
 * The local Lambda runtime. `createLambdaService(deps)` runs every `AWS::Lambda::Function` of
 * `deps.resources` in worker threads and returns:
 * - `service`: the `Invoke` API on the edge (signing name `lambda`);
 * - `lambda`: the `LocalLambda` other emulators invoke functions with;
 * - `functions`, `stats()`, `drainAsync()`, `stop()`.
 *
 * deps: `resources`, `region`, `accountId`, `endpoint` (functions' `AWS_ENDPOINT_URL`),
 * `authorize`, and optionally `credentials` (the admin pair functions run with), `log(function,
 * line)`, `sendMessage` (DLQs and SQS destinations), `putEvents` (EventBridge destinations),
 * `defaultConcurrency`, `asyncRetryDelaysMs`.
 */
export { createLambdaService } from './lambda-service';
export type { LambdaService, LambdaServiceDeps } from './lambda-service';
export { functionDefinitions } from './function-definition';
export type { AsyncInvokeConfig, FunctionDefinition } from './function-definition';
export type { LambdaError } from './function-runner';
