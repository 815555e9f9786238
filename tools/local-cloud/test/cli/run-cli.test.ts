// The CLI's answers to bad input, before anything starts (no emulator, no assemblies read).
import { captureCli } from './capture-cli';

const cli = (argv: string[]) => captureCli(argv, '/nonexistent-workspace');

describe('local-cloud with bad arguments', () => {
  it('refuses an empty --persist folder instead of persisting into the current directory', async () => {
    const result = await cli(['--skip-synth', '--persist', '', '--port', '0', '--web-port', '0']);

    expect(result.code).toBe(1);
    expect(result.err).toContain('--persist) names no folder');
    expect(result.out).not.toContain('ready in');
  });

  it('refuses a port that is not a number, naming the flag', async () => {
    const result = await cli(['--port', 'http', 'executions', 'booking']);

    expect(result.code).toBe(2);
    expect(result.err).toBe('--port must be a port number (0 picks a free one), not "http"\n');
  });

  it('answers an unknown command or a half subcommand with the usage', async () => {
    const unknown = await cli(['deploy']);
    const half = await cli(['events', 'get', 'x.json']);

    expect(unknown).toMatchObject({
      code: 2,
      err: expect.stringContaining('Unknown command deploy'),
    });
    expect(unknown.err).toContain('local-cloud invoke <function> <event.json>');
    expect(half).toMatchObject({
      code: 2,
      err: expect.stringContaining('events needs put <file.json>'),
    });
  });
});
