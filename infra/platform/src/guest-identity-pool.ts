import { acknowledge } from '@booktrip/constructs';
import { IdentityPool } from 'aws-cdk-lib/aws-cognito-identitypool';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/**
 * The Cognito identity pool that gives the chat page's guests AWS credentials (enhanced flow
 * only). Its unauthenticated role gets no permission here: each service's stack attaches what
 * guests may do with it (RecognizeText on the bot alias, PutObject under their own
 * `uploads/${cognito-identity.amazonaws.com:sub}/*`, the history API).
 */
export class GuestIdentityPool extends Construct {
  readonly pool: IdentityPool;
  /** Assumable only through this pool, by unauthenticated identities. */
  readonly guestRole: IRole;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    // The L2 also creates an authenticated role; with no login provider nobody can assume it.
    this.pool = new IdentityPool(this, 'Pool', {
      allowUnauthenticatedIdentities: true,
      allowClassicFlow: false,
    });
    this.guestRole = this.pool.unauthenticatedRole;
    acknowledge(
      this.pool,
      'AwsSolutions-COG7',
      'BookTrip is used without sign-up: guests chat and upload with unauthenticated ' +
        'identities, whose role other stacks scope to the bot alias, their own upload prefix ' +
        'and the history API.',
    );
  }
}
