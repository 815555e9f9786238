// `npm run chat` (tools/workspace/scripts/chat.ts) as a person uses it: against a started local
// cloud, a few typed lines get the bot's prompts and card buttons back. The code hook answers
// only turns that carry the conversation's token (otherwise it closes the intent as Failed), so
// reaching the confirmation proves the script opened a conversation and sent its token.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startLocalCloud, type LocalCloud } from '../../src/cloud/start-local-cloud';

jest.setTimeout(120_000);

const root = join(__dirname, '..', '..', '..', '..');

/** Runs the chat script with `lines` as its input; resolves with its exit code and output. */
function chat(args: string[], lines: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(
    join(root, 'node_modules', '.bin', 'tsx'),
    ['tools/workspace/scripts/chat.ts', ...args],
    {
      cwd: root,
      // A terminal far from UTC: its zone goes with every turn as x-amz-lex:time-zone.
      env: { ...process.env, FORCE_COLOR: '0', TZ: 'Pacific/Kiritimati' },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stdin.end(lines.map((line) => `${line}\n`).join(''));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

describe('npm run chat', () => {
  let cloud: LocalCloud;
  beforeAll(async () => {
    cloud = await startLocalCloud({ port: 0, webPort: 0 });
  });
  afterAll(() => cloud?.stop());

  it('chats as a guest in a conversation of the history API, card buttons numbered', async () => {
    const { code, output } = await chat(
      ['--endpoint', cloud.endpoint],
      ['book a hotel in Chicago for 2 nights', 'tomorrow', '2', '/quit'],
    );
    expect(output).toMatch(/session [0-9a-f-]{36}\./);
    expect(output).toContain('bot: What day do you want to check in?');
    expect(output).toMatch(/bot: \[Room type[^\]]*\] 1\) Queen {2}2\) King {2}3\) Deluxe/);
    // "2" pressed the King button, and the hook (which needs the token) priced the stay.
    expect(output).toMatch(/bot: .*2 night stay in Chicago.*a king room.*\$\d+\.\d\d/);
    expect(output).toContain('(BookHotel: InProgress, next ConfirmIntent)');
    expect(output).not.toMatch(/^! /m);
    expect(code).toBe(0);
  });

  it('says clearly when no local cloud answers', async () => {
    const { code, output } = await chat(['--endpoint', 'http://127.0.0.1:9'], []);
    expect(output).toContain('No local cloud answers at http://127.0.0.1:9');
    expect(code).toBe(1);
  });
});
