import {
  CUSTOM_METRIC_PREFIX,
  customMetricSpec,
  customNameProblem,
  type MetricTemplate,
} from './custom.js';
import type { MetricDescriptor, MetricSpec } from './metric-descriptor.js';
import {
  isResourceRequestName,
  resourceNameProblem,
  resourceOfRequestName,
  resourceRequestSpec,
} from './resources.js';
import { STATIC_METRICS } from './static-metrics.js';

/** Labeled values store metric ids in 16 bits, so a catalogue never grows past this. */
export const MAX_METRIC_IDS = 0x10000;

/** A metric name the catalogue cannot accept; the message names the value. */
export class MetricCatalogueError extends Error {
  readonly metricName: string;

  constructor(metricName: string, reason: string) {
    super(`metric ${JSON.stringify(metricName)}: ${reason}`);
    this.name = 'MetricCatalogueError';
    this.metricName = metricName;
  }
}

/** Read and register access to the metrics a process knows. */
export interface MetricRegistry {
  readonly size: number;
  byName(name: string): MetricDescriptor | undefined;
  byId(id: number): MetricDescriptor | undefined;
  /** Like byName, but an unknown name is an error that names it. */
  get(name: string): MetricDescriptor;
  has(name: string): boolean;
  /** Every metric in id order (a snapshot). */
  all(): readonly MetricDescriptor[];
  /** The metric called `name`, registering a dynamic `<resource>/request` or `custom/<name>` on first sight. */
  ensure(name: string, template?: MetricTemplate): MetricDescriptor;
}

export interface MetricCatalogueOptions {
  /** Upper bound on static plus dynamic metrics; defaults to MAX_METRIC_IDS. */
  readonly maxMetrics?: number;
}

/**
 * The metrics of one process: Heapster's built-in ones with fixed ids, plus dynamic ones
 * (extended-resource requests, application metrics) numbered in order of first sight.
 * Bounded, because dynamic names come from pod specs and containers, not from us.
 */
export class MetricCatalogue implements MetricRegistry {
  private readonly _list: MetricDescriptor[] = [];
  private readonly _byName = new Map<string, MetricDescriptor>();
  private readonly _maxMetrics: number;

  constructor(
    staticMetrics: readonly MetricDescriptor[] = STATIC_METRICS,
    options: MetricCatalogueOptions = {},
  ) {
    const max = options.maxMetrics ?? MAX_METRIC_IDS;
    if (!Number.isInteger(max) || max < staticMetrics.length || max > MAX_METRIC_IDS) {
      throw new RangeError(
        `maxMetrics ${max} must be an integer between ${staticMetrics.length} and ${MAX_METRIC_IDS}`,
      );
    }
    this._maxMetrics = max;
    staticMetrics.forEach((metric, index) => {
      if (metric.id !== index)
        throw new MetricCatalogueError(metric.name, `has id ${metric.id} at index ${index}`);
      this._add(metric);
    });
  }

  get size(): number {
    return this._list.length;
  }

  byName(name: string): MetricDescriptor | undefined {
    return this._byName.get(name);
  }

  byId(id: number): MetricDescriptor | undefined {
    return this._list[id];
  }

  get(name: string): MetricDescriptor {
    const metric = this._byName.get(name);
    if (metric === undefined) throw new MetricCatalogueError(name, 'unknown metric');
    return metric;
  }

  has(name: string): boolean {
    return this._byName.has(name);
  }

  all(): readonly MetricDescriptor[] {
    return this._list.slice();
  }

  ensure(name: string, template?: MetricTemplate): MetricDescriptor {
    const known = this._byName.get(name);
    if (known !== undefined) {
      if (
        known.family === 'custom' &&
        template?.type !== undefined &&
        template.type !== known.type
      ) {
        throw new MetricCatalogueError(
          name,
          `was registered as ${known.type}, now reported as ${template.type}`,
        );
      }
      return known;
    }
    return this._register(this._dynamicSpec(name, template));
  }

  private _dynamicSpec(name: string, template: MetricTemplate | undefined): MetricSpec {
    if (name.startsWith(CUSTOM_METRIC_PREFIX)) {
      const problem = customNameProblem(name.slice(CUSTOM_METRIC_PREFIX.length));
      if (problem !== undefined) throw new MetricCatalogueError(name, problem);
      try {
        return customMetricSpec(name, template);
      } catch (error) {
        throw new MetricCatalogueError(name, (error as Error).message);
      }
    }
    if (isResourceRequestName(name)) {
      const resource = resourceOfRequestName(name);
      const problem = resourceNameProblem(resource);
      if (problem !== undefined)
        throw new MetricCatalogueError(name, `invalid resource name: ${problem}`);
      return resourceRequestSpec(resource);
    }
    throw new MetricCatalogueError(
      name,
      'unknown metric: not one of Heapster\'s, nor a "<resource>/request" or "custom/<name>" metric',
    );
  }

  private _register(spec: MetricSpec): MetricDescriptor {
    if (this._list.length >= this._maxMetrics) {
      throw new MetricCatalogueError(
        spec.name,
        `the catalogue is full (${this._maxMetrics} metrics)`,
      );
    }
    const metric: MetricDescriptor = Object.freeze({ id: this._list.length, ...spec });
    this._add(metric);
    return metric;
  }

  private _add(metric: MetricDescriptor): void {
    if (this._byName.has(metric.name))
      throw new MetricCatalogueError(metric.name, 'is registered twice');
    this._list.push(metric);
    this._byName.set(metric.name, metric);
  }
}
