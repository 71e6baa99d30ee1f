import {
  MetricId,
  RESOURCE_REQUEST_SUFFIX,
  type EntityTable,
  type MetricRegistry,
} from '@heapster/model';
import type { Logger } from '@heapster/runtime';
import type { ContainerSpecInfo } from './cluster-sources.js';

/**
 * Heapster's `updateContainerResourcesAndLimits`: a container's requests and limits as
 * metrics — cpu in millicores, memory and ephemeral-storage in bytes, each zero-filled when
 * unset, and every other requested resource as the dynamic `<resource>/request` (limits of
 * extended resources are not recorded, as in Heapster).
 */
export class ContainerResourceWriter {
  private readonly _extendedIds = new WeakMap<MetricRegistry, Map<string, number>>();

  constructor(private readonly _logger: Logger) {}

  write(
    metrics: MetricRegistry,
    table: EntityTable,
    row: number,
    container: ContainerSpecInfo,
  ): void {
    const { requests, limits } = container;
    table.setValue(row, MetricId.CpuRequest, requests.cpuMillis ?? 0);
    table.setValue(row, MetricId.MemoryRequest, requests.memoryBytes ?? 0);
    table.setValue(row, MetricId.EphemeralStorageRequest, requests.ephemeralBytes ?? 0);
    table.setValue(row, MetricId.CpuLimit, limits.cpuMillis ?? 0);
    table.setValue(row, MetricId.MemoryLimit, limits.memoryBytes ?? 0);
    table.setValue(row, MetricId.EphemeralStorageLimit, limits.ephemeralBytes ?? 0);
    const extended = requests.extended;
    if (extended === undefined) return;
    // for..in allocates nothing: most containers have no extended resources at all.
    for (const resource in extended) {
      const id = this._extendedId(metrics, resource);
      if (id >= 0) table.setValue(row, id, extended[resource] as number);
    }
  }

  /** The id of `<resource>/request`, or -1 for a resource name the catalogue refuses. */
  private _extendedId(metrics: MetricRegistry, resource: string): number {
    let ids = this._extendedIds.get(metrics);
    if (ids === undefined) {
      ids = new Map();
      this._extendedIds.set(metrics, ids);
    }
    const known = ids.get(resource);
    if (known !== undefined) return known;
    let id = -1;
    try {
      id = metrics.ensure(`${resource}${RESOURCE_REQUEST_SUFFIX}`).id;
    } catch (error) {
      // Logged once per resource name: the catalogue is bounded and names come from pod specs.
      this._logger.warn('extended resource request not recorded', {
        resource,
        error: String(error),
      });
    }
    ids.set(resource, id);
    return id;
  }
}
