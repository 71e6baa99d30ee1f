import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@heapster/runtime';
import { loadCoreConfig } from './load-core-config.js';

let dir: string;
let kubeconfig: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'load-core-config-'));
  kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfig,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{name: c, cluster: {server: "http://127.0.0.1:6443"}}]',
      'users: [{name: u, user: {token: t}}]',
      'contexts: [{name: x, context: {cluster: c, user: u}}]',
      'current-context: x',
    ].join('\n'),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadCoreConfig (the binary start-up)', () => {
  it('runs the quick start without --sink on its default sinks, their packages loaded', async () => {
    const loaded = await loadCoreConfig(
      ['--quickstart', `--state-dir=${dir}`, `--kubeconfig=${kubeconfig}`],
      'test',
      {},
    );
    if (loaded.kind !== 'run') throw new Error('expected a run');
    expect(loaded.config.sinks.map(sink => sink.factory.type)).toEqual(['log', 'duckdb']);
    expect(loaded.config.sinks[1]?.uri.masked).toContain(join(dir, 'heapster.duckdb'));
  });

  it('loads only the sinks the flags name, and reports an unknown one with the supported list', async () => {
    const loaded = await loadCoreConfig(['--sink=log', `--kubeconfig=${kubeconfig}`], 'test', {});
    if (loaded.kind !== 'run') throw new Error('expected a run');
    expect(loaded.config.sinks.map(sink => sink.factory.type)).toEqual(['log']);
    const error = await loadCoreConfig(
      ['--sink=nosuch:x', `--kubeconfig=${kubeconfig}`],
      'test',
      {},
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfigError);
    expect(String((error as Error).message)).toMatch(/nosuch.*supported: .*duckdb/s);
  });

  it('answers --version without resolving anything', async () => {
    const loaded = await loadCoreConfig(['--version'], '9.9.9', {});
    expect(loaded).toMatchObject({ kind: 'exit', code: 0 });
  });
});
