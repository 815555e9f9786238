import { randomUUID } from 'node:crypto';
import type { Caller, EdgeRequest, EdgeResponse, EdgeService } from '../edge/contracts';

const XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/**
 * STS `GetCallerIdentity` in the query protocol SDK v3's STS client speaks (form-encoded
 * `Action=…&Version=2011-06-15`, XML answer): who the edge says the caller is — the
 * administrator or the guest's assumed role. Like AWS, it needs no permission.
 */
export function stsService(deps: { accountId: string }): EdgeService {
  return {
    signingNames: ['sts'],
    async handle(request) {
      const parameters = queryParameters(request);
      const action = parameters.get('Action');
      if (action !== 'GetCallerIdentity') {
        return xmlError(
          400,
          'InvalidAction',
          `The local STS does not implement ${action ?? '(no Action)'}`,
        );
      }
      const identity = callerIdentity(request.caller, deps.accountId);
      if (!identity) {
        return xmlError(
          403,
          'MissingAuthenticationToken',
          'Request is missing Authentication Token',
        );
      }
      const requestId = randomUUID();
      return {
        status: 200,
        headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
        body:
          `<GetCallerIdentityResponse xmlns="${XMLNS}"><GetCallerIdentityResult>` +
          `<Arn>${escapeXml(identity.arn)}</Arn><UserId>${escapeXml(identity.userId)}</UserId>` +
          `<Account>${deps.accountId}</Account></GetCallerIdentityResult>` +
          `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      };
    },
  };
}

function callerIdentity(
  caller: Caller,
  accountId: string,
): { arn: string; userId: string } | undefined {
  switch (caller.kind) {
    case 'admin':
      // The root user's UserId is the account id.
      return {
        arn: caller.arn,
        userId: caller.arn.endsWith(':root') ? accountId : caller.accessKeyId,
      };
    case 'guest': {
      // An assumed role's UserId is `<role id>:<session name>`; the role id is stable per role.
      const session = caller.arn.split('/').pop() ?? 'session';
      return { arn: caller.arn, userId: `${roleId(caller.roleArn)}:${session}` };
    }
    default:
      return undefined;
  }
}

/** A deterministic `AROA…` id for a role ARN (AWS's unique ids are opaque; only stability matters). */
function roleId(roleArn: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let hash = 2166136261;
  let id = 'AROA';
  for (let index = 0; id.length < 21; index += 1) {
    hash = Math.imul(hash ^ roleArn.charCodeAt(index % roleArn.length), 16777619) >>> 0;
    id += alphabet[hash % alphabet.length];
  }
  return id;
}

function queryParameters(request: EdgeRequest): URLSearchParams {
  const parameters = new URLSearchParams(request.query);
  const type = String(request.headers['content-type'] ?? '');
  if (type.startsWith('application/x-www-form-urlencoded')) {
    for (const [key, value] of new URLSearchParams(request.body.toString('utf8')))
      parameters.set(key, value);
  }
  return parameters;
}

function xmlError(status: number, code: string, message: string): EdgeResponse {
  return {
    status,
    headers: { 'content-type': 'text/xml' },
    body:
      `<ErrorResponse xmlns="${XMLNS}"><Error><Type>Sender</Type><Code>${code}</Code>` +
      `<Message>${escapeXml(message)}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  };
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (character) => `&#${character.charCodeAt(0)};`);
}
