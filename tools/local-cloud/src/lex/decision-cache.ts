import type { Authorize, Caller } from '../edge/contracts';

/** Enough for every guest of a long local session; past it the oldest decisions are forgotten. */
const MAX_DECISIONS = 10_000;

/**
 * `authorize` remembering its decisions per (caller, action, resource). The guest role's
 * policies come from the templates and never change while the cloud runs, and a decision
 * depends only on them and on the caller's identity, so a chat's every turn need not run the
 * IAM simulation again (≈ 0.3 ms a turn, and its garbage, on the hot path of RecognizeText).
 * Calls with condition-key context are passed through; failures are not remembered.
 */
export function rememberDecisions(authorize: Authorize, maxDecisions = MAX_DECISIONS): Authorize {
  const decisions = new Map<string, boolean>();
  return async (caller, action, resource, context) => {
    if (context !== undefined || caller.kind !== 'guest') {
      return authorize(caller, action, resource, context);
    }
    const key = decisionKey(caller, action, resource);
    const known = decisions.get(key);
    if (known !== undefined) return known;
    const allowed = await authorize(caller, action, resource);
    if (decisions.size >= maxDecisions) {
      const oldest = decisions.keys().next();
      if (!oldest.done) decisions.delete(oldest.value);
    }
    decisions.set(key, allowed);
    return allowed;
  };
}

function decisionKey(caller: Extract<Caller, { kind: 'guest' }>, action: string, resource: string) {
  return JSON.stringify([
    caller.roleArn,
    caller.arn,
    caller.identityId,
    caller.identityPoolId ?? null,
    action,
    resource,
  ]);
}
