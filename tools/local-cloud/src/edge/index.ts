// The edge: one HTTP port for every emulated service. `startEdgeServer` routes by SigV4
// signing name / X-Amz-Target / `matches`, verifies guests' signatures against the
// `CredentialStore` the local Cognito provides, and `createGuestAuthorizer` is the `Authorize`
// every service asks before acting for a guest.
export * from './contracts';
export { startEdgeServer } from './edge-server';
export type { EdgeServer, EdgeServerOptions } from './edge-server';
export { createGuestAuthorizer, guestRoleArns } from './guest-authorizer';
export { ADMIN_ARN } from './resolve-caller';
export { parseSigV4, verifySigV4, SigV4Error } from './sigv4';
export type { SigV4Claims } from './sigv4';
