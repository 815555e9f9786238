import { jsonError, type Authorize, type EdgeResponse, type EdgeService } from '../edge/contracts';
import {
  epochSeconds,
  dispatchJsonCall,
  isDispatched,
  jsonResult,
  missingAuthentication,
  requiredString,
} from '../json-protocol/json-protocol';
import { findByNameOrArn } from '../assembly/find-by-name-or-arn';
import type { LocalSecret } from './secret-store';

const TARGET_PREFIX = 'secretsmanager';
const CURRENT = 'AWSCURRENT';

/**
 * Secrets Manager's reads — GetSecretValue, DescribeSecret — for the templates' secrets, found
 * by name, full ARN or partial ARN (without the random suffix), as the service resolves
 * `SecretId`. Guests need `secretsmanager:<Operation>` on the secret's ARN.
 */
export function secretsManagerService(deps: {
  secrets: readonly LocalSecret[];
  authorize: Authorize;
}): EdgeService {
  const find = (secretId: string) =>
    findByNameOrArn(deps.secrets, secretId, (secret) => ({
      name: secret.name,
      arn: secret.arn,
      partialArn: secret.arn.replace(/-[A-Za-z]{6}$/, ''),
    }));

  const operations: Record<
    string,
    (secret: LocalSecret, input: Record<string, unknown>) => EdgeResponse
  > = {
    GetSecretValue(secret, input) {
      const stage = input.VersionStage;
      const version = input.VersionId;
      if (
        (stage !== undefined && stage !== CURRENT) ||
        (version !== undefined && version !== secret.versionId)
      ) {
        return jsonError(
          400,
          'ResourceNotFoundException',
          "Secrets Manager can't find the specified secret value for the given version.",
        );
      }
      return jsonResult({
        ARN: secret.arn,
        Name: secret.name,
        VersionId: secret.versionId,
        SecretString: secret.value,
        VersionStages: [CURRENT],
        CreatedDate: epochSeconds(secret.createdDate),
      });
    },
    DescribeSecret(secret) {
      return jsonResult({
        ARN: secret.arn,
        Name: secret.name,
        ...(secret.description ? { Description: secret.description } : {}),
        CreatedDate: epochSeconds(secret.createdDate),
        LastChangedDate: epochSeconds(secret.createdDate),
        VersionIdsToStages: { [secret.versionId]: [CURRENT] },
      });
    },
  };

  return {
    signingNames: ['secretsmanager'],
    targetPrefixes: [TARGET_PREFIX],
    async handle(request) {
      const dispatched = dispatchJsonCall(request, TARGET_PREFIX, operations, 'Secrets Manager');
      if (!isDispatched(dispatched)) return dispatched;
      const { call, operation } = dispatched;
      const caller = request.caller;
      if (caller.kind === 'anonymous') return missingAuthentication();
      const secretId = requiredString(call.input, 'SecretId');
      if (typeof secretId !== 'string') return secretId;
      const secret = find(secretId);
      const action = `secretsmanager:${call.operation}`;
      // A guest learns nothing about a secret it may not read, not even whether it exists.
      if (
        caller.kind === 'guest' &&
        !(await deps.authorize(caller, action, secret?.arn ?? secretId))
      ) {
        return jsonError(
          403,
          'AccessDeniedException',
          `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${secretId}`,
        );
      }
      if (!secret)
        return jsonError(
          400,
          'ResourceNotFoundException',
          "Secrets Manager can't find the specified secret.",
        );
      return operation(secret, call.input);
    },
  };
}
