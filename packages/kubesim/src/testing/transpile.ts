import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformFile } from '@swc/core';

const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

async function sources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'testing') out.push(...(await sources(path)));
    } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')) {
      out.push(path);
    }
  }
  return out;
}

/**
 * Transpiles the package's src (no tests) with swc into a scratch folder inside the package, so
 * a test can run the CLI as a real process without depending on (or racing with) `npm run
 * build` writing dist/.
 */
export async function transpilePackage(): Promise<{ readonly dir: string; cleanup(): Promise<void> }> {
  // node_modules/.cache is ignored by git and lint, and package imports still resolve from it.
  const cache = join(PACKAGE_DIR, 'node_modules', '.cache');
  await mkdir(cache, { recursive: true });
  const dir = await mkdtemp(join(cache, 'kubesim-cli-test-'));
  const src = join(PACKAGE_DIR, 'src');
  await writeFile(join(dir, 'package.json'), '{"type":"module"}\n');
  for (const file of await sources(src)) {
    const { code } = await transformFile(file, {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'es6' },
      sourceMaps: false,
    });
    const target = join(dir, relative(src, file)).replace(/\.ts$/, '.js');
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, code);
  }
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}
