import { describe, expect, it } from '@jest/globals';
import { gcpEnvironment, type GcpEnvironment, type MetadataKey } from '@heapster/gcp';
import { ConfigError } from '@heapster/runtime';
import { resolveSite } from './site.js';
import { configOf } from './testing/sink-settings.js';

function environment(
  metadata: Partial<Record<MetadataKey, string>> | undefined,
  adcProject?: string,
): GcpEnvironment & { probes: number } {
  const env = {
    probes: 0,
    adcProject: async () => adcProject,
    onGce: async () => {
      env.probes++;
      return metadata !== undefined;
    },
    metadata: async (key: MetadataKey) => metadata?.[key],
  };
  return env;
}

async function problemsOf(uri: string, env: GcpEnvironment): Promise<string[]> {
  try {
    await resolveSite(configOf(uri), env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map(p => `${p.field}: ${p.message}`);
  }
  throw new Error('resolved without problems');
}

describe('resolving project, cluster and location', () => {
  it('should name every option it needs off GCE instead of crashing', async () => {
    expect(await problemsOf('stackdriver', environment(undefined))).toEqual([
      expect.stringMatching(/^stackdriver sink option project: required: .*set \?project=/),
      expect.stringMatching(
        /^stackdriver sink option cluster_name: required: .*no GCE metadata server/,
      ),
      expect.stringMatching(
        /^stackdriver sink option cluster_location: required: .*\?cluster_location=/,
      ),
    ]);
    expect(
      await problemsOf(
        'stackdriver:?use_old_resources=true&project=p&cluster_name=c&cluster_location=l',
        environment(undefined),
      ),
    ).toEqual([
      expect.stringMatching(/^stackdriver sink option zone: required: .*\?zone=us-central1-a/),
    ]);
  });

  it('should take options as given without probing the metadata server', async () => {
    const env = environment(undefined);
    const site = await resolveSite(
      configOf('stackdriver:?project=p&cluster_name=c&cluster_location=europe-west1'),
      env,
    );
    expect(site).toEqual({ project: 'p', clusterName: 'c', location: 'europe-west1', zone: '' });
    expect(env.probes).toBe(0);
  });

  it("should detect what is missing on GCE, the location falling back to the zone (Heapster's order)", async () => {
    const gce = environment({ zone: 'us-east1-b', 'cluster-name': 'gke-1' }, 'adc-proj');
    expect(await resolveSite(configOf('stackdriver:?use_old_resources=true'), gce)).toEqual({
      project: 'adc-proj',
      clusterName: 'gke-1',
      location: 'us-east1-b',
      zone: 'us-east1-b',
    });
    const regional = environment({
      zone: 'us-east1-b',
      'cluster-name': 'gke-1',
      'cluster-location': 'us-east1',
    });
    expect((await resolveSite(configOf('stackdriver:?project=p'), regional)).location).toBe(
      'us-east1',
    );
  });

  it('should find no metadata server under METADATA_SERVER_DETECTION=none', async () => {
    const before = process.env.METADATA_SERVER_DETECTION;
    process.env.METADATA_SERVER_DETECTION = 'none';
    try {
      const env = gcpEnvironment(async () => {
        throw new Error('no ADC here');
      });
      expect(await env.onGce()).toBe(false);
      expect(await env.adcProject()).toBeUndefined();
    } finally {
      if (before === undefined) delete process.env.METADATA_SERVER_DETECTION;
      else process.env.METADATA_SERVER_DETECTION = before;
    }
  });
});
