/**
 * API Gateway (REST) for the local cloud.
 *
 * `createApiGatewayService(deps)` serves every `AWS::ApiGateway::RestApi` of `deps.resources`
 * (with its Resources, Methods, Models, RequestValidators, Stages, Deployments and
 * GatewayResponses; `AWS::Lambda::Permission` needs nothing locally) and returns:
 * - `service`: the EdgeService for signing name `execute-api`, which also takes unsigned
 *   requests under `/restapis/` (`matches`), so `AWS_IAM` methods can answer them 403;
 * - `stages()`: each API stage with its local URL; `stop()`.
 *
 * deps: `resources`, `region`, `accountId`, `endpoint` (the edge's base URL), `authorize`
 * (guests' `execute-api:Invoke` decisions), `lambda` (runs AWS_PROXY integrations), `log?`.
 *
 * URLs: `restApiUrl(endpoint, apiId, stage)` →
 * `<endpoint>/restapis/<apiId>/<stage>/_user_request_/` — publish it wherever the template
 * publishes the deployed stage URL (`https://<apiId>.execute-api.<region>.amazonaws.com/<stage>/`).
 */
export { createApiGatewayService } from './api-gateway-service';
export type {
  ApiGatewayService,
  ApiGatewayServiceDeps,
  RestApiStageInfo,
} from './api-gateway-service';
export { restApiUrl } from './rest-api-url';
