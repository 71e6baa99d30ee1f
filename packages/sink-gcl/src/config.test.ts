import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@heapster/runtime';
import { configOf } from './testing/sink-settings.js';

function problemsOf(uri: string): string[] {
  try {
    configOf(uri);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map(p => `${p.field}: ${p.message}`);
  }
  throw new Error(`${uri} parsed without problems`);
}

describe('gcl sink options', () => {
  it("should need no options, as Heapster's gcl", () => {
    expect(configOf('gcl')).toEqual({
      type: 'gcl',
      project: undefined,
      clusterName: undefined,
      clusterLocation: undefined,
      resource: 'auto',
      logName: 'kubernetes.io/events',
      batchSize: 1000,
      workers: 2,
      requestTimeoutMs: 30_000,
      endpoint: undefined,
      insecure: false,
    });
  });

  it('should read every option, the zone standing in for the cluster location', () => {
    expect(
      configOf(
        'gcl:?project=p&cluster_name=prod&zone=us-central1-a&resource=k8s_cluster&log_name=events' +
          '&batch_size=50&workers=4&request_timeout=5s&endpoint=127.0.0.1:9&insecure=true',
      ),
    ).toMatchObject({
      project: 'p',
      clusterName: 'prod',
      clusterLocation: 'us-central1-a',
      resource: 'k8s_cluster',
      logName: 'events',
      batchSize: 50,
      workers: 4,
      requestTimeoutMs: 5000,
      endpoint: { host: '127.0.0.1', port: 9 },
      insecure: true,
    });
    expect(configOf('gcl:?cluster_location=us-central1&zone=us-central1-a').clusterLocation).toBe(
      'us-central1',
    );
  });

  it('should report every bad option together, each by name', () => {
    expect(
      problemsOf(
        'gcl:http://x?resource=pod&log_name=a b&batch_size=0&insecure=true&cluster_name=&x=1',
      ),
    ).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^gcl sink option target: .*takes no URL/),
        expect.stringMatching(
          /^gcl sink option resource: "pod" is not one of auto, k8s_cluster, global/,
        ),
        expect.stringMatching(/^gcl sink option log_name: "a b" is not a log name/),
        expect.stringMatching(/^gcl sink option batch_size: 0 is below the minimum 1/),
        expect.stringMatching(/^gcl sink option insecure: needs endpoint/),
        expect.stringMatching(/^gcl sink option cluster_name: must not be empty/),
        expect.stringMatching(/^gcl sink option x: unknown option/),
      ]),
    );
  });
});
