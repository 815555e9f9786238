import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * State an emulator keeps across restarts under `--persist` (issued credentials, generated
 * secrets): one JSON file, rewritten whole through a temporary file and a rename so a crash
 * mid-write never leaves half a file. Without a path the state lives in memory only.
 */
export class JsonStateFile<T> {
  private value: T;

  constructor(
    private readonly path: string | undefined,
    initial: () => T,
  ) {
    this.value = path ? (readIfPresent<T>(path) ?? initial()) : initial();
  }

  get(): T {
    return this.value;
  }

  set(value: T): void {
    this.value = value;
    if (!this.path) return;
    mkdirSync(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify(value, null, 2));
    renameSync(temporary, this.path);
  }
}

function readIfPresent<T>(path: string): T | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new Error(`${path} is not valid JSON (delete it to start afresh): ${String(error)}`);
  }
}
