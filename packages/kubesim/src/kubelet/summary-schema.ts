/**
 * A schema of the kubelet Summary API written from the Go types in
 * k8s.io/kubelet/pkg/apis/stats/v1alpha1 (types.go), and a small validator for it. Fields that
 * are non-pointer and not `omitempty` in Go are required; pointers/omitempty are optional;
 * unknown fields are errors (so a misspelt field name is caught). uint64 fields must be
 * non-negative integers; metav1.Time fields RFC 3339 strings.
 */

export type Schema =
  | { readonly type: 'object'; readonly fields: Readonly<Record<string, Field>> }
  | { readonly type: 'array'; readonly items: Schema }
  | { readonly type: 'map'; readonly values: Schema }
  | { readonly type: 'string'; readonly format?: 'time'; readonly values?: readonly string[] }
  | { readonly type: 'uint64' | 'int64' | 'float64' | 'boolean' };

export interface Field {
  readonly schema: Schema;
  readonly required: boolean;
}

const req = (schema: Schema): Field => ({ schema, required: true });
const opt = (schema: Schema): Field => ({ schema, required: false });
const object = (fields: Record<string, Field>): Schema => ({ type: 'object', fields });
const array = (items: Schema): Schema => ({ type: 'array', items });
const string: Schema = { type: 'string' };
const time: Schema = { type: 'string', format: 'time' };
const uint64: Schema = { type: 'uint64' };
const int64: Schema = { type: 'int64' };

const fsFields = {
  time: req(time),
  availableBytes: opt(uint64),
  capacityBytes: opt(uint64),
  usedBytes: opt(uint64),
  inodesFree: opt(uint64),
  inodes: opt(uint64),
  inodesUsed: opt(uint64),
};
const FsStats = object(fsFields);
const CPUStats = object({ time: req(time), usageNanoCores: opt(uint64), usageCoreNanoSeconds: opt(uint64) });
const MemoryStats = object({
  time: req(time),
  availableBytes: opt(uint64),
  usageBytes: opt(uint64),
  workingSetBytes: opt(uint64),
  rssBytes: opt(uint64),
  pageFaults: opt(uint64),
  majorPageFaults: opt(uint64),
});
const SwapStats = object({ time: req(time), swapAvailableBytes: opt(uint64), swapUsageBytes: opt(uint64) });
const interfaceFields = { name: req(string), rxBytes: opt(uint64), rxErrors: opt(uint64), txBytes: opt(uint64), txErrors: opt(uint64) };
const InterfaceStats = object(interfaceFields);
// InterfaceStats is embedded inline: its name is required even in NetworkStats.
const NetworkStats = object({ time: req(time), ...interfaceFields, interfaces: opt(array(InterfaceStats)) });
const AcceleratorStats = object({
  make: req(string),
  model: req(string),
  id: req(string),
  memoryTotal: req(uint64),
  memoryUsed: req(uint64),
  dutyCycle: req(uint64),
});
const UserDefinedMetric = object({
  name: req(string),
  type: req({ type: 'string', values: ['gauge', 'cumulative', 'delta'] }),
  units: req(string),
  labels: opt({ type: 'map', values: string }),
  time: req(time),
  value: req({ type: 'float64' }),
});
const ContainerStats = object({
  name: req(string),
  startTime: req(time),
  cpu: opt(CPUStats),
  memory: opt(MemoryStats),
  accelerators: opt(array(AcceleratorStats)),
  rootfs: opt(FsStats),
  logs: opt(FsStats),
  userDefinedMetrics: opt(array(UserDefinedMetric)),
  swap: opt(SwapStats),
});
const VolumeStats = object({
  ...fsFields,
  name: opt(string),
  pvcRef: opt(object({ name: req(string), namespace: req(string) })),
  volumeHealthStats: opt(object({ abnormal: req({ type: 'boolean' }) })),
});
const PodStats = object({
  podRef: req(object({ name: req(string), namespace: req(string), uid: req(string) })),
  startTime: req(time),
  containers: req(array(ContainerStats)),
  cpu: opt(CPUStats),
  memory: opt(MemoryStats),
  network: opt(NetworkStats),
  volume: opt(array(VolumeStats)),
  'ephemeral-storage': opt(FsStats),
  process_stats: opt(object({ process_count: opt(uint64) })),
  swap: opt(SwapStats),
});
const NodeStats = object({
  nodeName: req(string),
  systemContainers: opt(array(ContainerStats)),
  startTime: req(time),
  cpu: opt(CPUStats),
  memory: opt(MemoryStats),
  network: opt(NetworkStats),
  fs: opt(FsStats),
  runtime: opt(object({ imageFs: opt(FsStats), containerFs: opt(FsStats) })),
  rlimit: opt(object({ time: req(time), maxpid: opt(int64), curproc: opt(int64) })),
  swap: opt(SwapStats),
});

/** stats/v1alpha1 Summary. */
export const SUMMARY_SCHEMA: Schema = object({ node: req(NodeStats), pods: req(array(PodStats)) });

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** Checks `value` against `schema`; returns one message per problem ("$.pods[3].cpu.time: …"). */
export function validateAgainst(schema: Schema, value: unknown, path = '$'): string[] {
  switch (schema.type) {
    case 'object': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: expected an object`];
      const errors: string[] = [];
      const record = value as Record<string, unknown>;
      for (const [name, field] of Object.entries(schema.fields)) {
        if (record[name] === undefined) {
          if (field.required) errors.push(`${path}.${name}: required field is missing`);
          continue;
        }
        errors.push(...validateAgainst(field.schema, record[name], `${path}.${name}`));
      }
      for (const name of Object.keys(record)) if (!(name in schema.fields)) errors.push(`${path}.${name}: unknown field`);
      return errors;
    }
    case 'array':
      if (!Array.isArray(value)) return [`${path}: expected an array`];
      return value.flatMap((item, i) => validateAgainst(schema.items, item, `${path}[${i}]`));
    case 'map':
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return [`${path}: expected an object`];
      return Object.entries(value).flatMap(([k, v]) => validateAgainst(schema.values, v, `${path}.${k}`));
    case 'string':
      if (typeof value !== 'string') return [`${path}: expected a string`];
      if (schema.format === 'time' && !RFC3339.test(value)) return [`${path}: not an RFC 3339 time: ${JSON.stringify(value)}`];
      if (schema.values !== undefined && !schema.values.includes(value)) {
        return [`${path}: must be one of ${schema.values.join(', ')}`];
      }
      return [];
    case 'uint64':
      return Number.isInteger(value) && (value as number) >= 0 ? [] : [`${path}: expected a non-negative integer, got ${JSON.stringify(value)}`];
    case 'int64':
      return Number.isInteger(value) ? [] : [`${path}: expected an integer, got ${JSON.stringify(value)}`];
    case 'float64':
      return typeof value === 'number' && Number.isFinite(value) ? [] : [`${path}: expected a number`];
    case 'boolean':
      return typeof value === 'boolean' ? [] : [`${path}: expected a boolean`];
  }
}

/** Validates a decoded /stats/summary body. */
export function validateSummary(value: unknown): string[] {
  return validateAgainst(SUMMARY_SCHEMA, value);
}
