import { describe, expect, it } from '@jest/globals';
import { parseEndpoint } from '@heapster/gcp';
import { ConfigError } from '@heapster/runtime';
import { parseSinkUri } from '@heapster/sink';
import { parseConfig } from './config.js';
import { stackdriverSinkFactory } from './factory.js';

const configOf = (uri: string) => parseConfig(parseSinkUri(uri, {}));

function problemsOf(uri: string): string[] {
  try {
    configOf(uri);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map(p => `${p.field}: ${p.message}`);
  }
  throw new Error(`${uri} parsed without problems`);
}

describe('stackdriver sink options', () => {
  it('should default to the new resource model with detection and no throttle', () => {
    expect(configOf('stackdriver')).toEqual({
      type: 'stackdriver',
      newResources: true,
      oldResources: false,
      project: undefined,
      clusterName: undefined,
      clusterLocation: undefined,
      zone: undefined,
      metrics: 'all',
      minIntervalMs: 0,
      batchExportTimeoutMs: 60_000,
      workers: 10,
      requestTimeoutMs: 12_000,
      endpoint: undefined,
      insecure: false,
    });
  });

  it("should read Heapster's options", () => {
    const config = configOf(
      'stackdriver:?use_old_resources=true&use_new_resources=false&cluster_name=prod' +
        '&cluster_location=us-central1&zone=us-central1-b&project=p1&min_interval_sec=30' +
        '&batch_export_timeout_sec=20&initial_delay_sec=3&workers=4',
    );
    expect(config).toMatchObject({
      newResources: false,
      oldResources: true,
      clusterName: 'prod',
      clusterLocation: 'us-central1',
      zone: 'us-central1-b',
      project: 'p1',
      minIntervalMs: 30_000,
      batchExportTimeoutMs: 20_000,
      workers: 4,
    });
  });

  it("should serve gcm as an alias with Heapster gcm's metrics option", () => {
    expect(stackdriverSinkFactory.aliases).toContain('gcm');
    expect(configOf('gcm')).toMatchObject({ type: 'gcm', metrics: 'all', newResources: true });
    expect(configOf('gcm:?metrics=autoscaling').metrics).toBe('autoscaling');
  });

  it('should take a local endpoint, plain text only when asked', () => {
    expect(configOf('stackdriver:?endpoint=127.0.0.1:8085&insecure=true')).toMatchObject({
      endpoint: { host: '127.0.0.1', port: 8085 },
      insecure: true,
    });
    expect(parseEndpoint('[::1]:9')).toEqual({ host: '::1', port: 9 });
    expect(parseEndpoint('monitoring.example.com')).toEqual({
      host: 'monitoring.example.com',
      port: 443,
    });
  });

  it('should report every bad option together, each by name', () => {
    const problems = problemsOf(
      'stackdriver:http://x?use_new_resources=false&metrics=some&endpoint=http://h:1' +
        '&batch_export_timeout_sec=0&project=&colour=red',
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^stackdriver sink option target: .*takes no URL/),
        expect.stringMatching(/^stackdriver sink option use_new_resources: .*no resource model/),
        expect.stringMatching(
          /^stackdriver sink option metrics: "some" is not one of all, autoscaling/,
        ),
        expect.stringMatching(/^stackdriver sink option endpoint: "http:\/\/h:1" is not host:port/),
        expect.stringMatching(/^stackdriver sink option batch_export_timeout_sec: 0 is below/),
        expect.stringMatching(/^stackdriver sink option project: must not be empty/),
        expect.stringMatching(/^stackdriver sink option colour: unknown option/),
      ]),
    );
    expect(problemsOf('gcm:?insecure=true')).toEqual([
      expect.stringMatching(/^gcm sink option insecure: needs endpoint=host:port/),
    ]);
  });
});
