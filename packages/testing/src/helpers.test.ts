import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { findRepoRoot, requireBinary } from './binaries.js';
import { freePort, freePorts } from './free-port.js';
import { tempDir } from './temp-dir.js';

describe('freePort', () => {
  it('returns a port that can be bound on 127.0.0.1', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    await new Promise(resolve => server.close(resolve));
  });

  it('draws ports below the ephemeral range, where no outgoing connection can take them', async () => {
    const [start] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').split(/\s+/);
    for (const port of await freePorts(20)) {
      expect(port).toBeGreaterThanOrEqual(15_000);
      expect(port).toBeLessThan(Number(start));
    }
  });

  it('returns distinct ports', async () => {
    const ports = await freePorts(3);
    expect(new Set(ports).size).toBe(3);
  });
});

describe('tempDir', () => {
  it('creates a directory and removes it with everything in it', async () => {
    const dir = await tempDir('unit');
    writeFileSync(join(dir.path, 'file'), 'x');
    expect(dir.path).toContain('heapster-unit-');
    await dir.cleanup();
    expect(existsSync(dir.path)).toBe(false);
    await dir.cleanup();
  });

  it('refuses a prefix that could escape the temp folder', async () => {
    await expect(tempDir('../x')).rejects.toThrow(/prefix must be .* got '\.\.\/x'/);
  });
});

describe('requireBinary and findRepoRoot', () => {
  it('points at scripts/test-prereqs.sh when a binary is missing', () => {
    expect(() => requireBinary('no-such-server-binary', 'a test server')).toThrow(
      'no-such-server-binary (a test server) was not found on PATH: run `bash scripts/test-prereqs.sh`',
    );
  });

  it('finds the monorepo root by its workspaces', () => {
    expect(existsSync(join(findRepoRoot(), 'scripts/test-prereqs.sh'))).toBe(true);
  });
});
