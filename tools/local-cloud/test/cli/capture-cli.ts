import { runCli } from '../../src/cli/main';

/**
 * Runs the CLI in this process, capturing what it prints (a `console.table` as its rows' JSON);
 * resolves with its exit code.
 */
export async function captureCli(
  argv: string[],
  workspaceRoot?: string,
): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const log = jest.spyOn(console, 'log').mockImplementation((...parts: unknown[]) => {
    out += `${parts.map(String).join(' ')}\n`;
  });
  const table = jest.spyOn(console, 'table').mockImplementation((rows: unknown) => {
    out += `${JSON.stringify(rows)}\n`;
  });
  const error = jest.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => {
    err += `${parts.map(String).join(' ')}\n`;
  });
  try {
    return { code: await runCli(argv, workspaceRoot), out, err };
  } finally {
    log.mockRestore();
    table.mockRestore();
    error.mockRestore();
  }
}
