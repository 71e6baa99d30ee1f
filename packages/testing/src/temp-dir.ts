// Scratch directories under the OS temp dir, removed by cleanup() (and, in a plain Node
// process, at exit if a test forgot).
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TempDir {
  readonly path: string;
  /** Removes the directory and everything in it; safe to call twice. */
  cleanup(): Promise<void>;
}

const pending = new Set<string>();
let exitHookInstalled = false;

function removeAllAtExit(): void {
  for (const path of pending) rmSync(path, { recursive: true, force: true });
  pending.clear();
}

export async function tempDir(prefix: string): Promise<TempDir> {
  if (!/^[\w.-]+$/.test(prefix)) {
    throw new Error(`tempDir: prefix must be letters, digits, '.', '_' or '-', got '${prefix}'`);
  }
  const path = await mkdtemp(join(tmpdir(), `heapster-${prefix}-`));
  pending.add(path);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', removeAllAtExit);
  }
  return {
    path,
    async cleanup() {
      pending.delete(path);
      await rm(path, { recursive: true, force: true });
    },
  };
}
