import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@heapster/runtime';
import { parseOldtimerArgs } from './parse-oldtimer-args.js';

function problems(argv: string[]): string[] {
  try {
    parseOldtimerArgs(argv, '0.1.0', {});
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map(p => `${p.field}: ${p.message}`);
    throw error;
  }
  return [];
}

function run(argv: string[]) {
  const parsed = parseOldtimerArgs(argv, '0.1.0', { TOKEN: 't0k' });
  if (parsed.kind !== 'run') throw new Error('expected a run');
  return parsed.config;
}

describe('oldtimer flags', () => {
  it('takes --source or Heapster’s --historical_source, with _ and - alike', () => {
    const config = run([
      '--historical_source=influxdb:http://influx:8086?db=k8s',
      '--listen_ip',
      '127.0.0.1',
      '--port=0',
    ]);
    expect(config.source).toMatchObject({
      type: 'influxdb',
      config: { url: 'http://influx:8086', database: 'k8s' },
    });
    expect(config.options).toMatchObject({
      sourceFlag: '--historical_source',
      listenIp: '127.0.0.1',
      port: 0,
    });
    expect(run(['--source', 'prometheus:http://vm:8428?bearer_token=$TOKEN']).source).toMatchObject(
      {
        type: 'prometheus',
        config: { bearerToken: 't0k' },
      },
    );
  });

  it('has documented defaults', () => {
    expect(run(['--source=duckdb:/data/heapster.duckdb.snapshot']).options).toEqual({
      source: 'duckdb:/data/heapster.duckdb.snapshot',
      sourceFlag: '--source',
      port: 8083,
      listenIp: '0.0.0.0',
      logLevel: 'info',
      queryTimeoutMs: 60_000,
      maxBuckets: 10_000,
      maxPoints: 1_000_000,
      quickstart: false,
      stateDir: '.quickstart',
    });
  });

  it("reads the core's embedded-store snapshot in the quick start", () => {
    const config = run(['--quickstart', '--state-dir', '/tmp/qs']);
    expect(config.options).toMatchObject({
      source: 'duckdb:/tmp/qs/heapster.duckdb.snapshot?read_only=true',
      logLevel: 'warn',
    });
    expect(config.source).toMatchObject({
      type: 'duckdb',
      config: { path: '/tmp/qs/heapster.duckdb.snapshot', readOnly: true },
    });
  });

  it('reports every problem together, each naming its flag', () => {
    expect(
      problems([
        '--port=99999',
        '--log-level=loud',
        '--query-timeout=soon',
        '--max_buckets=0',
        'extra',
      ]),
    ).toEqual([
      'command line: unexpected arguments: extra',
      expect.stringMatching(/^--source: is required/),
      expect.stringMatching(/^--query-timeout: /),
      expect.stringMatching(/^--log-level: invalid log level "loud"/),
      '--port: "99999" is not an integer from 0 to 65535',
      '--max-buckets: "0" is not an integer from 1 to 1000000',
    ]);
    expect(
      problems(['--source=influxdb:http://i:8086', '--historical-source=prometheus:x?schema=odd']),
    ).toEqual([
      '--historical_source: names another source than --source: give one of them',
      '--historical_source option schema: "odd" is not one of influx, withfields, plain, prometheus',
    ]);
    expect(problems(['--source=influxdb:http://i:8086?db=&timeout=x'])).toEqual([
      '--source option db: must not be empty',
      '--source option timeout: "x" is not a duration (e.g. 30s, 1m30s, 2h)',
    ]);
    expect(problems(['--bogus'])).toEqual([
      expect.stringMatching(/^command line: unknown option '--bogus'/),
    ]);
  });

  it('prints help and version without running', () => {
    const help = parseOldtimerArgs(['--help'], '0.1.0', {});
    expect(help).toMatchObject({
      kind: 'exit',
      code: 0,
      output: expect.stringContaining('--historical-source <uri>'),
    });
    expect(parseOldtimerArgs(['--version'], '0.1.0', {})).toEqual({
      kind: 'exit',
      code: 0,
      output: 'version: 0.1.0\n',
    });
  });
});
