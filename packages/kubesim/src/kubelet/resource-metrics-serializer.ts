import type { NodeSnapshot } from '../sim/cluster-simulation.js';
import type { ContainerSample } from '../sim/usage-model.js';

/**
 * The kubelet's /metrics/resource endpoint (KEP-727) in the Prometheus text format, as
 * client_golang writes it: families sorted by name, series by label values, floats in Go's
 * shortest %g form, and explicit millisecond timestamps (cAdvisor samples out of band).
 */

export interface ResourceMetricsOptions {
  /** The missingFields fault: drop the working set of every other pod's first container. */
  readonly missingFields: boolean;
}

/** Go's strconv.FormatFloat(x, 'g', -1, 64): shortest digits, exponent form outside [1e-4, 1e6). */
export function goFloat(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  if (x === 0) return '0';
  const exponential = x.toExponential();
  const [mantissa = '', exp = '0'] = exponential.split('e');
  const e = Number(exp);
  if (e < -4 || e >= 6) {
    return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  return String(x);
}

function family(name: string, help: string, type: 'counter' | 'gauge', lines: readonly string[]): string {
  return `# HELP ${name} ${help}\n# TYPE ${name} ${type}\n${lines.join('')}`;
}

interface Row {
  readonly container: string;
  readonly namespace: string;
  readonly pod: string;
  readonly sample: ContainerSample;
  readonly startTime: number;
  readonly degrade: boolean;
}

function labels(row: { container?: string; namespace: string; pod: string }): string {
  return row.container === undefined
    ? `{namespace="${row.namespace}",pod="${row.pod}"}`
    : `{container="${row.container}",namespace="${row.namespace}",pod="${row.pod}"}`;
}

function byLabels(a: { container?: string; namespace: string; pod: string }, b: { container?: string; namespace: string; pod: string }): number {
  const ka = `${a.container ?? ''}\u0000${a.namespace}\u0000${a.pod}`;
  const kb = `${b.container ?? ''}\u0000${b.namespace}\u0000${b.pod}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** The /metrics/resource body for a node snapshot. */
export function renderResourceMetrics(snapshot: NodeSnapshot, options: ResourceMetricsOptions): string {
  const ts = ` ${snapshot.time}\n`;
  const rows: Row[] = [];
  snapshot.pods.forEach((p, podIndex) => {
    p.pod.containers.forEach((c, i) => {
      rows.push({
        container: c.name,
        namespace: p.pod.namespace,
        pod: p.pod.name,
        sample: p.containers[i] as ContainerSample,
        startTime: c.startTime,
        degrade: options.missingFields && podIndex % 2 === 1 && i === 0,
      });
    });
  });
  rows.sort(byLabels);
  const pods = [...snapshot.pods].sort((a, b) => byLabels({ namespace: a.pod.namespace, pod: a.pod.name }, { namespace: b.pod.namespace, pod: b.pod.name }));
  const s = snapshot.sample;
  return [
    family('container_cpu_usage_seconds_total', '[STABLE] Cumulative cpu time consumed by the container in core-seconds', 'counter',
      rows.map((r) => `container_cpu_usage_seconds_total${labels(r)} ${goFloat(r.sample.cpuTotal / 1e9)}${ts}`)),
    family('container_memory_working_set_bytes', '[STABLE] Current working set of the container in bytes', 'gauge',
      rows.filter((r) => !r.degrade).map((r) => `container_memory_working_set_bytes${labels(r)} ${goFloat(r.sample.workingSet)}${ts}`)),
    family('container_start_time_seconds', '[STABLE] Start time of the container since unix epoch in seconds', 'gauge',
      rows.map((r) => `container_start_time_seconds${labels(r)} ${goFloat(r.startTime / 1000)} ${r.startTime}\n`)),
    family('node_cpu_usage_seconds_total', '[STABLE] Cumulative cpu time consumed by the node in core-seconds', 'counter',
      [`node_cpu_usage_seconds_total ${goFloat(s.cpuTotal / 1e9)}${ts}`]),
    family('node_memory_working_set_bytes', '[STABLE] Current working set of the node in bytes', 'gauge',
      [`node_memory_working_set_bytes ${goFloat(s.workingSet)}${ts}`]),
    family('pod_cpu_usage_seconds_total', '[STABLE] Cumulative cpu time consumed by the pod in core-seconds', 'counter',
      pods.map((p) => `pod_cpu_usage_seconds_total${labels({ namespace: p.pod.namespace, pod: p.pod.name })} ${goFloat(p.sample.cpuTotal / 1e9)}${ts}`)),
    family('pod_memory_working_set_bytes', '[STABLE] Current working set of the pod in bytes', 'gauge',
      pods.map((p) => `pod_memory_working_set_bytes${labels({ namespace: p.pod.namespace, pod: p.pod.name })} ${goFloat(p.sample.workingSet)}${ts}`)),
    family('resource_scrape_error', '[STABLE] 1 if there was an error while getting container metrics, 0 otherwise', 'gauge', ['resource_scrape_error 0\n']),
    family('scrape_error', '[ALPHA] 1 if there was an error while getting container metrics, 0 otherwise', 'gauge', ['scrape_error 0\n']),
  ].join('');
}
