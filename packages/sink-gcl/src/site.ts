import { ConfigError, type FieldProblem } from '@heapster/runtime';
import type { GclSinkConfig } from './config.js';

export type MetadataKey = 'zone' | 'cluster-name' | 'cluster-location';

/** What the sink may detect about its surroundings; the production one is gcp-environment.ts. */
export interface GcpEnvironment {
  /** The Application Default Credentials project (env, key file, gcloud, metadata), if any. */
  adcProject(): Promise<string | undefined>;
  /** Whether a GCE metadata server answers (false at once under METADATA_SERVER_DETECTION=none). */
  onGce(): Promise<boolean>;
  /** A metadata value: the instance zone (last path segment) or a cluster attribute. */
  metadata(key: MetadataKey): Promise<string | undefined>;
}

/** Where the entries go: the project and the monitored resource they describe. */
export interface LogTarget {
  readonly project: string;
  readonly resource: {
    readonly type: 'k8s_cluster' | 'global';
    readonly labels: Readonly<Record<string, string>>;
  };
}

/**
 * Fills in what the options leave out: the project from Application Default Credentials, the
 * cluster name and location from the GCE metadata server (instance attributes `cluster-name`,
 * `cluster-location`, else the zone). With `resource=auto`, a cluster that cannot be named
 * falls back to Heapster's `global` resource; with `resource=k8s_cluster` it is a ConfigError
 * naming the missing options.
 */
export async function resolveTarget(
  config: GclSinkConfig,
  environment: GcpEnvironment,
): Promise<LogTarget> {
  const problems: FieldProblem[] = [];
  const project = config.project ?? nonEmpty(await environment.adcProject());
  if (project === undefined) {
    problems.push({
      field: `${config.type} sink option project`,
      message:
        'required: no project from Application Default Credentials (GOOGLE_CLOUD_PROJECT, key file, gcloud or metadata server); set ?project=<project id>',
    });
  }
  let clusterName = config.clusterName;
  let location = config.clusterLocation;
  const wantsCluster = config.resource !== 'global';
  if (wantsCluster && (clusterName === undefined || location === undefined)) {
    const onGce = await environment.onGce();
    const detect = async (key: MetadataKey): Promise<string | undefined> =>
      onGce ? nonEmpty(await environment.metadata(key)) : undefined;
    clusterName ??= await detect('cluster-name');
    location ??= (await detect('cluster-location')) ?? (await detect('zone'));
    if (config.resource === 'k8s_cluster') {
      const where = onGce ? 'the GCE metadata server does not have it' : 'no GCE metadata server';
      if (clusterName === undefined) {
        problems.push({
          field: `${config.type} sink option cluster_name`,
          message: `required by resource=k8s_cluster: not detected (${where}); set ?cluster_name=<name>`,
        });
      }
      if (location === undefined) {
        problems.push({
          field: `${config.type} sink option cluster_location`,
          message: `required by resource=k8s_cluster: not detected (${where}); set ?cluster_location=<region or zone>`,
        });
      }
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  const projectId = project ?? '';
  if (wantsCluster && clusterName !== undefined && location !== undefined) {
    return {
      project: projectId,
      resource: {
        type: 'k8s_cluster',
        labels: { project_id: projectId, location, cluster_name: clusterName },
      },
    };
  }
  return { project: projectId, resource: { type: 'global', labels: { project_id: projectId } } };
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}
