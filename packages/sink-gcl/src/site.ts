import {
  detectMetadata,
  resolveProject,
  undetectedReason,
  type GcpEnvironment,
  type MetadataKey,
} from '@heapster/gcp';
import { ConfigError, type FieldProblem } from '@heapster/runtime';
import type { GclSinkConfig } from './config.js';

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
  const project = await resolveProject(config.type, config.project, environment, problems);
  let clusterName = config.clusterName;
  let location = config.clusterLocation;
  const wantsCluster = config.resource !== 'global';
  if (wantsCluster && (clusterName === undefined || location === undefined)) {
    const onGce = await environment.onGce();
    const detect = (key: MetadataKey): Promise<string | undefined> =>
      detectMetadata(environment, onGce, key);
    clusterName ??= await detect('cluster-name');
    location ??= (await detect('cluster-location')) ?? (await detect('zone'));
    if (config.resource === 'k8s_cluster') {
      const where = undetectedReason(onGce);
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
