import { HistoricalQueryError, type HistoricalSelector } from '@heapster/sink';
import {
  legacyCatalog,
  newModelCatalog,
  RESOURCE_TYPES,
  type MetricCatalog,
  type MetricRecipe,
} from './metric-catalog.js';
import type { FilterClause } from './monitoring-filter.js';
import type { StackdriverSourceConfig } from './stackdriver-config.js';

/** What one query reads: the filter clauses and, for list routes, the label results split by. */
export interface ReadScope {
  readonly recipe: MetricRecipe;
  readonly clauses: readonly FilterClause[];
  /** `resource.labels.pod_name` / `resource.labels.pod_id`: one result per value (list routes). */
  readonly groupField: string | undefined;
}

const ENTITY_NAMES: Readonly<Record<string, string>> = {
  pod_container: 'containers',
  pod: 'pods',
  ns: 'namespaces',
  node: 'nodes',
  cluster: 'the cluster',
  sys_container: 'system containers',
};

/**
 * The catalog a selector reads. Name routes read the new resource model; pod-UID routes the
 * legacy gke_container, the only resource with a pod UID (k8s_pod has none). A route whose
 * model the URI turned off is a 400 on the route's parameter, saying which option to set.
 */
export function catalogFor(
  selector: HistoricalSelector,
  config: StackdriverSourceConfig,
  parameter = 'pod-id',
): MetricCatalog {
  if (selector.podIds !== undefined) {
    if (!config.oldResources) {
      throw new HistoricalQueryError(
        parameter,
        `Cloud Monitoring's k8s_pod has no pod UID: pod-id routes need the legacy gke_container ` +
          `series (write and read them with use_old_resources=true)`,
      );
    }
    return legacyCatalog(selector.type);
  }
  if (!config.newResources) {
    throw new HistoricalQueryError(
      'source',
      'name routes read k8s_container/k8s_pod/k8s_node series, turned off by use_new_resources=false',
    );
  }
  return newModelCatalog(selector.type);
}

/** The recipe of a metric at a selector's level, or a 400 saying it is not in Cloud Monitoring. */
export function recipeFor(
  catalog: MetricCatalog,
  selector: HistoricalSelector,
  metric: string,
): MetricRecipe {
  const recipe = catalog.get(metric);
  if (recipe === undefined) {
    const rate = catalog.has(`${metric}_rate`) ? ` (ask ${metric}_rate)` : '';
    throw new HistoricalQueryError(
      'metric',
      `"${metric}" of ${ENTITY_NAMES[selector.type] ?? selector.type} cannot be read from Cloud ` +
        `Monitoring${rate}: see docs/stackdriver.md for what the stackdriver sink writes`,
    );
  }
  return recipe;
}

/**
 * The scope of one query, or undefined when the sink writes no series that could match (a
 * `labels=` pair on a metric without labels, a volume that is not a Volume:). Cluster filters
 * apply only when the URI names them.
 */
export function readScope(
  selector: HistoricalSelector,
  recipe: MetricRecipe,
  config: StackdriverSourceConfig,
  groupBy?: 'pod' | 'pod_id',
): ReadScope | undefined {
  const clauses: FilterClause[] = [
    { path: 'metric.type', values: [recipe.metricType] },
    { path: 'resource.type', values: [RESOURCE_TYPES[recipe.stored]] },
  ];
  const resource = (key: string, values: readonly string[] | string | undefined): void => {
    if (values === undefined) return;
    clauses.push({
      path: `resource.labels.${key}`,
      values: typeof values === 'string' ? [values] : values,
    });
  };
  const legacy = recipe.stored === 'legacy';
  resource('cluster_name', config.clusterName);
  resource(legacy ? 'zone' : 'location', legacy ? config.zone : config.clusterLocation);
  switch (recipe.stored) {
    case 'container':
    case 'pod':
      resource('namespace_name', selector.namespace);
      resource('pod_name', selector.pods);
      if (recipe.stored === 'container') resource('container_name', selector.container);
      break;
    case 'node':
    case 'node_daemon':
      resource('node_name', selector.node);
      break;
    case 'legacy':
      resource('pod_id', selector.podIds);
      // The sink writes a pod's own series with an empty container name.
      resource('container_name', selector.type === 'pod' ? '' : selector.container);
      break;
  }
  const metricLabels: Record<string, string> = { ...recipe.metricLabels };
  if (recipe.stored === 'node_daemon' && selector.container !== undefined) {
    metricLabels['component'] = selector.container;
  }
  if (selector.labels !== undefined) {
    if (recipe.labeled === undefined) return undefined;
    const pairs = Object.entries(selector.labels).map(([key, value]) => ({ key, value }));
    const labels = recipe.labeled.seriesLabels(pairs);
    if (labels === undefined) return undefined;
    for (const [key, value] of Object.entries(labels)) if (value !== '') metricLabels[key] = value;
  }
  for (const [key, value] of Object.entries(metricLabels).sort(([a], [b]) => (a < b ? -1 : 1))) {
    clauses.push({ path: `metric.labels.${key}`, values: [value] });
  }
  const groupField =
    groupBy === 'pod'
      ? 'resource.labels.pod_name'
      : groupBy === 'pod_id'
        ? 'resource.labels.pod_id'
        : undefined;
  return { recipe, clauses, groupField };
}

/** Whether a query may read several series per result that the API must pool or add up. */
export function readsSeveralSeries(scope: ReadScope, selector: HistoricalSelector): boolean {
  return scope.recipe.summed || (scope.recipe.labeled !== undefined && !selector.labels);
}
