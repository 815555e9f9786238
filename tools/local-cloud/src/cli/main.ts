import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_EDGE_PORT } from '../cloud/localize-urls';
import { MissingSystemPackageError } from '../cloud/system-requirements';
import { startLocalCloud } from '../cloud/start-local-cloud';
import { formatFunctionLog } from './format-function-log';
import { executionsCommand, fetchOutputs, invokeCommand, putEventsCommand } from './poke-commands';
import { summaryTable } from './print-summary';
import { synthesizeLocalStage } from './synthesize-local-stage';

const USAGE = `Usage:
  local-cloud [--port 4566] [--web-port 3000] [--host 127.0.0.1] [--persist <dir>] [--verbose] [--skip-synth]
  local-cloud invoke <function> <event.json> [--port 4566]
  local-cloud events put <file.json> [--port 4566]
  local-cloud executions <state machine> [--port 4566]`;

const DEFAULT_WORKSPACE = join(__dirname, '..', '..', '..', '..');

/** The `local-cloud` command (`npm start` runs it). Resolves to the process's exit code. */
export async function runCli(
  argv: readonly string[],
  workspaceRoot = DEFAULT_WORKSPACE,
): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        port: { type: 'string', default: '4566' },
        'web-port': { type: 'string', default: '3000' },
        host: { type: 'string', default: '127.0.0.1' },
        persist: { type: 'string' },
        verbose: { type: 'boolean', default: false },
        'skip-synth': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const port = portOf(values.port, '--port');
  const webPort = portOf(values['web-port'], '--web-port');
  if (port === undefined || webPort === undefined) return 2;
  const host = values.host;
  const endpoint = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;

  try {
    const [command, ...rest] = positionals;
    switch (command) {
      case undefined:
        return await start({
          port,
          webPort,
          host,
          persistDir: values.persist,
          verbose: values.verbose,
          skipSynth: values['skip-synth'],
          workspaceRoot,
        });
      case 'invoke': {
        const [functionName, eventFile] = rest;
        if (!functionName || !eventFile) return usage('invoke needs <function> <event.json>');
        const result = await invokeCommand(await fetchOutputs(endpoint), functionName, eventFile);
        console.log(result.payload);
        return result.failed ? 1 : 0;
      }
      case 'events': {
        const [verb, file] = rest;
        if (verb !== 'put' || !file) return usage('events needs put <file.json>');
        const result = await putEventsCommand(await fetchOutputs(endpoint), file);
        console.log(
          JSON.stringify(
            { FailedEntryCount: result.FailedEntryCount, Entries: result.Entries },
            null,
            2,
          ),
        );
        return result.FailedEntryCount ? 1 : 0;
      }
      case 'executions': {
        const [stateMachine] = rest;
        if (!stateMachine) return usage('executions needs <state machine>');
        console.table(await executionsCommand(await fetchOutputs(endpoint), stateMachine));
        return 0;
      }
      default:
        return usage(`Unknown command ${command}`);
    }
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

async function start(options: {
  port: number;
  webPort: number;
  host: string;
  persistDir?: string;
  verbose: boolean;
  skipSynth: boolean;
  workspaceRoot: string;
}): Promise<number> {
  const started = Date.now();
  if (!options.skipSynth) {
    console.log('Synthesizing the local stage (cached by Nx)…');
    synthesizeLocalStage(options.workspaceRoot, options.verbose);
  }
  // A terminal that shows colours, unless NO_COLOR / FORCE_COLOR=0 say otherwise.
  const colour = process.stdout.isTTY && process.stdout.hasColors();
  let cloud;
  try {
    cloud = await startLocalCloud({
      port: options.port,
      webPort: options.webPort,
      host: options.host,
      persistDir: options.persistDir,
      workspaceRoot: options.workspaceRoot,
      log: (line) => {
        if (options.verbose || line.startsWith('warning')) console.log(line);
      },
      functionLog: (name, line) => console.log(formatFunctionLog(name, line, colour)),
    });
  } catch (error) {
    if (error instanceof MissingSystemPackageError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
  const outputs = cloud.outputs;
  console.log(`\n${summaryTable(outputs)}\n`);
  if (options.verbose) {
    console.log('Ignored locally:');
    for (const ignored of outputs.ignored) {
      console.log(`  ${ignored.stackName} ${ignored.type} ${ignored.logicalId}: ${ignored.reason}`);
    }
  }
  // The table is long: the last line says what to do next, where a newcomer looks.
  const chat =
    options.port === DEFAULT_EDGE_PORT
      ? 'npm run chat'
      : `npm run chat -- --endpoint ${outputs.endpoint}`;
  console.log(
    `ready in ${((Date.now() - started) / 1000).toFixed(1)} s — chat at ${outputs.webUrl} ` +
      `(or \`${chat}\` in another terminal); Ctrl-C stops`,
  );

  return new Promise<number>((resolve) => {
    // A terminal's Ctrl-C reaches both tsx and its child, so one press can arrive twice:
    // only a third signal abandons the clean stop.
    let signals = 0;
    const stop = (signal: NodeJS.Signals) => {
      signals += 1;
      if (signals === 3) {
        console.log(`\n${signal} again: exiting without waiting`);
        resolve(130);
      }
      if (signals > 1) return;
      console.log(`\n${signal}: stopping…`);
      cloud
        .stop()
        .then(() => {
          console.log('stopped');
          resolve(0);
        })
        .catch((error: unknown) => {
          console.error(`stopping failed: ${String(error)}`);
          resolve(1);
        });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

function portOf(value: string, flag: string): number | undefined {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`${flag} must be a port number (0 picks a free one), not "${value}"`);
    return undefined;
  }
  return port;
}

function usage(message: string): number {
  console.error(`${message}\n\n${USAGE}`);
  return 2;
}
