import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalResource } from '../../src/edge/contracts';
import { loadAssemblies } from '../../src/assembly/load-assemblies';
import { localArn } from '../../src/assembly/local-arns';
import { physicalName, resolveTemplateValue } from '../../src/assembly/resolve-intrinsics';

export const WORKSPACE_ROOT = join(__dirname, '../../../..');

/**
 * Values for the SSM parameters a template reads at deploy time (what other stacks publish):
 * the parameter's last path segment, so any stage's template resolves.
 */
function ssmValues(parameters: Record<string, { Type: string; Default?: unknown }> = {}) {
  return Object.fromEntries(
    Object.values(parameters)
      .filter((p) => p.Type.startsWith('AWS::SSM::Parameter::Value'))
      .map((p) => [String(p.Default), String(p.Default).split('/').pop() ?? 'value']),
  );
}

/**
 * Synthesizes the lex-bot app for the local stage when its cloud assembly is missing (Nx caches
 * it). Jest runs test files in parallel workers: one synthesizes, the others wait for it.
 */
function ensureSynthesized(): void {
  const manifest = join(WORKSPACE_ROOT, 'infra/lex-bot/cdk.out/manifest.json');
  if (existsSync(manifest)) return;
  const lock = join(tmpdir(), `booktrip-lex-bot-synth-${WORKSPACE_ROOT.replace(/\W/g, '_')}`);
  try {
    mkdirSync(lock);
  } catch {
    const deadline = Date.now() + 300_000;
    while (!existsSync(manifest) && existsSync(lock) && Date.now() < deadline) {
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 250);
    }
    if (existsSync(manifest)) return;
  }
  try {
    execFileSync(join(WORKSPACE_ROOT, 'node_modules/.bin/nx'), ['run', 'infra-lex-bot:synth'], {
      cwd: WORKSPACE_ROOT,
      stdio: 'ignore',
      env: {
        ...process.env,
        SYNTH_STAGE: 'local',
        NX_DAEMON: 'false',
        NX_NO_CLOUD: 'true',
        CDK_DISABLE_CLI_TELEMETRY: 'true',
      },
    });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

const LEX_AND_IAM = [
  'AWS::Lex::Bot',
  'AWS::Lex::BotVersion',
  'AWS::Lex::BotAlias',
  'AWS::Lambda::Function',
];

/**
 * The synthesized lex-bot stack's bot, version, alias and function as `LocalResource`s, the way
 * the local cloud's loader hands them to the Lex runtime. The app is synthesized for the local
 * stage first when infra/lex-bot/cdk.out is missing (≈ 30 s once).
 */
export function lexBotResources(): LocalResource[] {
  ensureSynthesized();
  const { stacks } = loadAssemblies(WORKSPACE_ROOT);
  const stack = stacks.find((s) => s.project === 'lex-bot');
  if (!stack) {
    throw new Error(
      'infra/lex-bot/cdk.out is missing: run SYNTH_STAGE=local npx nx run infra-lex-bot:synth',
    );
  }
  const options = { ssm: ssmValues(stack.template.Parameters), stackName: stack.stackName };
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
