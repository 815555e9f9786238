// Scenario 7 of issue 20: `npm start` as a person runs it — ready, healthy, and gone after
// Ctrl-C with exit 0, leaving nothing listening and no Java behind.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

jest.setTimeout(240_000);

const root = join(__dirname, '..', '..', '..', '..');

/** Every descendant of `pid` (workers are threads; DynamoDB Local's JVM is a process). */
function descendants(pid: number): { pid: number; command: string }[] {
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

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('npm start (tools/workspace/scripts/start.ts)', () => {
  let child: ChildProcess | undefined;
  afterAll(() => {
    if (child?.pid && alive(child.pid)) process.kill(-child.pid, 'SIGKILL');
  });

  it('gets ready, answers health, and stops cleanly on SIGINT with exit 0', async () => {
    // What `npm start -- --port 0 --web-port 0` runs. npm itself dies on SIGINT without waiting
    // for its script, so the script is spawned directly: tsx relays the signal to node, as a
    // terminal's Ctrl-C reaches the whole foreground group.
    child = spawn(
      join(root, 'node_modules', '.bin', 'tsx'),
      ['tools/workspace/scripts/start.ts', '--port', '0', '--web-port', '0'],
      {
        cwd: root,
        env: {
          ...process.env,
          NX_DAEMON: 'false',
          NX_NO_CLOUD: 'true',
          NX_TUI: 'false',
          FORCE_COLOR: '0',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child?.once('exit', resolve));

    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (/ready in \d+(\.\d)? s/.test(output)) {
          clearInterval(timer);
          resolve();
        }
        if (child?.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`npm start exited early:\n${output}`));
        }
      }, 200);
    });
    const endpoint = /edge \(every AWS service\)\s+(http:\/\/\S+)/.exec(output)?.[1];
    const webUrl = /web page\s+(http:\/\/\S+)/.exec(output)?.[1];
    expect(endpoint).toBeDefined();
    const health = (await (await fetch(`${endpoint}/_booktrip/health`)).json()) as {
      status: string;
    };
    expect(health.status).toBe('ready');
    expect((await fetch(String(webUrl))).status).toBe(200);

    const processes = descendants(Number(child.pid));
    expect(processes.some((p) => p.command.includes('DynamoDBLocal.jar'))).toBe(true);

    process.kill(Number(child.pid), 'SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('stopped');
    await expect(fetch(`${endpoint}/_booktrip/health`)).rejects.toThrow();
    await expect(fetch(String(webUrl))).rejects.toThrow();
    expect(processes.filter((p) => alive(p.pid))).toEqual([]);
  });
});
