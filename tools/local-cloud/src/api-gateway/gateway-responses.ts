import type { EdgeResponse } from '../edge/contracts';
import type { RestApiModel } from './rest-api-model';

/** The gateway response types the local API Gateway produces, with API Gateway's defaults. */
const DEFAULTS = {
  MISSING_AUTHENTICATION_TOKEN: { status: 403, message: 'Missing Authentication Token' },
  ACCESS_DENIED: { status: 403, message: 'Access denied' },
  BAD_REQUEST_BODY: { status: 400, message: 'Invalid request body' },
  BAD_REQUEST_PARAMETERS: { status: 400, message: 'Missing required request parameters' },
  INTEGRATION_FAILURE: { status: 502, message: 'Internal server error' },
  INTEGRATION_TIMEOUT: { status: 504, message: 'Endpoint request timed out' },
} as const;

export type GatewayResponseType = keyof typeof DEFAULTS;

export interface GatewayError {
  type: GatewayResponseType;
  message?: string;
  validationErrors?: string;
  /** `ACCESS_DENIED` for IAM answers `{"Message": …}` with a capital M, as AWS does. */
  capitalMessage?: boolean;
}

/**
 * An error API Gateway answers itself, customized as the template says: the type's own
 * GatewayResponse, else DEFAULT_4XX/DEFAULT_5XX, else API Gateway's built-in answer. Response
 * templates get the `$context` values they commonly use.
 */
export function gatewayResponse(
  api: RestApiModel,
  error: GatewayError,
  context: { requestId: string; stage: string; resourcePath?: string },
): EdgeResponse {
  const defaults = DEFAULTS[error.type];
  const message = error.message ?? defaults.message;
  const customized =
    api.gatewayResponses.get(error.type) ??
    api.gatewayResponses.get(defaults.status >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX');
  const template = customized?.templates['application/json'];
  const body = template
    ? renderTemplate(template, {
        'context.error.messageString': JSON.stringify(message),
        'context.error.message': message,
        'context.error.responseType': error.type,
        'context.error.validationErrorString': error.validationErrors ?? '',
        'context.requestId': context.requestId,
        'context.stage': context.stage,
        'context.resourcePath': context.resourcePath ?? '',
      })
    : JSON.stringify(error.capitalMessage ? { Message: message } : { message });
  return {
    status: customized?.statusCode ?? defaults.status,
    headers: {
      'content-type': 'application/json',
      'x-amzn-requestid': context.requestId,
      'x-amzn-errortype': errorTypeHeader(error.type),
      ...customized?.headers,
    },
    body,
  };
}

/** `$context.x.y` and `${context.x.y}` replaced; anything else left as VTL would print it. */
function renderTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\$\{?(context(?:\.[A-Za-z]+)+)\}?/g, (whole, name: string) =>
    name in values ? values[name]! : whole,
  );
}

function errorTypeHeader(type: GatewayResponseType): string {
  switch (type) {
    case 'MISSING_AUTHENTICATION_TOKEN':
      return 'MissingAuthenticationTokenException';
    case 'ACCESS_DENIED':
      return 'AccessDeniedException';
    case 'BAD_REQUEST_BODY':
    case 'BAD_REQUEST_PARAMETERS':
      return 'BadRequestException';
    case 'INTEGRATION_TIMEOUT':
      return 'InternalServerErrorException';
    default:
      return 'InternalServerErrorException';
  }
}
