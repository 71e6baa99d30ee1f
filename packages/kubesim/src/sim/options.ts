import { checkBaseAddress } from './node-factory.js';

/** Knobs of the simulated workload. Every field is optional; defaults suit a quick start. */
export interface SimulationOptions {
  /** PRNG seed: the same seed (and clock) builds the same cluster and the same numbers. Default 1. */
  readonly seed?: number;
  /** Number of nodes. Default 3. */
  readonly nodes?: number;
  /** Pods per node, DaemonSet pods included. Default 10. */
  readonly podsPerNode?: number;
  /** Rates and gauges are constant within segments of this many seconds. Default 60. */
  readonly segmentSeconds?: number;
  /** Kubelet statistics are sampled on multiples of this many seconds (the stats `time`). Default 1. */
  readonly statsIntervalSeconds?: number;
  /** Pods replaced (deleted and recreated) per minute across the cluster. Default 6. */
  readonly churnPodsPerMinute?: number;
  /** Target rate of Event writes (creates + count bumps), lifecycle events included. Default 5. */
  readonly eventsPerSecond?: number;
  /** At most this many Events exist; the oldest are deleted first. Default 20000. */
  readonly maxEvents?: number;
  /** Events not updated for this long are deleted (the API server's --event-ttl). Default 3600. */
  readonly eventTtlSeconds?: number;
  /** Share of pods that crash-loop (restarts, BackOff warnings). Default 0.02. */
  readonly crashLoopFraction?: number;
  /** Share of nodes with GPUs (and GPU pods). Default 0.1. */
  readonly gpuNodeFraction?: number;
  /** Pods that can never be scheduled (FailedScheduling warnings). Default 1. */
  readonly unschedulablePods?: number;
  /** First node address; nodes take consecutive loopback addresses from here. Default 127.0.1.1. */
  readonly bindBase?: string;
  /** Simulation step in milliseconds. Default 100. */
  readonly tickMs?: number;
  /** Clock, injectable for tests. Default Date.now. */
  readonly now?: () => number;
}

export interface ResolvedSimulationOptions {
  readonly seed: number;
  readonly nodes: number;
  readonly podsPerNode: number;
  readonly segmentMs: number;
  readonly statsIntervalMs: number;
  readonly churnPodsPerMinute: number;
  readonly eventsPerSecond: number;
  readonly maxEvents: number;
  readonly eventTtlMs: number;
  readonly crashLoopFraction: number;
  readonly gpuNodeFraction: number;
  readonly unschedulablePods: number;
  readonly bindBase: string;
  readonly tickMs: number;
  readonly now: () => number;
}

function integer(field: string, value: number | undefined, fallback: number, min: number, max: number): number {
  const v = value ?? fallback;
  if (!Number.isInteger(v) || v < min || v > max) {
    throw new Error(`${field} must be an integer from ${min} to ${max}, got ${String(value)}`);
  }
  return v;
}

function real(field: string, value: number | undefined, fallback: number, min: number, max: number): number {
  const v = value ?? fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) {
    throw new Error(`${field} must be a number from ${min} to ${max}, got ${String(value)}`);
  }
  return v;
}

/** Applies defaults and validates; errors name the field and the bad value. */
export function resolveSimulationOptions(options: SimulationOptions = {}): ResolvedSimulationOptions {
  const nodes = integer('nodes', options.nodes, 3, 1, 50_000);
  const bindBase = options.bindBase ?? '127.0.1.1';
  const baseError = checkBaseAddress(bindBase, nodes);
  if (baseError !== undefined) throw new Error(baseError);
  const segmentSeconds = integer('segmentSeconds', options.segmentSeconds, 60, 1, 86_400);
  const statsIntervalSeconds = integer('statsIntervalSeconds', options.statsIntervalSeconds, 1, 1, 3600);
  if (segmentSeconds % statsIntervalSeconds !== 0) {
    throw new Error(`segmentSeconds (${segmentSeconds}) must be a multiple of statsIntervalSeconds (${statsIntervalSeconds})`);
  }
  return {
    seed: integer('seed', options.seed, 1, 0, 2 ** 31 - 1),
    nodes,
    podsPerNode: integer('podsPerNode', options.podsPerNode, 10, 0, 1000),
    segmentMs: segmentSeconds * 1000,
    statsIntervalMs: statsIntervalSeconds * 1000,
    churnPodsPerMinute: real('churnPodsPerMinute', options.churnPodsPerMinute, 6, 0, 1_000_000),
    eventsPerSecond: real('eventsPerSecond', options.eventsPerSecond, 5, 0, 1_000_000),
    maxEvents: integer('maxEvents', options.maxEvents, 20_000, 1, 10_000_000),
    eventTtlMs: real('eventTtlSeconds', options.eventTtlSeconds, 3600, 1, 30 * 86_400) * 1000,
    crashLoopFraction: real('crashLoopFraction', options.crashLoopFraction, 0.02, 0, 1),
    gpuNodeFraction: real('gpuNodeFraction', options.gpuNodeFraction, 0.1, 0, 1),
    unschedulablePods: integer('unschedulablePods', options.unschedulablePods, 1, 0, 10_000),
    bindBase,
    tickMs: integer('tickMs', options.tickMs, 100, 1, 60_000),
    now: options.now ?? Date.now,
  };
}
