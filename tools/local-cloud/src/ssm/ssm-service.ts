import {
  jsonError,
  type Authorize,
  type Caller,
  type EdgeResponse,
  type EdgeService,
} from '../edge/contracts';
import {
  epochSeconds,
  dispatchJsonCall,
  isDispatched,
  jsonResult,
  missingAuthentication,
  requiredString,
} from '../json-protocol/json-protocol';
import { findByNameOrArn } from '../assembly/find-by-name-or-arn';
import type { ParameterStore, StoredParameter } from './parameter-store';

const TARGET_PREFIX = 'AmazonSSM';
const MAX_GET_PARAMETERS = 10;

/**
 * SSM Parameter Store reads — GetParameter, GetParameters, GetParametersByPath — answered as
 * SSM answers them (`ParameterNotFound`, `InvalidParameters`, paging by `NextToken`), a
 * parameter named by its name or its ARN, with or without a `:<version>` selector. Guests
 * need `ssm:GetParameter(s)` / `ssm:GetParametersByPath` on the parameter's ARN.
 */
export function ssmService(deps: {
  store: ParameterStore;
  authorize: Authorize;
  region: string;
  accountId: string;
}): EdgeService {
  const arnOf = (name: string) =>
    `arn:aws:ssm:${deps.region}:${deps.accountId}:parameter${name.startsWith('/') ? '' : '/'}${name}`;
  /** `Name` may be the parameter's ARN too, as SSM allows: the parameter's name either way. */
  const nameOf = (identifier: string) =>
    findByNameOrArn(deps.store.all(), identifier, (parameter) => ({
      name: parameter.name,
      arn: arnOf(parameter.name),
    }))?.name ?? identifier;
  const resourceOf = (name: string) => (name.startsWith('arn:') ? name : arnOf(name));
  const shape = (parameter: StoredParameter, selector = '') => ({
    Name: parameter.name,
    Type: parameter.type,
    Value: parameter.value,
    Version: parameter.version,
    LastModifiedDate: epochSeconds(parameter.lastModified),
    ARN: arnOf(parameter.name),
    DataType: 'text',
    ...(selector ? { Selector: selector } : {}),
  });
  const allowed = async (caller: Caller, action: string, names: readonly string[]) => {
    if (caller.kind !== 'guest') return true;
    for (const name of names)
      if (!(await deps.authorize(caller, action, resourceOf(name)))) return false;
    return true;
  };
  const denied = (caller: Caller, action: string, name: string) =>
    jsonError(
      403,
      'AccessDeniedException',
      `User: ${caller.kind === 'guest' ? caller.arn : 'anonymous'} is not authorized to perform: ${action} on resource: ${resourceOf(name)}`,
    );

  type Operation = (input: Record<string, unknown>, caller: Caller) => Promise<EdgeResponse>;
  const operations: Record<string, Operation> = {
    async GetParameter(input, caller) {
      const requested = requiredString(input, 'Name');
      if (typeof requested !== 'string') return requested;
      const selector = parseSelector(requested);
      const { version } = selector;
      const name = nameOf(selector.name);
      if (!(await allowed(caller, 'ssm:GetParameter', [name])))
        return denied(caller, 'ssm:GetParameter', name);
      const parameter = deps.store.get(name);
      if (!parameter || (version !== undefined && version !== parameter.version)) {
        return jsonError(400, 'ParameterNotFound', `Parameter ${requested} not found.`);
      }
      return jsonResult({
        Parameter: shape(parameter, version === undefined ? '' : `:${version}`),
      });
    },
    async GetParameters(input, caller) {
      const names = input.Names;
      if (
        !Array.isArray(names) ||
        names.length === 0 ||
        names.some((name) => typeof name !== 'string')
      ) {
        return jsonError(
          400,
          'ValidationException',
          "Value at 'names' failed to satisfy constraint: Member must have length greater than or equal to 1",
        );
      }
      if (names.length > MAX_GET_PARAMETERS) {
        return jsonError(
          400,
          'ValidationException',
          `Value at 'names' failed to satisfy constraint: Member must have length less than or equal to ${MAX_GET_PARAMETERS}`,
        );
      }
      const parsed = (names as string[]).map((requested) => {
        const selector = parseSelector(requested);
        return { requested, name: nameOf(selector.name), version: selector.version };
      });
      for (const { name } of parsed) {
        if (!(await allowed(caller, 'ssm:GetParameters', [name])))
          return denied(caller, 'ssm:GetParameters', name);
      }
      const found: ReturnType<typeof shape>[] = [];
      const invalid: string[] = [];
      for (const { requested, name, version } of parsed) {
        const parameter = deps.store.get(name);
        if (parameter && (version === undefined || version === parameter.version)) {
          found.push(shape(parameter, version === undefined ? '' : `:${version}`));
        } else {
          invalid.push(requested);
        }
      }
      return jsonResult({ Parameters: found, InvalidParameters: invalid });
    },
    async GetParametersByPath(input, caller) {
      const path = requiredString(input, 'Path');
      if (typeof path !== 'string') return path;
      if (!path.startsWith('/')) {
        return jsonError(
          400,
          'ValidationException',
          'The parameter path must begin with a forward slash (/).',
        );
      }
      const maxResults =
        input.MaxResults === undefined ? MAX_GET_PARAMETERS : Number(input.MaxResults);
      if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > MAX_GET_PARAMETERS) {
        return jsonError(
          400,
          'ValidationException',
          `Value at 'maxResults' failed to satisfy constraint: Member must have value between 1 and ${MAX_GET_PARAMETERS}`,
        );
      }
      if (!(await allowed(caller, 'ssm:GetParametersByPath', [path.replace(/\/$/, '') || '/']))) {
        return denied(caller, 'ssm:GetParametersByPath', path);
      }
      const prefix = path.endsWith('/') ? path : `${path}/`;
      const recursive = input.Recursive === true;
      const matching = deps.store
        .all()
        .filter((parameter) => parameter.name.startsWith(prefix))
        .filter((parameter) => recursive || !parameter.name.slice(prefix.length).includes('/'));
      const start = typeof input.NextToken === 'string' ? Number.parseInt(input.NextToken, 10) : 0;
      if (!Number.isInteger(start) || start < 0) {
        return jsonError(400, 'InvalidNextToken', 'The specified token is not valid.');
      }
      const page = matching.slice(start, start + maxResults);
      const next = start + maxResults < matching.length ? String(start + maxResults) : undefined;
      return jsonResult({
        Parameters: page.map((parameter) => shape(parameter)),
        ...(next ? { NextToken: next } : {}),
      });
    },
  };

  return {
    signingNames: ['ssm'],
    targetPrefixes: [TARGET_PREFIX],
    async handle(request) {
      const dispatched = dispatchJsonCall(request, TARGET_PREFIX, operations, 'SSM');
      if (!isDispatched(dispatched)) return dispatched;
      if (request.caller.kind === 'anonymous') return missingAuthentication();
      return dispatched.operation(dispatched.call.input, request.caller);
    },
  };
}

/** `name`, or `name:<version>` as SSM's parameter selectors allow. */
function parseSelector(requested: string): { name: string; version?: number } {
  const match = /^(.*):(\d+)$/.exec(requested);
  return match?.[1] ? { name: match[1], version: Number(match[2]) } : { name: requested };
}
