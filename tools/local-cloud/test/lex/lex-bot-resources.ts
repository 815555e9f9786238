import { join } from 'node:path';
import type { LocalResource } from '../../src/edge/contracts';
import { loadAssemblies } from '../../src/assembly/load-assemblies';
import { localArn } from '../../src/assembly/local-arns';
import { physicalName, resolveTemplateValue } from '../../src/assembly/resolve-intrinsics';

export const WORKSPACE_ROOT = join(__dirname, '../../../..');

/** SSM values the lex-bot stack reads at deploy time, as the platform stack would publish them. */
export const LOCAL_SSM = {
  '/booktrip/local/platform/event-bus-name': 'booktrip-local',
  '/booktrip/local/platform/guest-role-name': 'GuestRole',
  '/cdk-bootstrap/hnb659fds/version': '30',
};

const LEX_AND_IAM = [
  'AWS::Lex::Bot',
  'AWS::Lex::BotVersion',
  'AWS::Lex::BotAlias',
  'AWS::Lambda::Function',
];

/**
 * The synthesized lex-bot stack's bot, version, alias and function as `LocalResource`s, the way
 * the local cloud's loader hands them to the Lex runtime (run `SYNTH_STAGE=local npx nx run
 * infra-lex-bot:synth` first).
 */
export function lexBotResources(): LocalResource[] {
  const { stacks } = loadAssemblies(WORKSPACE_ROOT);
  const stack = stacks.find((s) => s.project === 'lex-bot');
  if (!stack) {
    throw new Error(
      'infra/lex-bot/cdk.out is missing: run SYNTH_STAGE=local npx nx run infra-lex-bot:synth',
    );
  }
  const options = { ssm: LOCAL_SSM, stackName: stack.stackName };
  return Object.entries(stack.template.Resources)
    .filter(([, resource]) => LEX_AND_IAM.includes(resource.Type))
    .map(([logicalId, resource]) => {
      const properties = resolveTemplateValue(
        stack.template,
        resource.Properties ?? {},
        options,
      ) as Record<string, unknown>;
      const physicalId = physicalName(logicalId, resource, options);
      const arn =
        resource.Type === 'AWS::Lex::BotAlias'
          ? localArn.lexBotAlias(String(properties.BotId), physicalId)
          : resource.Type === 'AWS::Lambda::Function'
            ? localArn.lambda(physicalId)
            : undefined;
      return {
        stackName: stack.stackName,
        logicalId,
        type: resource.Type,
        properties,
        physicalId,
        arn,
        assemblyDir: stack.assemblyDir,
      };
    });
}
