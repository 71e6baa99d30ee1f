import { describe, expect, it } from '@jest/globals';
import { ConfigError, noopLogger, systemClock } from '@heapster/runtime';
import {
  createHistoricalSource,
  parseHistoricalSourceUri,
} from '../../create-historical-source.js';

const settings = { logger: noopLogger, clock: systemClock };

function problems(uri: string, flag = '--source'): string[] {
  try {
    parseHistoricalSourceUri(uri, flag, {});
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map(p => `${p.field}: ${p.message}`);
    throw error;
  }
  return [];
}

describe('stackdriver / gcm source URIs', () => {
  it('takes the stackdriver sink URI, gcm as an alias, plus max_pages and alignment_period', async () => {
    const spec = parseHistoricalSourceUri(
      'gcm:?project=p&endpoint=127.0.0.1:8085&insecure=true&cluster_name=prod&metrics=autoscaling' +
        '&use_old_resources=true&zone=z&max_pages=7&alignment_period=2m&request_timeout=5s',
      '--source',
      {},
    );
    expect(spec).toMatchObject({
      type: 'stackdriver',
      config: {
        type: 'gcm',
        project: 'p',
        endpoint: { host: '127.0.0.1', port: 8085 },
        insecure: true,
        clusterName: 'prod',
        clusterLocation: undefined,
        zone: 'z',
        newResources: true,
        oldResources: true,
        timeoutMs: 5000,
        maxPages: 7,
        alignmentPeriodMs: 120_000,
      },
    });
    const source = createHistoricalSource('stackdriver:?project=p', settings);
    expect([source.backend, source.name, source.percentilesAreSamples]).toEqual([
      'stackdriver',
      'stackdriver(monitoring.googleapis.com, project=p)',
      false,
    ]);
    expect(parseHistoricalSourceUri('stackdriver:', '--source', {})).toMatchObject({
      config: { project: undefined, timeoutMs: 60_000, maxPages: 100, alignmentPeriodMs: 60_000 },
    });
    await source.close();
  });

  it('reports every bad option together, each named under the flag', () => {
    expect(
      problems(
        'stackdriver:http://x?endpoint=http://y&insecure=maybe&max_pages=0&alignment_period=90500ms&bogus=1',
        '--historical_source',
      ),
    ).toEqual([
      '--historical_source option max_pages: 0 is below the minimum 1',
      '--historical_source option alignment_period: 90500 ms is not a whole number of seconds',
      expect.stringMatching(/^--historical_source option target: "http:\/\/x" is not allowed/),
      '--historical_source option insecure: "maybe" is not a boolean (true or false)',
      expect.stringMatching(/^--historical_source option endpoint: "http:\/\/y" is not host:port/),
      expect.stringMatching(/^--historical_source option bogus: unknown option/),
    ]);
    expect(problems('stackdriver:?alignment_period=30s')).toEqual([
      '--source option alignment_period: 30s is below the minimum of 60000 ms',
    ]);
    expect(problems('gcm:?use_new_resources=false')).toEqual([
      expect.stringMatching(/^--source option use_new_resources: false together with/),
    ]);
  });
});
