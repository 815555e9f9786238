import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { appEntry, ssmNames, workspaceRoot } from '../src';

describe('workspaceRoot', () => {
  it('is the folder holding nx.json', () => {
    expect(existsSync(join(workspaceRoot, 'nx.json'))).toBe(true);
  });
});

describe('appEntry', () => {
  it('refuses an entry file that does not exist, naming it', () => {
    expect(() => appEntry('booking', 'src/no-such-handler.ts')).toThrow(
      /apps\/booking\/src\/no-such-handler.ts does not exist/,
    );
  });
});

describe('ssmNames', () => {
  it('puts every shared value of a stage under /booktrip/<stage>/<service>/', () => {
    const names = Object.values(ssmNames('dev')).flatMap((service) => Object.values(service));

    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/^\/booktrip\/dev\/[a-z-]+\/[a-z-]+$/);
    expect(new Set(names).size).toBe(names.length);
  });
});
