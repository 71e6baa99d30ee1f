import { ACCELERATOR_METRICS } from './accelerator.js';
import { CPU_METRICS } from './cpu.js';
import { DISK_METRICS } from './disk.js';
import { EPHEMERAL_STORAGE_METRICS } from './ephemeral-storage.js';
import { FILESYSTEM_METRICS } from './filesystem.js';
import { GENERAL_METRICS } from './general.js';
import { MEMORY_METRICS } from './memory.js';
import type { MetricDescriptor, MetricFamily, MetricSpec } from './metric-descriptor.js';
import { NETWORK_METRICS } from './network.js';

/**
 * Heapster's original (v0.9) metric table. These take ids 0-9, in this order, so that the
 * oldest and commonest metrics have the smallest ids whatever families are added later.
 */
export const SEED_METRIC_NAMES: readonly string[] = [
  'uptime',
  'cpu/usage',
  'memory/usage',
  'memory/page_faults',
  'memory/working_set',
  'network/rx',
  'network/rx_errors',
  'network/tx',
  'network/tx_errors',
  'filesystem/usage',
];

/** The static families in documentation order. */
export const STATIC_FAMILIES: readonly (readonly MetricSpec[])[] = [
  GENERAL_METRICS,
  CPU_METRICS,
  MEMORY_METRICS,
  NETWORK_METRICS,
  FILESYSTEM_METRICS,
  EPHEMERAL_STORAGE_METRICS,
  ACCELERATOR_METRICS,
  DISK_METRICS,
];

/** Family order for documentation and listings (static families, then the dynamic ones). */
export const FAMILY_ORDER: readonly MetricFamily[] = [
  'uptime',
  'restart_count',
  'cpu',
  'memory',
  'network',
  'filesystem',
  'ephemeral_storage',
  'accelerator',
  'disk',
  'resource',
  'custom',
];

function assignIds(): readonly MetricDescriptor[] {
  const specs = STATIC_FAMILIES.flat();
  const byName = new Map(specs.map(spec => [spec.name, spec]));
  const seeds = SEED_METRIC_NAMES.map(name => {
    const spec = byName.get(name);
    if (spec === undefined)
      throw new Error(`seed metric ${name} is missing from the static families`);
    return spec;
  });
  const ordered = [...seeds, ...specs.filter(spec => !SEED_METRIC_NAMES.includes(spec.name))];
  return Object.freeze(ordered.map((spec, id) => Object.freeze({ id, ...spec })));
}

/** Every built-in metric with its fixed id (id = index). */
export const STATIC_METRICS: readonly MetricDescriptor[] = assignIds();
