import { spawnSync } from 'node:child_process';
import type { LocalResource } from '../edge/contracts';

/** A system package a local service needs, and the one command that installs it. */
export interface SystemRequirement {
  command: string;
  args: string[];
  neededFor: string;
  install: string;
  /** Without it start-up fails; otherwise the service it serves answers with an error. */
  required: boolean;
}

const JAVA: SystemRequirement = {
  command: 'java',
  args: ['-version'],
  neededFor: 'DynamoDB Local (AWS::DynamoDB::Table)',
  install: 'sudo apt-get install -y openjdk-17-jre-headless',
  required: true,
};
const ESPEAK: SystemRequirement = {
  command: 'espeak-ng',
  args: ['--version'],
  neededFor: 'Polly SynthesizeSpeech',
  install: 'sudo apt-get install -y espeak-ng lame vorbis-tools',
  required: false,
};

/** The requirements these resources bring. */
export function requirementsFor(resources: readonly LocalResource[]): SystemRequirement[] {
  const needsJava = resources.some((resource) => resource.type === 'AWS::DynamoDB::Table');
  return [...(needsJava ? [JAVA] : []), ESPEAK];
}

export class MissingSystemPackageError extends Error {
  constructor(readonly missing: SystemRequirement[]) {
    super(
      missing
        .map(
          (requirement) =>
            `${requirement.command} is not installed; ${requirement.neededFor} needs it. Install it with:\n  ${requirement.install}`,
        )
        .join('\n'),
    );
  }
}

/**
 * Which requirements are missing on this machine: each command is looked up on `env.PATH`
 * (this process's by default) and run with its version flag, each in under a second.
 */
export function missingRequirements(
  requirements: readonly SystemRequirement[],
  env: NodeJS.ProcessEnv = process.env,
): SystemRequirement[] {
  return requirements.filter((requirement) => {
    const probe = spawnSync(requirement.command, requirement.args, {
      stdio: 'ignore',
      timeout: 10_000,
      env,
    });
    return probe.error !== undefined;
  });
}

/**
 * Fails start-up on a missing required package, naming the install command; returns the
 * optional ones that are missing so start-up can warn about them.
 */
export function checkSystemRequirements(
  resources: readonly LocalResource[],
  env: NodeJS.ProcessEnv = process.env,
): SystemRequirement[] {
  const missing = missingRequirements(requirementsFor(resources), env);
  const fatal = missing.filter((requirement) => requirement.required);
  if (fatal.length > 0) throw new MissingSystemPackageError(fatal);
  return missing.filter((requirement) => !requirement.required);
}
