import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@heapster/runtime';
import { parseEventerArgs, type ParseEventerArgsDeps } from './parse-eventer-args.js';
import { loadEventerSinkRegistry } from './sink-factories.js';

const EVENTER_SINK_REGISTRY = await loadEventerSinkRegistry();
const deps = (registry = EVENTER_SINK_REGISTRY): ParseEventerArgsDeps => ({
  registry,
  env: {},
  kube: { serviceAccountDir: '/nonexistent', homeDir: null },
});
const SOURCE = '--source=kubernetes:http://127.0.0.1:6443?inClusterConfig=false';

function run(argv: string[], d = deps()) {
  const parsed = parseEventerArgs(argv, '1.2.3', d);
  if (parsed.kind !== 'run') throw new Error('expected a run');
  return parsed.config;
}

function problems(argv: string[]): string[] {
  try {
    parseEventerArgs(argv, '1.2.3', deps());
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map(p => `${p.field}: ${p.message}`);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseEventerArgs', () => {
  it("should apply Heapster's defaults", () => {
    const { options } = run([SOURCE, '--sink=log']);
    expect(options).toMatchObject({
      frequencyMs: 30_000,
      healthzIp: '0.0.0.0',
      healthzPort: 8084,
      checkpointFile: 'eventer-checkpoint.json',
      logLevel: 'info',
    });
  });

  it('should accept _ and - spellings and Go single-dash flags alike', () => {
    const { options } = run([SOURCE, '--sink=log', '--healthz_port=9000', '-max_procs=2', '-v=4']);
    expect(options.healthzPort).toBe(9000);
    expect(options.logLevel).toBe('debug');
  });

  it('should report every flag, source and sink problem together', () => {
    expect(
      problems([
        '--frequency=4m',
        '--healthz-port=70000',
        '--batch-size=0',
        '--sink=nope',
        '--sink=log?types=Info&colour=red',
        '--source=kubernetes.summary_api:http://x',
        'stray',
      ]),
    ).toEqual([
      'command line: unexpected arguments: stray',
      '--frequency: 4m is above the maximum of 180s',
      '--healthz-port: "70000" is not an integer from 0 to 65535',
      '--batch-size: "0" is not an integer from 1 to 1000000',
      '--sink=nope: unknown events sink type "nope" (supported: duckdb, gcl, http, influxdb, log)',
      'log sink option types: "Info" is not an event type (Normal or Warning)',
      expect.stringMatching(/^log sink option colour: unknown option/),
      '--source: "kubernetes.summary_api" is a metrics source: the eventer reads kubernetes:<url>?<options>',
    ]);
  });

  it('should require a sink and a reachable cluster configuration', () => {
    const found = problems([]);
    expect(found[0]).toMatch(/^--sink: at least one event sink is needed/);
    expect(found[1]).toMatch(/no Kubernetes API server configured/);
  });

  it("should hand the sink factory its URI without the eventer's filter options", () => {
    const { sinks } = run([SOURCE, '--sink=log?format=json&types=Warning&reasons=Back*']);
    expect(sinks[0]?.resolved.uri.raw).toBe('log?format=json');
    expect(sinks[0]?.id).toBe('log?format=json&types=Warning&reasons=Back*');
    expect(sinks[0]?.accepts).toBeDefined();
  });

  it('should give identical sinks distinct checkpoint keys', () => {
    const { sinks } = run([SOURCE, '--sink=log', '--sink=log']);
    expect(sinks.map(s => s.id)).toEqual(['log', 'log#2']);
  });

  it('should default the quick start to the embedded store, quietly, with state under --state-dir', () => {
    const config = run([SOURCE, '--quickstart', '--state-dir=/tmp/qs']);
    expect(config.options.sinks).toEqual(['duckdb:/tmp/qs/events.duckdb']);
    expect(config.options.logLevel).toBe('warn');
    expect(config.options.checkpointFile).toBe('/tmp/qs/eventer-checkpoint.json');
  });

  it('should let --checkpoint-file="" turn the file off', () => {
    expect(
      run([SOURCE, '--sink=log', '--checkpoint-file=']).options.checkpointFile,
    ).toBeUndefined();
  });

  it('should print the version and the help without running', () => {
    expect(parseEventerArgs(['--version'], '1.2.3', deps())).toEqual({
      kind: 'exit',
      code: 0,
      output: 'version: 1.2.3\n',
    });
    const help = parseEventerArgs(['--help'], '1.2.3', deps());
    expect(help.kind === 'exit' && help.output).toMatch(/--checkpoint-file/);
  });
});
