/**
 * Step Functions for the local cloud.
 *
 * `createStepFunctionsService(deps)` builds every `AWS::StepFunctions::StateMachine` of
 * `deps.resources` (refusing, by stack and logical id, a definition aws-local-stepfunctions
 * rejects or a Task with no local implementation) and returns:
 * - `service`: the EdgeService for signing name `states` (AWS JSON 1.0, `AWSStepFunctions.<Op>`):
 *   StartExecution, StartSyncExecution, DescribeExecution, ListExecutions, GetExecutionHistory,
 *   StopExecution, ListStateMachines, DescribeStateMachine;
 * - `startExecution(arn, input, { name })` for EventBridge targets, `waitForExecution(arn)`,
 *   `recentExecutions(limit)` for the status page, `stateMachines()`, `stop()`.
 *
 * deps: `resources`, `region`, `accountId`, `authorize` (guests' IAM decisions), and the task
 * integrations' backends — `lambda` (LocalLambda), `dynamodb` (a DynamoDB client of the local
 * DynamoDB), `eventBridge` (a LocalEventSink) — each needed only if a workflow uses it;
 * optional `log`, `retryIntervalOverrides`, `executionsKept`.
 *
 * Callers of StartSyncExecution: `new SFNClient({ endpoint, disableHostPrefix: true })` — the
 * SDK otherwise sends it to `sync-<host>`, which does not resolve for a local endpoint.
 */
export { createStepFunctionsService } from './step-functions-service';
export type {
  StartedExecution,
  StepFunctionsService,
  StepFunctionsServiceDeps,
} from './step-functions-service';
export type { ExecutionSummary } from './local-execution';
export { StepFunctionsError } from './sfn-errors';
export { localLambdaInvoker } from './local-lambda-invoker';
export { resolvedStateMachineDefinition } from './state-machine-definition';
