import { execFileSync } from 'node:child_process';

/** Every descendant of `pid` (workers are threads; DynamoDB Local's JVM is a process). */
export function descendants(pid: number): { pid: number; command: string }[] {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map(([, child, parent, command]) => ({
      pid: Number(child),
      ppid: Number(parent),
      command: String(command),
    }));
  const found: { pid: number; command: string }[] = [];
  const visit = (parent: number) => {
    for (const row of table.filter((candidate) => candidate.ppid === parent)) {
      found.push({ pid: row.pid, command: row.command });
      visit(row.pid);
    }
  };
  visit(pid);
  return found;
}

/** Whether process `pid` is still running. */
export const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
