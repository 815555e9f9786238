import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import {
  loadAssemblies,
  resolveTemplateValue,
  type CfnTemplate,
  type LoadedStack,
  type LocalResource,
} from '../../../src';

const WORKSPACE = join(__dirname, '../../../../..');

/**
 * The `local` stage's synthesized stack of an infra project, synthesized through Nx first
 * (a cache hit when nothing changed), as `npm start` does.
 */
export function synthesizedStack(project: string): LoadedStack {
  execFileSync('npx', ['nx', 'run', `infra-${project}:synth`], {
    cwd: WORKSPACE,
    env: {
      ...process.env,
      SYNTH_STAGE: 'local',
      NX_DAEMON: 'false',
      NX_NO_CLOUD: 'true',
      NX_TUI: 'false',
      CDK_DISABLE_CLI_TELEMETRY: 'true',
    },
    stdio: 'pipe',
  });
  const stack = loadAssemblies(WORKSPACE).stacks.find((loaded) => loaded.project === project);
  if (!stack) throw new Error(`infra/${project} has no synthesized stack`);
  return stack;
}

/**
 * The stack's resources of the given types as the local cloud hands them to a service:
 * properties with intrinsics resolved, `Ref` as physical id, `GetAtt Arn` where there is one.
 * SSM parameters get the values in `ssm`, or `local-<last name segment>`.
 */
export function templateResources(
  stack: { stackName: string; assemblyDir?: string; template: CfnTemplate },
  types: readonly string[],
  ssm: Record<string, string> = {},
): LocalResource[] {
  const { template, stackName } = stack;
  const parameters = Object.fromEntries(
    Object.values(template.Parameters ?? {})
      .filter((parameter) => parameter.Type.startsWith('AWS::SSM::Parameter::Value'))
      .map((parameter) => {
        const name = String(parameter.Default);
        return [name, ssm[name] ?? `local-${name.split('/').at(-1)}`];
      }),
  );
  const options = { ssm: parameters, stackName };
  return Object.entries(template.Resources)
    .filter(([, resource]) => types.includes(resource.Type))
    .map(([logicalId, resource]) => {
      let arn: string | undefined;
      try {
        arn = String(resolveTemplateValue(template, { 'Fn::GetAtt': [logicalId, 'Arn'] }, options));
      } catch {
        arn = undefined;
      }
      return {
        stackName,
        logicalId,
        type: resource.Type,
        properties: resolveTemplateValue(template, resource.Properties ?? {}, options) as Record<
          string,
          unknown
        >,
        physicalId: String(resolveTemplateValue(template, { Ref: logicalId }, options)),
        arn,
        assemblyDir: stack.assemblyDir ?? '',
      };
    });
}
