import { GPU_MEMORY_BYTES } from './catalog.js';
import type { ContainerTemplate, WorkloadTemplate } from './catalog.js';
import type { ResourceList, SimAccelerator, SimContainer, SimContainerSpec, SimNode, SimPod, SimPodSpec, SimVolume } from './model-types.js';
import { cpuQuantity, memoryQuantity } from './quantities.js';
import { Channel, FactorIntegral } from './segments.js';
import type { SimContext } from './sim-context.js';

const MI = 1024 * 1024;
const NO_ACCELERATORS: readonly SimAccelerator[] = [];
const GI = 1024 * MI;

/** Per-pod budgets derived from the node, so a full node's mean usage stays under its capacity. */
export interface PodBudget {
  /** Mean CPU a pod may use, in nanocores (factors reach 1.75 × the mean). */
  readonly cpuNanocores: number;
  readonly memoryBytes: number;
}

export function podBudget(node: SimNode, maxPods: number): PodBudget {
  return {
    cpuNanocores: (node.cpuMillicores * 1e6 * 0.75) / 1.75 / maxPods,
    memoryBytes: (node.memoryBytes * 0.6) / 1.15 / maxPods,
  };
}

function podName(ctx: SimContext, template: WorkloadTemplate, createdAt: number): { name: string; owner: string; generateName?: string } {
  for (;;) {
    let name: string;
    let owner: string;
    let generateName: string | undefined;
    switch (template.controller) {
      case 'Deployment':
        owner = `${template.app}-${ctx.templateHash(template.app)}`;
        generateName = `${owner}-`;
        name = generateName + ctx.random.suffix(5);
        break;
      case 'StatefulSet':
        owner = template.app;
        name = `${template.app}-${ctx.nextOrdinal(template.app)}`;
        break;
      case 'DaemonSet':
        owner = template.app;
        generateName = `${owner}-`;
        name = generateName + ctx.random.suffix(5);
        break;
      case 'Job':
        // CronJob-created Jobs are named after the scheduled minute.
        owner = `${template.app}-${Math.floor(createdAt / 60_000)}`;
        generateName = `${owner}-`;
        name = generateName + ctx.random.suffix(5);
        break;
    }
    if (ctx.claimName(template.namespace, name)) return { name, owner, ...(generateName === undefined ? {} : { generateName }) };
  }
}

interface BuiltContainer {
  readonly spec: SimContainerSpec;
  readonly cpuRequestM: number | undefined;
  readonly memoryRequest: number | undefined;
  readonly memoryLimit: number | undefined;
  readonly guaranteed: boolean;
  readonly bestEffort: boolean;
}

function containerSpec(ctx: SimContext, t: ContainerTemplate, gpu: boolean): BuiltContainer {
  const r = ctx.random;
  if (t.noRequests === true) {
    return { spec: { name: t.name, image: t.image, ...(t.port === undefined ? {} : { port: t.port }) }, cpuRequestM: undefined, memoryRequest: undefined, memoryLimit: undefined, guaranteed: false, bestEffort: true };
  }
  const cpu = cpuQuantity(r);
  const memory = memoryQuantity(r);
  const requests: Record<string, string> = { cpu: cpu.text, memory: memory.text };
  let limits: Record<string, string> | undefined;
  let memoryLimit: number | undefined;
  let guaranteed = false;
  if (t.noLimits !== true) {
    if (r.chance(0.3)) {
      limits = { cpu: cpu.text, memory: memory.text };
      memoryLimit = memory.value;
      guaranteed = true;
    } else {
      const memLimit = memoryQuantity(r);
      memoryLimit = Math.max(memLimit.value, memory.value);
      limits = { memory: memLimit.value >= memory.value ? memLimit.text : memory.text };
      if (r.chance(0.5)) limits.cpu = `${Math.round(cpu.value * 2)}m`;
    }
  }
  if (gpu) {
    requests['nvidia.com/gpu'] = '1';
    limits = { ...(limits ?? {}), 'nvidia.com/gpu': '1' };
  }
  const spec: SimContainerSpec = {
    name: t.name,
    image: t.image,
    ...(t.port === undefined ? {} : { port: t.port }),
    requests: requests as ResourceList,
    ...(limits === undefined ? {} : { limits: limits as ResourceList }),
  };
  return { spec, cpuRequestM: cpu.value, memoryRequest: memory.value, memoryLimit, guaranteed, bestEffort: false };
}

function volumes(ctx: SimContext, template: WorkloadTemplate, podName: string): SimVolume[] {
  const r = ctx.random;
  const out: SimVolume[] = [
    { name: `kube-api-access-${r.suffix(5)}`, kind: 'projected', capacity: 64 * MI, usedBase: 12_288 },
  ];
  if (template.configMap === true) out.push({ name: 'config', kind: 'configMap', capacity: 64 * MI, usedBase: 4096 * r.int(1, 8) });
  if (template.emptyDir === true) out.push({ name: 'cache', kind: 'emptyDir', capacity: 100 * GI, usedBase: r.int(10, 900) * MI });
  if (template.pvc === true) {
    out.push({ name: 'data', kind: 'pvc', claimName: `data-${podName}`, capacity: 10 * GI, usedBase: r.int(1, 8) * GI });
  }
  return out;
}

/**
 * Builds a pod of `template` on `node`, Pending until `startAt` (the metrics origin). Mean usage
 * is a fraction of the requests, capped by the node budget.
 */
export function createPod(ctx: SimContext, node: SimNode, template: WorkloadTemplate, budget: PodBudget, createdAt: number, startAt: number): SimPod {
  const r = ctx.random;
  const { name, owner, generateName } = podName(ctx, template, createdAt);
  const gpu = template.gpu === true && node.gpuCount > 0;
  const templates = template.containers.filter((c) => c.sidecar !== true || r.chance(0.6));
  const built = templates.map((t, i) => containerSpec(ctx, t, gpu && i === 0));
  const containers: SimContainer[] = built.map((b, i) => {
    const t = templates[i] as ContainerTemplate;
    const share = 1 / built.length;
    const requestedNano = (b.cpuRequestM ?? 100) * 1e6 * t.cpuUse * r.float(0.6, 1.3);
    const cpuBase = Math.max(1e6, Math.min(requestedNano, budget.cpuNanocores * share));
    const memoryBase = Math.max(4 * MI, Math.min((b.memoryRequest ?? 64 * MI) * r.float(0.5, 1.0), budget.memoryBytes * share, (b.memoryLimit ?? Infinity) * 0.9));
    const key = ctx.nextKey();
    const accelerators = gpu && i === 0 && node.gpuModel !== undefined
      ? [{ make: 'nvidia', model: node.gpuModel, id: `GPU-${r.uuid()}`, memoryTotal: GPU_MEMORY_BYTES[node.gpuModel] ?? 16 * GI }]
      : NO_ACCELERATORS;
    return {
      name: b.spec.name,
      image: b.spec.image,
      imageId: ctx.imageDigest(b.spec.image),
      key,
      cpuBase,
      memoryBase,
      memoryLimit: b.memoryLimit,
      pageFaultBase: r.float(5, 400),
      majorPageFaultBase: r.float(0, 0.5),
      rootfsBase: r.int(4, 400) * 1024 * 64,
      logsBase: r.int(1, 200) * 1024 * 16,
      accelerators,
      cpuIntegral: new FactorIntegral(key, Channel.cpu, startAt, ctx.clock),
      startTime: startAt,
      integralAtStart: 0,
      containerId: `containerd://${r.hex(64)}`,
      restartCount: 0,
      userDefinedMetrics: t.userDefinedMetrics === true,
    };
  });
  const initContainers = template.initContainer === undefined ? [] : [{ name: template.initContainer.name, image: template.initContainer.image, requests: { cpu: '10m', memory: '16Mi' } as ResourceList }];
  const qosClass = built.every((b) => b.bestEffort) ? 'BestEffort' : built.every((b) => b.guaranteed) ? 'Guaranteed' : 'Burstable';
  const ownerKind = template.controller === 'Deployment' ? 'ReplicaSet' : template.controller;
  const spec: SimPodSpec = {
    template,
    ownerKind,
    ownerName: owner,
    ownerUid: ctx.controllerUid(ownerKind, template.namespace, owner),
    generateName,
    containers: built.map((b) => b.spec),
    initContainers,
    qosClass,
    createdAt,
  };
  const labels: Record<string, string> = { app: template.app, 'app.kubernetes.io/name': template.app, tier: template.tier };
  if (template.controller === 'Deployment') labels['pod-template-hash'] = ctx.templateHash(template.app);
  if (template.controller === 'StatefulSet') labels['statefulset.kubernetes.io/pod-name'] = name;
  if (template.controller === 'Job') labels['job-name'] = owner;
  const key = ctx.nextKey();
  node.nextPodIp = node.nextPodIp >= 254 ? 2 : node.nextPodIp + 1;
  const netScale = r.float(0.2, 2);
  return {
    name,
    namespace: template.namespace,
    uid: r.uuid(),
    key,
    nodeName: node.name,
    podIp: `${node.podCidrPrefix}.${node.nextPodIp}`,
    labels,
    spec,
    containers,
    volumes: volumes(ctx, template, name),
    rxBase: Math.round(netScale * r.int(2, 400) * 1024),
    txBase: Math.round(netScale * r.int(1, 300) * 1024),
    networkIntegral: new FactorIntegral(key, Channel.network, startAt, ctx.clock),
    startTime: startAt,
    phase: 'Pending',
    cpuOffset: 0,
    pageFaultOffset: 0,
    majorPageFaultOffset: 0,
    rxOffset: 0,
    txOffset: 0,
    object: undefined,
    crashLooping: false,
    completesAt: template.runSeconds === undefined ? undefined : startAt + template.runSeconds * 1000 * r.float(0.5, 1.5),
  };
}
