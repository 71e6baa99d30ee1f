/**
 * What runs in the simulated cluster: namespaces, machine types and workload templates. Real
 * images, realistic resource shapes, the usual controllers (Deployment, StatefulSet, DaemonSet,
 * Job) so pod names, labels and owner references look like a real cluster's.
 */

export const NAMESPACES = [
  'default',
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'monitoring',
  'team-a',
  'team-b',
  'batch',
  'ml',
] as const;

export interface MachineType {
  readonly name: string;
  readonly cores: number;
  readonly memoryGi: number;
  readonly gpuModel?: string;
  readonly gpuCount?: number;
}

export const MACHINE_TYPES: readonly MachineType[] = [
  { name: 'n2-standard-4', cores: 4, memoryGi: 16 },
  { name: 'n2-standard-8', cores: 8, memoryGi: 32 },
  { name: 'n2-highmem-16', cores: 16, memoryGi: 128 },
  { name: 'c2-standard-30', cores: 30, memoryGi: 120 },
  { name: 'n2-standard-64', cores: 64, memoryGi: 256 },
];

export const GPU_MACHINE_TYPES: readonly MachineType[] = [
  { name: 'n1-standard-16-t4', cores: 16, memoryGi: 60, gpuModel: 'tesla-t4', gpuCount: 4 },
  { name: 'a2-highgpu-1g', cores: 12, memoryGi: 85, gpuModel: 'nvidia-tesla-a100', gpuCount: 1 },
];

export const GPU_MEMORY_BYTES: Readonly<Record<string, number>> = {
  'tesla-t4': 16 * 1024 ** 3,
  'nvidia-tesla-a100': 40 * 1024 ** 3,
};

export type ControllerKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job';

export interface ContainerTemplate {
  readonly name: string;
  readonly image: string;
  readonly port?: number;
  /** Fraction of the CPU request a container uses on average. */
  readonly cpuUse: number;
  readonly sidecar?: boolean;
  /** Sets no limits (Burstable/BestEffort pods exist in every real cluster). */
  readonly noLimits?: boolean;
  readonly noRequests?: boolean;
  readonly userDefinedMetrics?: boolean;
}

export interface WorkloadTemplate {
  readonly app: string;
  readonly namespace: (typeof NAMESPACES)[number];
  readonly controller: ControllerKind;
  readonly containers: readonly ContainerTemplate[];
  readonly initContainer?: { readonly name: string; readonly image: string };
  readonly gpu?: boolean;
  readonly pvc?: boolean;
  readonly emptyDir?: boolean;
  readonly configMap?: boolean;
  readonly tier: string;
  /** Relative frequency among non-DaemonSet workloads. */
  readonly weight: number;
  /** Job pods run for this many seconds, then complete. */
  readonly runSeconds?: number;
}

export const DAEMONSETS: readonly WorkloadTemplate[] = [
  {
    app: 'kube-proxy',
    namespace: 'kube-system',
    controller: 'DaemonSet',
    tier: 'node',
    weight: 0,
    containers: [{ name: 'kube-proxy', image: 'registry.k8s.io/kube-proxy:v1.29.4', cpuUse: 0.3, noLimits: true }],
  },
  {
    app: 'fluent-bit',
    namespace: 'monitoring',
    controller: 'DaemonSet',
    tier: 'logging',
    weight: 0,
    configMap: true,
    containers: [{ name: 'fluent-bit', image: 'cr.fluentbit.io/fluent/fluent-bit:3.0.2', cpuUse: 0.5 }],
  },
];

export const WORKLOADS: readonly WorkloadTemplate[] = [
  {
    app: 'web',
    namespace: 'default',
    controller: 'Deployment',
    tier: 'frontend',
    weight: 6,
    containers: [
      { name: 'nginx', image: 'docker.io/library/nginx:1.25.4', port: 80, cpuUse: 0.4 },
      { name: 'envoy', image: 'docker.io/envoyproxy/envoy:v1.29.2', port: 9901, cpuUse: 0.2, sidecar: true },
    ],
  },
  {
    app: 'api',
    namespace: 'team-a',
    controller: 'Deployment',
    tier: 'backend',
    weight: 6,
    initContainer: { name: 'migrate', image: 'registry.example.com/team-a/api-migrations:2.4.1' },
    configMap: true,
    containers: [
      { name: 'api', image: 'registry.example.com/team-a/api:2.4.1', port: 8080, cpuUse: 0.6, userDefinedMetrics: true },
    ],
  },
  {
    app: 'worker',
    namespace: 'team-b',
    controller: 'Deployment',
    tier: 'backend',
    weight: 5,
    emptyDir: true,
    containers: [{ name: 'worker', image: 'docker.io/library/python:3.12-slim', cpuUse: 0.8, noLimits: true }],
  },
  {
    app: 'redis',
    namespace: 'team-a',
    controller: 'StatefulSet',
    tier: 'cache',
    weight: 2,
    containers: [
      { name: 'redis', image: 'docker.io/library/redis:7.2.4', port: 6379, cpuUse: 0.3 },
      { name: 'exporter', image: 'docker.io/oliver006/redis_exporter:v1.58.0', port: 9121, cpuUse: 0.1, sidecar: true },
    ],
  },
  {
    app: 'postgres',
    namespace: 'team-b',
    controller: 'StatefulSet',
    tier: 'database',
    weight: 2,
    pvc: true,
    initContainer: { name: 'init-permissions', image: 'docker.io/library/busybox:1.36' },
    containers: [{ name: 'postgres', image: 'docker.io/library/postgres:16.2', port: 5432, cpuUse: 0.5 }],
  },
  {
    app: 'prometheus',
    namespace: 'monitoring',
    controller: 'StatefulSet',
    tier: 'monitoring',
    weight: 1,
    pvc: true,
    configMap: true,
    containers: [
      { name: 'prometheus', image: 'quay.io/prometheus/prometheus:v2.51.2', port: 9090, cpuUse: 0.6 },
      { name: 'config-reloader', image: 'quay.io/prometheus-operator/prometheus-config-reloader:v0.73.2', cpuUse: 0.05, sidecar: true },
    ],
  },
  {
    app: 'coredns',
    namespace: 'kube-system',
    controller: 'Deployment',
    tier: 'dns',
    weight: 1,
    configMap: true,
    containers: [{ name: 'coredns', image: 'registry.k8s.io/coredns/coredns:v1.11.1', port: 53, cpuUse: 0.3 }],
  },
  {
    app: 'report',
    namespace: 'batch',
    controller: 'Job',
    tier: 'batch',
    weight: 2,
    runSeconds: 300,
    containers: [{ name: 'report', image: 'registry.example.com/batch/report:1.8.0', cpuUse: 0.9, noRequests: true, noLimits: true }],
  },
  {
    app: 'trainer',
    namespace: 'ml',
    controller: 'Deployment',
    tier: 'ml',
    weight: 3,
    gpu: true,
    emptyDir: true,
    containers: [{ name: 'trainer', image: 'nvcr.io/nvidia/pytorch:24.03-py3', cpuUse: 0.9 }],
  },
];

/** Picks a template by weight; GPU templates only where `allowGpu`. */
export function pickWorkload(draw: number, allowGpu: boolean): WorkloadTemplate {
  const candidates = WORKLOADS.filter((w) => allowGpu || w.gpu !== true);
  const total = candidates.reduce((sum, w) => sum + w.weight, 0);
  let x = draw * total;
  for (const w of candidates) {
    x -= w.weight;
    if (x < 0) return w;
  }
  return candidates[candidates.length - 1] as WorkloadTemplate;
}
