import { describe, expect, it } from '@jest/globals';
import type { GcpEnvironment, MetadataKey } from '@heapster/gcp';
import { ConfigError } from '@heapster/runtime';
import { resolveTarget } from './site.js';
import { configOf } from './testing/sink-settings.js';

function environment(
  metadata: Partial<Record<MetadataKey, string>> | undefined,
  adcProject?: string,
): GcpEnvironment {
  return {
    adcProject: async () => adcProject,
    onGce: async () => metadata !== undefined,
    metadata: async key => metadata?.[key],
  };
}

describe('resolving the log target', () => {
  it('should use k8s_cluster when the cluster is known, else fall back to global', async () => {
    expect(
      await resolveTarget(configOf('gcl:?project=p&cluster_name=c&zone=z'), environment(undefined)),
    ).toEqual({
      project: 'p',
      resource: {
        type: 'k8s_cluster',
        labels: { project_id: 'p', location: 'z', cluster_name: 'c' },
      },
    });
    expect(await resolveTarget(configOf('gcl'), environment(undefined, 'adc'))).toEqual({
      project: 'adc',
      resource: { type: 'global', labels: { project_id: 'adc' } },
    });
    expect(
      await resolveTarget(
        configOf('gcl:?project=p&cluster_name=c&zone=z&resource=global'),
        environment(undefined),
      ),
    ).toEqual({
      project: 'p',
      resource: { type: 'global', labels: { project_id: 'p' } },
    });
  });

  it('should detect the cluster on GCE: attributes, the location falling back to the zone', async () => {
    const gce = environment({ 'cluster-name': 'gke-1', zone: 'europe-west1-b' }, 'adc');
    expect((await resolveTarget(configOf('gcl'), gce)).resource).toEqual({
      type: 'k8s_cluster',
      labels: { project_id: 'adc', location: 'europe-west1-b', cluster_name: 'gke-1' },
    });
  });

  it('should name the options resource=k8s_cluster and the project need off GCE', async () => {
    const error = await resolveTarget(
      configOf('gcl:?resource=k8s_cluster'),
      environment(undefined),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.map(p => p.field)).toEqual([
      'gcl sink option project',
      'gcl sink option cluster_name',
      'gcl sink option cluster_location',
    ]);
    expect((error as ConfigError).message).toMatch(/no GCE metadata server/);
  });
});
