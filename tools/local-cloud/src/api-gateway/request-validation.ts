import Ajv, { type ValidateFunction } from 'ajv-draft-04';
import type { MethodModel, RestApiModel } from './rest-api-model';

/** Why API Gateway refused a request before calling the integration. */
export interface ValidationFailure {
  responseType: 'BAD_REQUEST_BODY' | 'BAD_REQUEST_PARAMETERS';
  message: string;
  /** `$context.error.validationErrorString` */
  validationErrors: string;
}

export interface RequestParts {
  contentType: string;
  body: Buffer;
  query: URLSearchParams;
  headers: Record<string, string>;
  pathParameters: Record<string, string>;
}

export type RequestValidator = (request: RequestParts) => ValidationFailure | undefined;

/**
 * The method's request validator: required, non-blank parameters (query string, header, path)
 * when the validator validates parameters; the body against the model for its content type
 * (JSON Schema draft-04, as API Gateway's models are) when it validates bodies. A body whose
 * content type has no model passes, as API Gateway passes it through. Schemas are compiled
 * here, at start-up, so a broken model fails start-up.
 */
export function requestValidator(api: RestApiModel, method: MethodModel): RequestValidator {
  const checks: RequestValidator[] = [];
  if (method.validator?.parameters) {
    const required = Object.entries(method.requestParameters)
      .filter(([, isRequired]) => isRequired)
      .map(([name]) => /^method\.request\.(querystring|header|path)\.(.+)$/.exec(name))
      .filter((match): match is RegExpExecArray => match !== null)
      .map(([, where, name]) => ({ where: where!, name: name! }));
    if (required.length) {
      checks.push((request) => {
        const missing = required.filter(({ where, name }) => {
          const value =
            where === 'querystring'
              ? request.query.get(name)
              : where === 'header'
                ? request.headers[name.toLowerCase()]
                : request.pathParameters[name];
          return value === undefined || value === null || value.trim() === '';
        });
        if (!missing.length) return undefined;
        const names = missing.map(({ name }) => name).join(', ');
        return {
          responseType: 'BAD_REQUEST_PARAMETERS',
          message: `Missing required request parameters: [${names}]`,
          validationErrors: `[Missing required request parameters: [${names}]]`,
        };
      });
    }
  }
  if (method.validator?.body) {
    const ajv = new Ajv({ allErrors: false, strict: false });
    const byContentType = new Map<string, ValidateFunction>();
    for (const [contentType, modelName] of Object.entries(method.requestModels)) {
      const schema = api.models.get(modelName);
      if (!schema) {
        throw new Error(`RestApi ${api.stackName}/${api.name}: model ${modelName} is not declared`);
      }
      try {
        byContentType.set(contentType.toLowerCase(), ajv.compile(schema));
      } catch (error) {
        throw new Error(
          `RestApi ${api.stackName}/${api.name}: model ${modelName} is no valid draft-04 schema: ${(error as Error).message}`,
        );
      }
    }
    if (byContentType.size) {
      checks.push((request) => {
        const validate = byContentType.get(request.contentType) ?? byContentType.get('$default');
        if (!validate) return undefined;
        const text = request.body.toString('utf8');
        let value: unknown;
        try {
          value = text.trim() === '' ? {} : (JSON.parse(text) as unknown);
        } catch (error) {
          return invalidBody(`[Invalid JSON: ${(error as Error).message}]`);
        }
        if (validate(value)) return undefined;
        return invalidBody(`[${ajv.errorsText(validate.errors, { separator: ', ' })}]`);
      });
    }
  }
  return (request) => {
    for (const check of checks) {
      const failure = check(request);
      if (failure) return failure;
    }
    return undefined;
  };
}

function invalidBody(validationErrors: string): ValidationFailure {
  return { responseType: 'BAD_REQUEST_BODY', message: 'Invalid request body', validationErrors };
}
