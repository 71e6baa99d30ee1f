// Keeps `npm ci` working with the npm registry mirror this project is built against: the mirror
// lacks some platform binaries (e.g. @swc/core-darwin-arm64, @turbo/windows-64), so `npm install`
// leaves them out of package-lock.json, and `npm ci` then refuses the lock ("Missing: … from lock
// file"). This adds an entry for each missing optional dependency, marked with its os/cpu, so npm
// skips it on other platforms without fetching it. Idempotent; `--check` only reports.
// Usage: node scripts/lockfile-platform-stubs.mjs [--check]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const lockPath = join(dirname(fileURLToPath(import.meta.url)), '..', 'package-lock.json');
const check = process.argv.includes('--check');
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const packages = lock.packages;

const OSES = [
  'darwin',
  'win32',
  'linux',
  'android',
  'freebsd',
  'openharmony',
  'sunos',
  'netbsd',
  'openbsd',
  'aix',
];
const CPUS = ['arm64', 'x64', 'ia32', 'arm', 'ppc64', 's390x', 'riscv64', 'loong64', 'wasm32'];

function platformOf(name) {
  const parts = name.split('/').pop().split('-');
  const os = OSES.find(candidate => parts.includes(candidate));
  let cpu = CPUS.find(candidate => parts.includes(candidate));
  if (cpu === undefined && parts.includes('64')) cpu = 'x64'; // @turbo/darwin-64, windows-64
  if (cpu === undefined && parts.some(part => part.startsWith('arm'))) cpu = 'arm';
  const osName = os ?? (parts.includes('windows') ? 'win32' : undefined);
  return { os: osName, cpu };
}

const added = [];
for (const [key, entry] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${key ? `${key}/` : ''}node_modules/${dep}`;
    if (packages[nested] !== undefined || packages[`node_modules/${dep}`] !== undefined) continue;
    const { os, cpu } = platformOf(dep);
    if (os === undefined) continue; // not a platform binary: leave it to npm
    const stub = {
      version,
      optional: true,
      ...(entry.dev ? { dev: true } : {}),
      os: [os],
      ...(cpu ? { cpu: [cpu] } : {}),
    };
    packages[`node_modules/${dep}`] = stub;
    added.push(`${dep}@${version} (${os}${cpu ? `/${cpu}` : ''})`);
  }
}

if (added.length === 0) {
  console.log('package-lock.json: every platform binary has an entry');
} else if (check) {
  console.error(
    `package-lock.json lacks ${added.length} platform binaries (npm ci will refuse it):\n  ${added.join('\n  ')}`,
  );
  console.error('fix: node scripts/lockfile-platform-stubs.mjs');
  process.exit(1);
} else {
  writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
  console.log(`package-lock.json: added ${added.length} platform stubs:\n  ${added.join('\n  ')}`);
}
