// Scenario 7 of issue 20: `npm start` as a person runs it — ready, healthy, and gone after
// Ctrl-C with exit 0, leaving nothing listening and no Java behind; `--verbose` lists what is
// ignored; and a second, synth-skipping start stopped by SIGTERM (as a service manager stops
// it) ends just as cleanly. Warm, the file takes ~15 s; with Nx's synth cache cold, ~60 s.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { alive, descendants } from './processes';

jest.setTimeout(240_000);

const root = join(__dirname, '..', '..', '..', '..');

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
  endpoint: string;
  webUrl: string;
}

describe('npm start (tools/workspace/scripts/start.ts)', () => {
  const children: ChildProcess[] = [];
  afterAll(() => {
    for (const child of children) {
      if (child.pid && alive(child.pid)) process.kill(-child.pid, 'SIGKILL');
    }
  });

  /** What `npm start -- <args>` runs, until it prints `ready in N s`. */
  async function start(args: string[]): Promise<Started> {
    // npm itself dies on SIGINT without waiting for its script, so the script is spawned
    // directly: tsx relays the signal to node, as a terminal's Ctrl-C reaches the whole
    // foreground group.
    const child = spawn(
      join(root, 'node_modules', '.bin', 'tsx'),
      ['tools/workspace/scripts/start.ts', ...args],
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
    children.push(child);
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (/ready in \d+(\.\d)? s/.test(output)) {
          clearInterval(timer);
          resolve();
        }
        if (child.exitCode !== null) {
          clearInterval(timer);
          reject(new Error(`npm start exited early:\n${output}`));
        }
      }, 200);
    });
    const endpoint = /edge \(every AWS service\)\s+(http:\/\/\S+)/.exec(output)?.[1];
    const webUrl = /web page\s+(http:\/\/\S+)/.exec(output)?.[1];
    expect(endpoint).toBeDefined();
    expect(webUrl).toBeDefined();
    // The last line says where to chat, and how from a terminal against this edge.
    expect(output).toContain(
      ` — chat at ${webUrl} (or \`npm run chat -- --endpoint ${endpoint}\` in another terminal); Ctrl-C stops`,
    );
    return {
      child,
      output: () => output,
      exited,
      endpoint: String(endpoint),
      webUrl: String(webUrl),
    };
  }

  /** Sends `signal` to the CLI and asserts exit 0, both ports closed, no process left. */
  async function stopsCleanlyOn(started: Started, signal: NodeJS.Signals) {
    const processes = descendants(Number(started.child.pid));
    expect(processes.some((p) => p.command.includes('DynamoDBLocal.jar'))).toBe(true);

    process.kill(Number(started.child.pid), signal);
    expect(await started.exited).toBe(0);
    expect(started.output()).toContain(`${signal}: stopping…`);
    expect(started.output()).toContain('stopped');
    await expect(fetch(`${started.endpoint}/_booktrip/health`)).rejects.toThrow();
    await expect(fetch(started.webUrl)).rejects.toThrow();
    // A helper whose parent exited (tsx's esbuild service) ends when its stdin closes: give
    // the children a moment, then nothing may be left.
    const deadline = Date.now() + 5_000;
    while (processes.some((p) => alive(p.pid)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(processes.filter((p) => alive(p.pid))).toEqual([]);
  }

  it('gets ready, answers health, lists the ignored types with --verbose, and stops cleanly on SIGINT with exit 0', async () => {
    const started = await start(['--port', '0', '--web-port', '0', '--verbose']);
    const health = (await (await fetch(`${started.endpoint}/_booktrip/health`)).json()) as {
      status: string;
    };
    expect(health.status).toBe('ready');
    // The printed page URL serves the chat page (not a fallback), configured for this cloud.
    const page = await fetch(started.webUrl);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>BookTrip</title>');
    const config = (await (await fetch(new URL('/config.json', started.webUrl))).json()) as {
      endpoint?: string;
    };
    // The page reaches AWS at this very edge (named `localhost`, as the page's origin is).
    const pageEdge = (await (await fetch(`${config.endpoint}/_booktrip/health`)).json()) as {
      endpoint: string;
    };
    expect(pageEdge.endpoint).toBe(started.endpoint);
    // One line per ignored resource: stack, type, logical id and why.
    const ignored = started.output().split('Ignored locally:\n')[1] ?? '';
    expect(ignored).toMatch(
      /^ {2}booktrip-local-booking AWS::Logs::LogGroup \S+: logs go to the console$/m,
    );
    expect(ignored).toMatch(/^ {2}\S+ AWS::CloudWatch::Alarm \S+: no CloudWatch metrics locally$/m);

    await stopsCleanlyOn(started, 'SIGINT');
  });

  it('stops as cleanly on SIGTERM, and lists no ignored types without --verbose', async () => {
    const started = await start(['--port', '0', '--web-port', '0', '--skip-synth']);
    expect(started.output()).not.toContain('Ignored locally');
    expect(started.output()).not.toContain('AWS::Logs::LogGroup');

    await stopsCleanlyOn(started, 'SIGTERM');
  });
});
