import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@heapster/runtime';
import { parseCoreArgs } from './parse-core-args.js';

function run(argv: string[]) {
  const parsed = parseCoreArgs(argv, '0.1.0');
  if (parsed.kind !== 'run') throw new Error('expected a run');
  return parsed.options;
}

function problems(argv: string[]): string[] {
  try {
    parseCoreArgs(argv, '0.1.0');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map(p => `${p.field}: ${p.message}`);
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseCoreArgs', () => {
  it("should apply Heapster's defaults", () => {
    const options = run([]);
    expect(options.metricResolutionMs).toBe(60_000);
    expect(options.heapsterPort).toBe(8082);
    expect(options.sinkExportTimeoutMs).toBe(20_000);
    expect(options.labelSeparator).toBe(',');
    expect(options.sinks).toEqual([]);
    expect(options.secure.requestHeader.usernameHeaders).toEqual(['X-Remote-User']);
    expect(options.readWorkers).toBe(0);
  });

  it('should accept underscores and dashes alike, and repeated sinks', () => {
    const options = run([
      '--metric_resolution=15s',
      '--sink=log',
      '--sink',
      'influxdb:http://influx:8086?db=k8s',
      '--store_label=team=app.kubernetes.io/team',
      '--store-label=app',
      '--historical_source=influxdb:http://influx:8086?db=k8s',
      '--v=4',
      '--read_workers=2',
    ]);
    expect(options.metricResolutionMs).toBe(15_000);
    expect(options.sinks).toEqual(['log', 'influxdb:http://influx:8086?db=k8s']);
    expect(options.storeLabels).toEqual([
      { name: 'team', source: 'app.kubernetes.io/team' },
      { name: 'app', source: 'app' },
    ]);
    expect(options.historicalSource).toBe('influxdb:http://influx:8086?db=k8s');
    expect(options.logLevel).toBe('debug');
    expect(options.readWorkers).toBe(2);
  });

  it('should report every bad flag at once, each naming its flag', () => {
    expect(
      problems([
        '--metric_resolution=2s',
        '--heapster-port=99999',
        '--tls_cert=/c.pem',
        '--historical_source=influxdb:x',
        '--source=a',
        '--source=b',
        '--sink_export_data_timeout=soon',
        '--read-workers=9',
      ]),
    ).toEqual([
      '--source: exactly one source is accepted, got 2',
      '--metric_resolution: 2s is below the minimum of 5s',
      '--sink_export_data_timeout: time: invalid duration "soon"',
      '--tls_key: required with --tls_cert',
      '--historical_source: must equal one of the --sink values exactly (got "influxdb:x")',
      '--heapster-port: "99999" is not a port (0-65535)',
      '--read-workers: "9" is not a number of threads (0-8)',
    ]);
  });

  it('should turn unknown flags into a config error', () => {
    expect(problems(['--poll_duration=10s'])[0]).toContain("unknown option '--poll-duration=10s'");
  });

  it('should return help and version text instead of exiting', () => {
    const help = parseCoreArgs(['--help'], '0.1.0');
    expect(help.kind).toBe('exit');
    expect(help.kind === 'exit' && help.output).toContain('--metric-resolution <duration>');
    const version = parseCoreArgs(['--version'], '0.1.0');
    expect(version.kind === 'exit' && version.output.trim()).toBe('version: 0.1.0');
  });
});
