import type { ObjectStore } from '../api/object-store.js';
import { DAEMONSETS, NAMESPACES, pickWorkload } from './catalog.js';
import { EventNoise } from './event-noise.js';
import { EventRecorder } from './event-recorder.js';
import type { InvolvedObject } from './event-recorder.js';
import type { SimContainer, SimNode, SimPod } from './model-types.js';
import { Agenda } from './agenda.js';
import { createNode } from './node-factory.js';
import { namespaceObject, nodeObject } from './node-object.js';
import { resolveSimulationOptions } from './options.js';
import type { ResolvedSimulationOptions, SimulationOptions } from './options.js';
import { PodLifecycle } from './pod-lifecycle.js';
import { unschedulablePodObject } from './pod-object.js';
import { Prng } from './prng.js';
import { SegmentClock } from './segments.js';
import { SimContext } from './sim-context.js';
import { UsageModel } from './usage-model.js';
import type { ContainerSample, NodeSample, PodSample } from './usage-model.js';

export interface PodSnapshot {
  readonly pod: SimPod;
  readonly sample: PodSample;
  readonly containers: readonly ContainerSample[];
}

/** Everything a kubelet reports for one node at one sample time. */
export interface NodeSnapshot {
  readonly node: SimNode;
  readonly time: number;
  readonly sample: NodeSample;
  readonly pods: readonly PodSnapshot[];
}

type Due = { readonly action: 'start' | 'complete' | 'remove' | 'restart' | 'backoff'; readonly pod: SimPod };

/** Job pods linger this long after completing (ttlSecondsAfterFinished), then a new run starts. */
const JOB_TTL_MS = 30_000;
/** How often a crash-looping pod's BackOff warning repeats. */
const BACKOFF_EVENT_MS = 20_000;

/**
 * The simulated cluster: builds nodes, namespaces and pods into the ObjectStore, then on every
 * tick starts pending pods, completes Jobs, restarts crash-looping containers, replaces pods at
 * the churn rate and tops the Event stream up to the configured rate.
 */
export class ClusterSimulation {
  readonly options: ResolvedSimulationOptions;
  readonly nodes: readonly SimNode[];
  readonly nodesByName: ReadonlyMap<string, SimNode>;
  readonly model: UsageModel;
  readonly lifecycle: PodLifecycle;
  readonly recorder: EventRecorder;
  private readonly store: ObjectStore;
  private readonly ctx: SimContext;
  private readonly noise: EventNoise;
  private readonly agenda = new Agenda<Due>();
  private readonly unschedulable: InvolvedObject[] = [];
  private lastTick: number;
  private churnDebt = 0;
  private eventDebt = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(store: ObjectStore, options: SimulationOptions = {}) {
    this.options = resolveSimulationOptions(options);
    const o = this.options;
    this.store = store;
    const now = o.now();
    this.lastTick = now;
    const clock = new SegmentClock(now, o.segmentMs, o.seed);
    this.ctx = new SimContext(new Prng(o.seed), clock);
    this.model = new UsageModel(clock);
    this.recorder = new EventRecorder(store, { maxEvents: o.maxEvents, ttlMs: o.eventTtlMs });
    this.lifecycle = new PodLifecycle(this.ctx, store, this.recorder, this.model, o.statsIntervalMs);
    this.noise = new EventNoise(this.recorder, this.ctx.random);
    const r = this.ctx.random;
    const clusterBorn = now - 40 * 86_400_000;
    for (const ns of [...NAMESPACES].sort()) store.create(namespaceObject(ns, r.uuid(), clusterBorn));
    const nodes: SimNode[] = [];
    const gpuNodes = Math.round(o.gpuNodeFraction * o.nodes);
    for (let i = 0; i < o.nodes; i++) {
      // GPU nodes are spread evenly through the list.
      const gpu = gpuNodes > 0 && Math.floor(((i + 1) * gpuNodes) / o.nodes) > Math.floor((i * gpuNodes) / o.nodes);
      nodes.push(createNode(this.ctx, { index: i, total: o.nodes, bindBase: o.bindBase, podsPerNode: o.podsPerNode, gpu, now }));
    }
    this.nodes = nodes;
    this.nodesByName = new Map(nodes.map((n) => [n.name, n]));
    const placed: SimPod[] = [];
    for (const node of nodes) {
      node.object = store.create(nodeObject(node, now));
      for (let j = 0; j < o.podsPerNode; j++) {
        const template = j < DAEMONSETS.length ? (DAEMONSETS[j] as (typeof DAEMONSETS)[number]) : pickWorkload(r.next(), node.gpuCount > 0);
        const pod = this.lifecycle.placeExisting(node, template, now, template.controller !== 'DaemonSet' && r.chance(o.crashLoopFraction));
        placed.push(pod);
        this.track(pod, now);
      }
    }
    this.lifecycle.writeExisting(placed, this.nodesByName, now);
    for (let i = 0; i < o.unschedulablePods; i++) {
      const name = `big-trainer-${this.ctx.templateHash('big-trainer')}-${r.suffix(5)}`;
      const object = store.create(unschedulablePodObject(name, 'ml', r.uuid(), now - r.int(60, 3600) * 1000, o.nodes));
      this.unschedulable.push({ kind: 'Pod', namespace: 'ml', name, uid: object.metadata.uid, apiVersion: 'v1', resourceVersion: object.metadata.resourceVersion });
    }
    // A running cluster already has recent events: backfill some from the last half hour.
    const backfill = o.eventsPerSecond > 0 ? Math.min(o.maxEvents, 1000, o.nodes * 3) : 0;
    const times = Array.from({ length: backfill }, () => now - r.int(0, 1800) * 1000).sort((a, b) => a - b);
    for (const at of times) this.noise.emit(at, this.lifecycle.running, this.nodes, this.unschedulable);
    this.recorder.takeWriteCount();
  }

  /** The kubelet's sample time for `now`: statistics carry whole stats-interval timestamps. */
  sampleTime(now: number = this.options.now()): number {
    return Math.floor(now / this.options.statsIntervalMs) * this.options.statsIntervalMs;
  }

  private track(pod: SimPod, now: number): void {
    if (pod.phase === 'Pending') this.agenda.add(pod.startTime, { action: 'start', pod });
    if (pod.phase === 'Running' && pod.completesAt !== undefined) this.agenda.add(pod.completesAt, { action: 'complete', pod });
    if (pod.phase === 'Running' && pod.crashLooping) {
      this.agenda.add(now + this.backoffMs(pod), { action: 'restart', pod });
      this.agenda.add(now + BACKOFF_EVENT_MS, { action: 'backoff', pod });
    }
  }

  private present(pod: SimPod): boolean {
    return this.nodeOf(pod).pods.get(pod.uid) === pod;
  }

  private run(due: Due, now: number): void {
    const { action, pod } = due;
    if (!this.present(pod)) return;
    const node = this.nodeOf(pod);
    switch (action) {
      case 'start':
        if (pod.phase !== 'Pending') return;
        this.lifecycle.start(pod, node, now);
        this.track(pod, now);
        return;
      case 'complete':
        if (pod.phase !== 'Running') return;
        this.lifecycle.complete(pod, node, this.sampleTime(now));
        this.agenda.add(now + JOB_TTL_MS, { action: 'remove', pod });
        return;
      case 'remove':
        if (pod.phase === 'Running') return;
        this.lifecycle.remove(pod, node, now);
        this.replace(pod, now);
        return;
      case 'backoff':
        // While in CrashLoopBackOff the kubelet reports the back-off on every pod sync.
        if (pod.phase !== 'Running' || !pod.crashLooping) return;
        this.lifecycle.backOff(pod, node, now);
        this.agenda.add(now + BACKOFF_EVENT_MS, { action: 'backoff', pod });
        return;
      case 'restart':
        if (pod.phase !== 'Running' || !pod.crashLooping) return;
        this.restart(pod, pod.containers[0] as SimContainer, now, true);
        this.agenda.add(now + this.backoffMs(pod), { action: 'restart', pod });
        return;
    }
  }

  private backoffMs(pod: SimPod): number {
    const restarts = pod.containers[0]?.restartCount ?? 0;
    return Math.min(300_000, 10_000 * 2 ** Math.min(restarts, 5)) + 10_000;
  }

  private nodeOf(pod: SimPod): SimNode {
    return this.nodesByName.get(pod.nodeName) as SimNode;
  }

  /** Creates a pod of the same workload on the same node, starting on a stats boundary. */
  private replace(pod: SimPod, now: number): void {
    const node = this.nodeOf(pod);
    const created = this.lifecycle.create(node, pod.spec.template, now);
    created.startTime = Math.ceil(created.startTime / this.options.statsIntervalMs) * this.options.statsIntervalMs;
    created.crashLooping = pod.crashLooping;
    this.track(created, now);
  }

  /** Runs the simulation up to `now`. Called by the timer; tests may call it directly. */
  tick(now: number = this.options.now()): void {
    const dt = Math.max(0, now - this.lastTick);
    this.lastTick = now;
    const o = this.options;
    for (let due = this.agenda.takeDue(now); due !== undefined; due = this.agenda.takeDue(now)) this.run(due, now);
    this.churnDebt += (o.churnPodsPerMinute / 60_000) * dt;
    for (let guard = 0; this.churnDebt >= 1 && guard < 10_000; guard++) {
      this.churnDebt -= 1;
      this.churnOne(now);
    }
    const lifecycleWrites = this.recorder.takeWriteCount();
    this.eventDebt = Math.min(o.eventsPerSecond, this.eventDebt + (o.eventsPerSecond / 1000) * dt - lifecycleWrites);
    this.eventDebt = Math.max(-o.eventsPerSecond, this.eventDebt);
    while (this.eventDebt >= 1) {
      this.eventDebt -= 1;
      this.noise.emit(now, this.lifecycle.running, this.nodes, this.unschedulable);
    }
    this.recorder.takeWriteCount();
    this.recorder.expire(now);
  }

  private churnOne(now: number): void {
    const running = this.lifecycle.running;
    for (let attempt = 0; attempt < 20 && running.length > 0; attempt++) {
      const pod = running[Math.floor(this.ctx.random.next() * running.length)] as SimPod;
      if (pod.spec.template.controller !== 'Deployment') continue;
      this.lifecycle.remove(pod, this.nodeOf(pod), now);
      this.replace(pod, now);
      return;
    }
  }

  private restart(pod: SimPod, container: SimContainer, now: number, crash: boolean): void {
    this.lifecycle.restartContainer(pod, container, this.nodeOf(pod), this.sampleTime(now), crash);
  }

  /** Restarts a container (counters and startTime reset, restartCount + 1, events). */
  restartContainer(namespace: string, podName: string, containerName?: string): boolean {
    for (const pod of this.lifecycle.running) {
      if (pod.namespace !== namespace || pod.name !== podName) continue;
      const container = containerName === undefined ? pod.containers[0] : pod.containers.find((c) => c.name === containerName);
      if (container === undefined) return false;
      this.restart(pod, container, this.options.now(), false);
      return true;
    }
    return false;
  }

  /** Flips the node's Ready condition in the store (the NotReady fault). */
  setNodeReady(node: SimNode, ready: boolean): void {
    if (node.ready === ready) return;
    node.ready = ready;
    const now = this.options.now();
    node.object = this.store.update(nodeObject(node, now));
    const involved = { kind: 'Node', name: node.name, uid: node.name, apiVersion: '' };
    if (ready) this.recorder.record(now, involved, 'Normal', 'NodeReady', `Node ${node.name} status is now: NodeReady`, { component: 'kubelet', host: node.name });
    else this.recorder.record(now, involved, 'Normal', 'NodeNotReady', `Node ${node.name} status is now: NodeNotReady`, { component: 'node-controller' });
  }

  /** Removes or restores the node's InternalIP in the store (the no-address fault). */
  setAddressUsable(node: SimNode, usable: boolean): void {
    if (node.addressUsable === usable) return;
    node.addressUsable = usable;
    node.object = this.store.update(nodeObject(node, this.options.now()));
  }

  /** Records the ports the node's kubelet listens on, in the Node's daemonEndpoints. */
  setKubeletPorts(node: SimNode, port: number, readOnlyPort: number): void {
    node.kubeletPort = port;
    node.readOnlyPort = readOnlyPort;
    node.object = this.store.update(nodeObject(node, this.options.now()));
  }

  /** Zeroes every cumulative counter on the node (node, system containers, pods, containers). */
  resetCounters(node: SimNode): void {
    const t = this.sampleTime();
    const clock = this.model.clock;
    let podsRaw = node.deadPodsCpu;
    for (const p of node.pods.values()) {
      if (p.phase !== 'Running') continue;
      const raw = this.model.podRaw(p, t);
      const net = this.model.podNetworkRaw(p, t);
      podsRaw += raw.cpu;
      Object.assign(p, { cpuOffset: raw.cpu, pageFaultOffset: raw.pageFaults, majorPageFaultOffset: raw.majorPageFaults, rxOffset: net.rx, txOffset: net.tx, startTime: t });
      for (const c of p.containers) {
        c.integralAtStart = c.cpuIntegral.at(clock, t);
        c.startTime = t;
      }
    }
    let systemRaw = 0;
    for (const s of node.systemContainers) {
      s.cpuOffset = this.model.systemRaw(s, t);
      s.startTime = t;
      systemRaw += s.cpuOffset;
    }
    const net = node.networkIntegral.at(clock, t);
    node.podsCpuOffset = podsRaw;
    node.cpuOffset = podsRaw + systemRaw;
    node.rxOffset = node.rxBase * net;
    node.txOffset = node.txBase * net;
    node.pageFaultOffset = node.pageFaultBase * node.pageFaultIntegral.at(clock, t);
    node.startTime = t;
  }

  /** Evaluates a node at sample time t: node, running pods and their containers. */
  snapshot(node: SimNode, t: number = this.sampleTime()): NodeSnapshot {
    const pods: PodSnapshot[] = [];
    const podSamples: PodSample[] = [];
    for (const pod of node.pods.values()) {
      if (pod.phase !== 'Running') continue;
      const containers = pod.containers.map((c) => this.model.container(c, t));
      const sample = this.model.pod(pod, containers, t);
      pods.push({ pod, sample, containers });
      podSamples.push(sample);
    }
    return { node, time: t, sample: this.model.node(node, podSamples, t), pods };
  }

  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => this.tick(), this.options.tickMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
  }
}
