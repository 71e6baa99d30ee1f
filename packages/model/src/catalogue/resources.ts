import type { MetricFamily, MetricSpec } from './metric-descriptor.js';
import { C, levels, NO_KEYS, P, POD_SUM } from './levels.js';

/** Suffix of the dynamic per-resource request metrics: `nvidia.com/gpu/request`. */
export const RESOURCE_REQUEST_SUFFIX = '/request';

// Kubernetes qualified-name syntax (apimachinery validation.IsQualifiedName): an optional
// DNS-1123 subdomain prefix and a name part of at most 63 characters.
const NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS_SUBDOMAIN = new RegExp(`^${DNS_LABEL}(\\.${DNS_LABEL})*$`);
const MAX_NAME_PART = 63;
const MAX_PREFIX = 253;

// Unprefixed names that would read as one of Heapster's own families (`network/request`).
const FAMILY_PREFIXES: ReadonlySet<string> = new Set<MetricFamily | string>([
  'uptime',
  'cpu',
  'memory',
  'network',
  'filesystem',
  'ephemeral_storage',
  'accelerator',
  'disk',
  'restart_count',
  'custom',
]);

/**
 * Why `resource` is not a valid Kubernetes resource name for a request metric, or undefined
 * when it is. `cpu`, `memory` and `ephemeral-storage` have static metrics of their own.
 */
export function resourceNameProblem(resource: string): string | undefined {
  if (resource === 'ephemeral-storage')
    return 'ephemeral-storage requests are the static metric ephemeral_storage/request';
  if (FAMILY_PREFIXES.has(resource)) return `"${resource}" is a metric family, not a resource name`;
  const parts = resource.split('/');
  if (parts.length > 2) return 'a resource name has at most one "/" (prefix/name)';
  const name = parts[parts.length - 1] ?? '';
  if (name.length === 0 || name.length > MAX_NAME_PART || !NAME_PART.test(name)) {
    return `the name part must be 1-${MAX_NAME_PART} alphanumerics, "-", "_" or ".", starting and ending alphanumeric`;
  }
  if (parts.length === 2) {
    const prefix = parts[0] ?? '';
    if (prefix.length === 0 || prefix.length > MAX_PREFIX || !DNS_SUBDOMAIN.test(prefix)) {
      return 'the prefix must be a lower-case DNS subdomain such as nvidia.com';
    }
  }
  return undefined;
}

/** True when `name` has the shape `<resource>/request` (the resource itself is not checked). */
export function isResourceRequestName(name: string): boolean {
  return name.endsWith(RESOURCE_REQUEST_SUFFIX) && name.length > RESOURCE_REQUEST_SUFFIX.length;
}

/** The resource of a `<resource>/request` name: `nvidia.com/gpu/request` → `nvidia.com/gpu`. */
export function resourceOfRequestName(name: string): string {
  return name.slice(0, name.length - RESOURCE_REQUEST_SUFFIX.length);
}

/**
 * The descriptor of a dynamic `<resource>/request` metric. Heapster's pod enricher turns every
 * request other than cpu, memory and ephemeral-storage into one (`nvidia.com/gpu/request`, which
 * its docs call `accelerator/request`), valued with Quantity.Value(); the pod aggregator sums it.
 */
export function resourceRequestSpec(resource: string): MetricSpec {
  const hugepages = resource.startsWith('hugepages-');
  return {
    name: `${resource}${RESOURCE_REQUEST_SUFFIX}`,
    family: 'resource',
    type: 'gauge',
    valueType: 'int64',
    units: hugepages ? 'bytes' : 'devices',
    description: `Request of the ${resource} resource (the guaranteed amount).`,
    levels: levels(C, P),
    labelKeys: NO_KEYS,
    dynamic: true,
    aggregation: POD_SUM,
    origin: `pod spec resources.requests["${resource}"] as Value() (pod_based_enricher)`,
  };
}
