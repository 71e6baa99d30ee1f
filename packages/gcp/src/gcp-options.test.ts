import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@heapster/runtime';
import { OptionReader, parseSinkUri } from '@heapster/sink';
import { readClusterOptions, readConnectionOptions } from './gcp-options.js';

function read(uri: string) {
  const parsed = parseSinkUri(uri, {});
  const options = new OptionReader(parsed);
  const connection = readConnectionOptions(options, parsed, 'logging.googleapis.com');
  const cluster = readClusterOptions(options);
  options.done();
  return { ...connection, ...cluster };
}

function problemsOf(uri: string): string[] {
  try {
    read(uri);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map(p => `${p.field}: ${p.message}`);
  }
  throw new Error(`${uri} read without problems`);
}

describe('Google Cloud sink options', () => {
  it('defaults to the Google endpoint and detection of everything', () => {
    expect(read('gcl')).toEqual({
      endpoint: undefined,
      insecure: false,
      project: undefined,
      clusterName: undefined,
      clusterLocation: undefined,
      zone: undefined,
    });
  });

  it('reads the endpoint, plain text, project and cluster, trimmed', () => {
    expect(
      read(
        'gcl:?endpoint=127.0.0.1:9&insecure=true&project=p1&cluster_name=%20prod%20' +
          '&cluster_location=us-central1&zone=us-central1-b',
      ),
    ).toEqual({
      endpoint: { host: '127.0.0.1', port: 9 },
      insecure: true,
      project: 'p1',
      clusterName: 'prod',
      clusterLocation: 'us-central1',
      zone: 'us-central1-b',
    });
  });

  it('reports a target URL, a bad endpoint, plain text without one and empty values, by name', () => {
    expect(problemsOf('stackdriver:http://x?endpoint=http://h:1&project=&zone=')).toEqual([
      expect.stringMatching(
        /^stackdriver sink option target: "http:\/\/x" is not allowed: the stackdriver sink takes no URL/,
      ),
      'stackdriver sink option endpoint: "http://h:1" is not host:port (e.g. 127.0.0.1:8085 or logging.googleapis.com)',
      'stackdriver sink option project: must not be empty (leave it out to detect it)',
      'stackdriver sink option zone: must not be empty (leave it out to detect it)',
    ]);
    expect(problemsOf('gcl:?insecure=true')).toEqual([
      'gcl sink option insecure: needs endpoint=host:port: plain text is only for local fakes',
    ]);
  });
});
