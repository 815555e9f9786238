import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { CfnTemplate } from './resolve-intrinsics';

/** One synthesized stack, as the local cloud loads it from an infra project's cdk.out. */
export interface LoadedStack {
  /** The infra project folder, e.g. `booking`. */
  project: string;
  stackName: string;
  /** Absolute path of the cloud assembly (assets are resolved relative to it). */
  assemblyDir: string;
  template: CfnTemplate;
}

interface Manifest {
  artifacts?: Record<
    string,
    { type: string; properties?: { templateFile?: string; stackName?: string } }
  >;
}

/**
 * Reads every `infra/<project>/cdk.out` under the workspace: the same templates `cdk deploy`
 * would deploy. A project without a cdk.out has not been synthesized and is reported missing.
 */
export function loadAssemblies(workspaceRoot: string): {
  stacks: LoadedStack[];
  missing: string[];
} {
  const infraDir = join(workspaceRoot, 'infra');
  const stacks: LoadedStack[] = [];
  const missing: string[] = [];
  for (const project of readdirSync(infraDir).sort()) {
    if (!existsSync(join(infraDir, project, 'cdk.json'))) continue;
    const assemblyDir = join(infraDir, project, 'cdk.out');
    if (!existsSync(join(assemblyDir, 'manifest.json'))) {
      missing.push(project);
      continue;
    }
    stacks.push(...loadAssembly(assemblyDir, project));
  }
  return { stacks, missing };
}

/** How many resources of each CloudFormation type the stacks declare. */
export function resourceTypeCounts(stacks: readonly LoadedStack[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const stack of stacks) {
    for (const resource of Object.values(stack.template.Resources)) {
      counts.set(resource.Type, (counts.get(resource.Type) ?? 0) + 1);
    }
  }
  return new Map([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

/** Every stack of one cloud assembly folder (a `cdk.out`), e.g. a CDK app outside infra/. */
export function loadAssembly(
  assemblyDir: string,
  project = basename(dirname(assemblyDir)),
): LoadedStack[] {
  const manifestFile = join(assemblyDir, 'manifest.json');
  if (!existsSync(manifestFile)) {
    throw new Error(
      `${assemblyDir} is not a cloud assembly (no manifest.json): synthesize it first`,
    );
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  const stacks: LoadedStack[] = [];
  for (const [id, artifact] of Object.entries(manifest.artifacts ?? {})) {
    if (artifact.type !== 'aws:cloudformation:stack' || !artifact.properties?.templateFile) {
      continue;
    }
    stacks.push({
      project,
      stackName: artifact.properties.stackName ?? id,
      assemblyDir,
      template: JSON.parse(
        readFileSync(join(assemblyDir, artifact.properties.templateFile), 'utf8'),
      ) as CfnTemplate,
    });
  }
  return stacks;
}
