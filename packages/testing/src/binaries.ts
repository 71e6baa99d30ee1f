// Locating the server binaries and the repository root. A missing binary is an error that says
// how to install it: tests never skip because a server is absent.
import { accessSync, constants, existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PREREQS_HINT =
  'run `bash scripts/test-prereqs.sh` from the repository root to install the test tools';

/** The absolute path of `name`: first in $HEAPSTER_TEST_TOOLS (a directory), then on PATH. */
export function requireBinary(name: string, what: string): string {
  const dirs = [process.env.HEAPSTER_TEST_TOOLS, ...(process.env.PATH ?? '').split(delimiter)];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  throw new Error(`${name} (${what}) was not found on PATH: ${PREREQS_HINT}`);
}

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return !path.endsWith('/');
  } catch {
    return false;
  }
}

/**
 * The monorepo root: the nearest directory upwards with a package.json declaring workspaces,
 * searched from the working directory and then from this module's location.
 */
export function findRepoRoot(): string {
  const starts = [process.cwd(), dirname(fileURLToPath(import.meta.url))];
  for (const start of starts) {
    let dir = resolve(start);
    for (;;) {
      if (declaresWorkspaces(join(dir, 'package.json'))) return dir;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error(`no package.json with "workspaces" above ${starts.join(' or ')}`);
}

function declaresWorkspaces(packageJson: string): boolean {
  if (!existsSync(packageJson)) return false;
  try {
    const parsed = JSON.parse(readFileSync(packageJson, 'utf8')) as { workspaces?: unknown };
    return parsed.workspaces !== undefined;
  } catch {
    return false;
  }
}
