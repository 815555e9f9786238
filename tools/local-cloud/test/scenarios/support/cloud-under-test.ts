// The one seam between the scenario suite and the cloud it runs against: an endpoint,
// credentials and the stage's SSM parameters — nothing of the local cloud's internals. With
// BOOKTRIP_TEST_STAGE set (`npm run test:deployed -- --stage dev`) the same scenarios run
// against that deployed stage with the machine's AWS credentials.
import {
  CognitoIdentityClient,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
} from '@aws-sdk/client-cognito-identity';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { startLocalCloud } from '../../../src/cloud/start-local-cloud';

export interface Guest {
  identityId: string;
  credentials: Required<
    Pick<AwsCredentialIdentity, 'accessKeyId' | 'secretAccessKey' | 'sessionToken'>
  >;
}

export interface CloudUnderTest {
  stage: string;
  region: string;
  /** Undefined against AWS: clients use their default endpoints. */
  endpoint?: string;
  admin: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** SDK client configuration for these credentials (admin by default). */
  config(credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider): {
    region: string;
    endpoint?: string;
    credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  };
  /** The stage's SSM parameter `/booktrip/<stage>/<name>`. */
  parameter(name: string): Promise<string>;
  /** Fresh guest credentials from the stage's Cognito identity pool. */
  guest(): Promise<Guest>;
  stop(): Promise<void>;
}

export async function cloudUnderTest(): Promise<CloudUnderTest> {
  const deployedStage = process.env.BOOKTRIP_TEST_STAGE;
  if (deployedStage) {
    const region = process.env.AWS_REGION ?? 'us-east-1';
    return describeCloud({
      stage: deployedStage,
      region,
      admin: fromNodeProviderChain(),
      stop: () => Promise.resolve(),
    });
  }
  // LOCAL_CLOUD_LOG=1 shows the cloud's and the functions' lines when a scenario needs a look.
  const verbose = process.env.LOCAL_CLOUD_LOG === '1';
  const cloud = await startLocalCloud({
    port: 0,
    webPort: 0,
    ...(verbose
      ? {
          log: (line: string) => process.stdout.write(`${line}\n`),
          functionLog: (name: string, line: string) => process.stdout.write(`[${name}] ${line}\n`),
        }
      : {}),
  });
  const outputs = cloud.outputs;
  return describeCloud({
    stage: 'local',
    region: outputs.region,
    endpoint: cloud.endpoint,
    admin: outputs.adminCredentials,
    stop: () => cloud.stop(),
  });
}

function describeCloud(base: {
  stage: string;
  region: string;
  endpoint?: string;
  admin: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  stop(): Promise<void>;
}): CloudUnderTest {
  const config: CloudUnderTest['config'] = (credentials = base.admin) => ({
    region: base.region,
    ...(base.endpoint ? { endpoint: base.endpoint } : {}),
    credentials,
  });
  const ssm = new SSMClient(config());
  const parameters = new Map<string, Promise<string>>();
  const parameter = (name: string) => {
    const full = `/booktrip/${base.stage}/${name}`;
    let value = parameters.get(full);
    if (!value) {
      value = ssm
        .send(new GetParameterCommand({ Name: full }))
        .then((answer) => answer.Parameter?.Value ?? '');
      parameters.set(full, value);
    }
    return value;
  };
  return {
    ...base,
    config,
    parameter,
    guest: async () => {
      // GetId and GetCredentialsForIdentity are unsigned: no credentials at all.
      const cognito = new CognitoIdentityClient({
        region: base.region,
        ...(base.endpoint ? { endpoint: base.endpoint } : {}),
        credentials: { accessKeyId: 'unused', secretAccessKey: 'unused' },
      });
      const { IdentityId } = await cognito.send(
        new GetIdCommand({ IdentityPoolId: await parameter('platform/identity-pool-id') }),
      );
      const { Credentials } = await cognito.send(
        new GetCredentialsForIdentityCommand({ IdentityId }),
      );
      if (
        !IdentityId ||
        !Credentials?.AccessKeyId ||
        !Credentials.SecretKey ||
        !Credentials.SessionToken
      ) {
        throw new Error('Cognito gave no guest credentials');
      }
      return {
        identityId: IdentityId,
        credentials: {
          accessKeyId: Credentials.AccessKeyId,
          secretAccessKey: Credentials.SecretKey,
          sessionToken: Credentials.SessionToken,
        },
      };
    },
  };
}
