import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const workspaceRoot = join(__dirname, '..', '..', '..');

function nx(args: string[]): string {
  return execFileSync(join(workspaceRoot, 'node_modules', '.bin', 'nx'), args, {
    cwd: workspaceRoot,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  });
}

/** Projects Nx considers affected by a change to these files (what `nx affected` would run). */
export function affectedProjects(files: readonly string[], target?: string): string[] {
  const args = ['show', 'projects', '--affected', `--files=${files.join(',')}`, '--json'];
  if (target) args.push('--withTarget', target);
  return (JSON.parse(nx(args)) as string[]).sort();
}

export interface ProjectGraph {
  nodes: Record<string, { data: { tags?: string[]; root: string } }>;
  dependencies: Record<string, { target: string }[]>;
}

/** The workspace's project graph, as `nx graph --file` writes it. */
export function projectGraph(): ProjectGraph {
  const dir = mkdtempSync(join(tmpdir(), 'booktrip-graph-'));
  try {
    const file = join(dir, 'graph.json');
    nx(['graph', `--file=${file}`]);
    return (JSON.parse(readFileSync(file, 'utf8')) as { graph: ProjectGraph }).graph;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A project and every project that depends on it, directly or not. */
export function withDependents(graph: ProjectGraph, project: string): string[] {
  const found = new Set([project]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [source, deps] of Object.entries(graph.dependencies)) {
      if (!found.has(source) && deps.some((dep) => found.has(dep.target))) {
        found.add(source);
        grew = true;
      }
    }
  }
  return [...found].sort();
}
