import type { HistoricalEntityField, HistoricalSelector } from '@heapster/sink';
import type { MetricCatalog, MetricRecipe } from './metric-catalog.js';
import { catalogFor } from './read-scope.js';
import type { StackdriverSourceConfig } from './stackdriver-config.js';

/** Which series an entity listing reads (view HEADERS) and which label it collects. */
export interface ListingPlan {
  /** A metric the sink writes for every entity of the level (uptime, working set). */
  readonly recipe: MetricRecipe;
  readonly selector: HistoricalSelector;
  /** The label holding the names: `resource.labels.node_name`, `metric.labels.component`, … */
  readonly labelPath: string;
}

function probe(catalog: MetricCatalog, name: string): MetricRecipe {
  const recipe = catalog.get(name);
  // The sink's tables always map these; a missing one is a programming error, not a request's.
  if (recipe === undefined) throw new Error(`the stackdriver metric map lost ${name}`);
  return recipe;
}

/**
 * Listings from the series headers of one metric the sink writes for every entity: containers'
 * uptime for namespaces, pods and containers (every pod has containers; k8s_pod only carries
 * network and volume series), nodes' and system containers' working set. Pod UIDs and the
 * containers of a pod UID come from the legacy gke_container.
 */
export function listingPlan(
  field: HistoricalEntityField,
  selector: HistoricalSelector,
  config: StackdriverSourceConfig,
): ListingPlan {
  if (field === 'pod_id' || selector.podIds !== undefined) {
    const catalog = catalogFor({ ...selector, podIds: selector.podIds ?? [] }, config);
    const recipe = probe(catalog, 'uptime');
    if (field === 'pod_id') {
      // Every series of the legacy model carries its pod's UID, containers' ones included.
      const { podIds: _podIds, ...rest } = selector;
      return {
        recipe,
        selector: { ...rest, type: 'pod_container' },
        labelPath: 'resource.labels.pod_id',
      };
    }
    return { recipe, selector, labelPath: `resource.labels.${field}_name` };
  }
  if (field === 'node') {
    const recipe = probe(catalogFor({ type: 'node' }, config), 'memory/working_set');
    return { recipe, selector, labelPath: 'resource.labels.node_name' };
  }
  if (selector.type === 'sys_container') {
    const recipe = probe(catalogFor({ type: 'sys_container' }, config), 'memory/working_set');
    return { recipe, selector, labelPath: 'metric.labels.component' };
  }
  const recipe = probe(catalogFor({ type: 'pod_container' }, config), 'uptime');
  return { recipe, selector, labelPath: `resource.labels.${field}_name` };
}
