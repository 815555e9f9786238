// STS for the local cloud: GetCallerIdentity only.
//
// createSts(deps): accountId → { service, stop }. The answer is the edge's Caller: the
// administrator's ARN, or a guest's assumed-role ARN.
import type { EdgeService } from '../edge/contracts';
import { stsService } from './sts-service';

export interface StsDeps {
  accountId: string;
}

export function createSts(deps: StsDeps): { service: EdgeService; stop(): Promise<void> } {
  return { service: stsService(deps), stop: async () => undefined };
}
