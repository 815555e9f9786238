import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root (the folder holding nx.json), found from this file. */
export const workspaceRoot: string = (() => {
  let dir = __dirname;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`nx.json not found above ${__dirname}`);
    dir = parent;
  }
  return dir;
})();

/** Path of an app's entry file, e.g. `appEntry('booking', 'src/handler.ts')`. */
export function appEntry(app: string, file: string): string {
  const path = join(workspaceRoot, 'apps', app, file);
  if (!existsSync(path)) throw new Error(`Lambda entry ${path} does not exist`);
  return path;
}
