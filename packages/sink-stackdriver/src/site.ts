import {
  detectMetadata,
  resolveProject,
  undetectedReason,
  type GcpEnvironment,
  type MetadataKey,
} from '@heapster/gcp';
import { ConfigError, type FieldProblem } from '@heapster/runtime';
import type { StackdriverSinkConfig } from './config.js';

/** Where the series go and which cluster they describe. Empty strings: not needed by the models in use. */
export interface GcpSite {
  readonly project: string;
  readonly clusterName: string;
  /** `location` of k8s_* resources (new model). */
  readonly location: string;
  /** `zone` of gke_container (legacy model). */
  readonly zone: string;
}

/**
 * Fills in what the options leave out, the way Heapster did on GCE (project and zone from the
 * metadata server, cluster name and location from the instance attributes `cluster-name` and
 * `cluster-location`, location falling back to the zone) — but off GCE every missing value is a
 * ConfigError naming its option instead of Heapster's crash on `opts["zone"][0]`.
 */
export async function resolveSite(
  config: StackdriverSinkConfig,
  environment: GcpEnvironment,
): Promise<GcpSite> {
  const problems: FieldProblem[] = [];
  const missing = (option: string, what: string, example: string): void => {
    problems.push({
      field: `${config.type} sink option ${option}`,
      message:
        `required: ${what} could not be detected (${undetectedReason(onGce)}); ` +
        `set ?${option}=${example}`,
    });
  };
  const needsMetadata =
    config.clusterName === undefined ||
    (config.oldResources && config.zone === undefined) ||
    (config.newResources && config.clusterLocation === undefined && config.zone === undefined);
  const onGce = needsMetadata ? await environment.onGce() : false;
  const detect = (key: MetadataKey): Promise<string | undefined> =>
    detectMetadata(environment, onGce, key);

  const project = await resolveProject(config.type, config.project, environment, problems);
  const clusterName = config.clusterName ?? (await detect('cluster-name'));
  if (clusterName === undefined) missing('cluster_name', 'the cluster name', '<cluster name>');

  let zone = config.zone;
  if (zone === undefined && (config.oldResources || config.clusterLocation === undefined)) {
    zone = await detect('zone');
  }
  if (config.oldResources && zone === undefined) missing('zone', 'the zone', 'us-central1-a');

  let location = '';
  if (config.newResources) {
    location = config.clusterLocation ?? (await detect('cluster-location')) ?? zone ?? '';
    if (location === '') missing('cluster_location', 'the cluster location', 'us-central1');
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    project: project ?? '',
    clusterName: clusterName ?? '',
    location,
    zone: zone ?? '',
  });
}
