import { EntityType, resolveMetricAlias, STATIC_METRICS } from '@heapster/model';
import type { MetricStore } from '@heapster/store-memory';
import { badParameter, entityNotFound, unknownMetric } from '../errors/api-error.js';
import { metricResult, type MetricResult, type MetricResultList } from './metric-result.js';
import { pod, type ModelEntity } from './model-entities.js';
import type { ValueQuery } from './model-query.js';

const STATIC_NAMES: ReadonlySet<string> = new Set(STATIC_METRICS.map(metric => metric.name));

/** Pod names a pod-list request may carry; a URL is bounded anyway, this bounds the work. */
export const MAX_POD_LIST = 1_000;

/**
 * What the model routes answer, over the recent store. Unknown entities and metrics are 404s
 * (Heapster answered 200 with an empty result, which hid typos); a known entity with no point
 * in the range is an empty result. The cluster always exists.
 */
export class ModelService {
  private readonly _store: MetricStore;

  constructor(store: MetricStore) {
    this._store = store;
  }

  metricNames(entity: ModelEntity): string[] {
    const names = this._store.metricNames(entity.type, entity.parts);
    if (names.length === 0) this._requireEntity(entity);
    return names;
  }

  values(entity: ModelEntity, rawMetric: string, query: ValueQuery): MetricResult {
    const metric = this._metricName(rawMetric);
    this._requireEntity(entity);
    return metricResult(this._store.points(entity.type, entity.parts, metric, query));
  }

  /** Heapster's pod-list route: one result per requested pod, in request order; unknown pods are empty. */
  podListValues(
    namespace: string,
    podList: string,
    rawMetric: string,
    query: ValueQuery,
  ): MetricResultList {
    const names = podList.split(',');
    if (names.length > MAX_POD_LIST) {
      throw badParameter('pod-list', podList, `at most ${MAX_POD_LIST} pod names`);
    }
    if (names.some(name => name === '')) {
      throw badParameter('pod-list', podList, 'expected comma-separated pod names, none empty');
    }
    const metric = this._metricName(rawMetric);
    const items = names.map(name => {
      const { type, parts } = pod(namespace, name);
      return metricResult(this._store.points(type, parts, metric, query));
    });
    return { items };
  }

  /** Children of an entity (pods of a namespace, ...); 404 when the parent is unknown too. */
  children(parent: ModelEntity, list: () => string[]): string[] {
    const names = list();
    if (names.length === 0) this._requireEntity(parent);
    return names;
  }

  private _metricName(raw: string): string {
    if (raw === '') throw badParameter('metric-name', raw, 'a metric name is required');
    const name = resolveMetricAlias(raw);
    const catalogue = this._store.latest()?.batch.metrics;
    const known = catalogue === undefined ? STATIC_NAMES.has(name) : catalogue.has(name);
    if (!known) throw unknownMetric(raw);
    return name;
  }

  private _requireEntity(entity: ModelEntity): void {
    if (entity.type === EntityType.Cluster) return;
    if (this._store.metricNames(entity.type, entity.parts).length === 0) {
      throw entityNotFound(entity.kind, entity.name);
    }
  }
}
