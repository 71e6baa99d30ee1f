import { GPU_MACHINE_TYPES, MACHINE_TYPES } from './catalog.js';
import type { MachineType } from './catalog.js';
import type { SimNode, SimSystemContainer } from './model-types.js';
import { Channel, FactorIntegral } from './segments.js';
import type { SimContext } from './sim-context.js';

const MI = 1024 * 1024;
const GI = 1024 * MI;
const DAY = 86_400_000;

function ipToInt(ip: string): number {
  const parts = ip.split('.').map(Number);
  return (((parts[0] ?? 0) << 24) | ((parts[1] ?? 0) << 16) | ((parts[2] ?? 0) << 8) | (parts[3] ?? 0)) >>> 0;
}

function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Checks that `base` is a loopback address the node range can start at; returns an error or undefined. */
export function checkBaseAddress(base: string, nodes: number): string | undefined {
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(base) || base.split('.').some((p) => Number(p) > 255)) {
    return `bindBase must be an IPv4 address in 127.0.0.0/8, got ${JSON.stringify(base)}`;
  }
  const last = ipToInt(base) & 255;
  if (last === 0 || last === 255) return `bindBase must not end in .0 or .255, got ${base}`;
  if (base === '127.0.0.1') return 'bindBase must not be 127.0.0.1 (the API server listens there)';
  const lastNode = nodeAddress(base, nodes - 1);
  if (!lastNode.startsWith('127.')) return `bindBase ${base} leaves 127.0.0.0/8 before ${nodes} nodes fit`;
  return undefined;
}

/** The i-th node address from `base`, skipping .0 and .255 so every address is a usable host. */
export function nodeAddress(base: string, index: number): string {
  const b = ipToInt(base);
  const position = (b & 255) - 1 + index;
  const prefix = (b >>> 8) + Math.floor(position / 254);
  return intToIp(((prefix << 8) | ((position % 254) + 1)) >>> 0);
}

export function nodeName(index: number, total: number): string {
  return `node-${String(index + 1).padStart(Math.max(4, String(total).length), '0')}`;
}

function machineFor(ctx: SimContext, podsPerNode: number, gpu: boolean): MachineType {
  const minCores = Math.ceil(podsPerNode / 10);
  const choices = (gpu ? GPU_MACHINE_TYPES : MACHINE_TYPES).filter((m) => m.cores >= minCores);
  return choices.length > 0 ? ctx.random.pick(choices) : { name: 'n2-standard-96', cores: Math.max(96, minCores), memoryGi: 384 };
}

function systemContainer(ctx: SimContext, name: SimSystemContainer['name'], cpuM: number, memoryMi: number, bootTime: number): SimSystemContainer {
  const key = ctx.nextKey();
  return {
    name,
    key,
    cpuBase: cpuM * 1e6,
    memoryBase: memoryMi * MI,
    cpuIntegral: new FactorIntegral(key, Channel.cpu, bootTime, ctx.clock),
    startTime: bootTime,
    cpuOffset: 0,
  };
}

export interface NodeShape {
  readonly index: number;
  readonly total: number;
  readonly bindBase: string;
  readonly podsPerNode: number;
  readonly gpu: boolean;
  readonly now: number;
}

export function createNode(ctx: SimContext, shape: NodeShape): SimNode {
  const r = ctx.random;
  const machine = machineFor(ctx, shape.podsPerNode, shape.gpu);
  const key = ctx.nextKey();
  // Booted between one hour and two days ago; registered up to thirty days ago.
  const bootTime = shape.now - r.int(3600, 2 * 86_400) * 1000;
  const createdAt = Math.min(bootTime, shape.now - r.int(1, 30) * DAY);
  const memoryBytes = machine.memoryGi * GI - r.int(100, 400) * MI;
  const zones = ['sim-region-1a', 'sim-region-1b', 'sim-region-1c'];
  return {
    name: nodeName(shape.index, shape.total),
    index: shape.index,
    key,
    address: nodeAddress(shape.bindBase, shape.index),
    machineType: machine.name,
    zone: zones[shape.index % zones.length] as string,
    machineId: r.hex(32),
    systemUuid: r.uuid(),
    bootId: r.uuid(),
    createdAt,
    maxPods: Math.max(110, shape.podsPerNode + 10),
    kubeletPort: 0,
    readOnlyPort: 0,
    ready: true,
    addressUsable: true,
    cpuMillicores: machine.cores * 1000,
    memoryBytes,
    fsCapacity: r.pick([100, 200, 500]) * GI,
    imageFsUsed: r.int(4, 30) * GI,
    gpuModel: machine.gpuModel,
    gpuCount: machine.gpuCount ?? 0,
    podCidrPrefix: `10.${64 + (shape.index >> 8)}.${shape.index & 255}`,
    systemContainers: [
      systemContainer(ctx, 'kubelet', r.int(30, 90), r.int(60, 140), bootTime),
      systemContainer(ctx, 'runtime', r.int(15, 60), r.int(80, 220), bootTime),
      systemContainer(ctx, 'misc', r.int(10, 50), r.int(200, 500), bootTime),
    ],
    pods: new Map(),
    rxBase: r.int(100, 4000) * 1024,
    txBase: r.int(100, 3000) * 1024,
    networkIntegral: new FactorIntegral(key, Channel.network, bootTime, ctx.clock),
    pageFaultIntegral: new FactorIntegral(key, Channel.cpu, bootTime, ctx.clock),
    pageFaultBase: r.int(200, 5000),
    startTime: bootTime,
    deadPodsCpu: 0,
    deadPodsPageFaults: 0,
    cpuOffset: 0,
    podsCpuOffset: 0,
    rxOffset: 0,
    txOffset: 0,
    pageFaultOffset: 0,
    lastChange: shape.now,
    nextPodIp: 1,
    object: undefined,
  };
}
