import { LOCAL_STAGE } from '@booktrip/constructs';
import { Architecture } from 'aws-cdk-lib/aws-lambda';
import type { BundlingOptions } from 'aws-cdk-lib/aws-lambda-nodejs';

export type LambdaCpu = 'arm64' | 'x64';

/**
 * The CPU the flip function runs on: Graviton in AWS; the local stage runs the same asset on
 * this machine (tools/local-cloud), so it needs this machine's sharp binary.
 */
export function lambdaCpu(stage: string, hostArch: string = process.arch): LambdaCpu {
  if (stage !== LOCAL_STAGE) return 'arm64';
  if (hostArch !== 'arm64' && hostArch !== 'x64') {
    throw new Error(`The local cloud runs Lambda assets on arm64 or x64, not ${hostArch}`);
  }
  return hostArch;
}

export const architectureOf = (cpu: LambdaCpu) =>
  cpu === 'arm64' ? Architecture.ARM_64 : Architecture.X86_64;

/**
 * sharp is native: esbuild cannot bundle it, so it is installed into the asset from npm. The
 * `.npmrc` written before the install makes npm pick the prebuilt Linux (glibc) binary for
 * the Lambda's CPU, `@img/sharp-linux-<cpu>` with its libvips, whatever machine synthesizes:
 * no Docker. It is removed afterwards so it does not ship.
 */
export function sharpBundling(cpu: LambdaCpu): Partial<BundlingOptions> {
  return {
    nodeModules: ['sharp'],
    forceDockerBundling: false,
    commandHooks: {
      beforeBundling: () => [],
      beforeInstall: (_inputDir, outputDir) => [
        `printf 'os=linux\\ncpu=${cpu}\\nlibc=glibc\\n' > "${outputDir}/.npmrc"`,
      ],
      afterBundling: (_inputDir, outputDir) => [`rm -f "${outputDir}/.npmrc"`],
    },
  };
}
