import type { ObjectStore } from '../api/object-store.js';
import type { WorkloadTemplate } from './catalog.js';
import type { EventRecorder, InvolvedObject } from './event-recorder.js';
import type { SimContainer, SimNode, SimPod } from './model-types.js';
import { createPod, podBudget } from './pod-factory.js';
import { podObject } from './pod-object.js';
import type { SimContext } from './sim-context.js';
import type { UsageModel } from './usage-model.js';

const CONTROLLER_COMPONENT: Readonly<Record<string, string>> = {
  ReplicaSet: 'replicaset-controller',
  StatefulSet: 'statefulset-controller',
  DaemonSet: 'daemonset-controller',
  Job: 'job-controller',
};

/**
 * Moves pods through their lives — created (Pending), started (Running), completed, deleted,
 * restarted — keeping the model, the store and the Events consistent. Counters of pods that
 * stop running are folded into the node's totals so node counters never go back.
 */
export class PodLifecycle {
  private readonly ctx: SimContext;
  private readonly store: ObjectStore;
  private readonly recorder: EventRecorder;
  private readonly model: UsageModel;
  private readonly statsIntervalMs: number;
  /** Running pods, for uniform random picks (swap-remove keeps it O(1)). */
  readonly running: SimPod[] = [];
  private readonly runningIndex = new Map<SimPod, number>();

  constructor(ctx: SimContext, store: ObjectStore, recorder: EventRecorder, model: UsageModel, statsIntervalMs: number) {
    this.ctx = ctx;
    this.statsIntervalMs = statsIntervalMs;
    this.store = store;
    this.recorder = recorder;
    this.model = model;
  }

  involved(pod: SimPod, fieldPath?: string): InvolvedObject {
    return {
      kind: 'Pod',
      namespace: pod.namespace,
      name: pod.name,
      uid: pod.uid,
      apiVersion: 'v1',
      ...(pod.object === undefined ? {} : { resourceVersion: pod.object.metadata.resourceVersion }),
      ...(fieldPath === undefined ? {} : { fieldPath }),
    };
  }

  private kubelet(node: SimNode): { component: string; host: string } {
    return { component: 'kubelet', host: node.name };
  }

  private write(pod: SimPod, node: SimNode, now: number): void {
    const object = podObject(pod, node, now);
    pod.object = pod.object === undefined ? this.store.create(object) : this.store.update(object);
  }

  private markRunning(pod: SimPod): void {
    this.runningIndex.set(pod, this.running.length);
    this.running.push(pod);
  }

  private unmarkRunning(pod: SimPod): void {
    const i = this.runningIndex.get(pod);
    if (i === undefined) return;
    const last = this.running.pop() as SimPod;
    if (last !== pod) {
      this.running[i] = last;
      this.runningIndex.set(last, i);
    }
    this.runningIndex.delete(pod);
  }

  /** A pod that was already running when the simulation started: no events, history in the past. Not yet written: see writeExisting. */
  placeExisting(node: SimNode, template: WorkloadTemplate, now: number, crashLooping: boolean): SimPod {
    const r = this.ctx.random;
    // Long-running workloads started up to a week ago; a Job run started within its run time.
    const age = template.runSeconds === undefined ? r.int(600, 7 * 86_400) : r.int(5, Math.floor(template.runSeconds * 0.5));
    const createdAt = Math.max(node.createdAt + 60_000, now - age * 1000);
    const pod = createPod(this.ctx, node, template, podBudget(node, node.maxPods), createdAt, createdAt + r.int(2, 20) * 1000);
    pod.phase = 'Running';
    pod.crashLooping = crashLooping;
    if (crashLooping) {
      const c = pod.containers[0] as SimContainer;
      c.restartCount = r.int(1, 40);
      c.startTime = now - r.int(0, 60) * 1000;
      c.integralAtStart = c.cpuIntegral.at(this.ctx.clock, c.startTime);
    }
    node.pods.set(pod.uid, pod);
    this.markRunning(pod);
    return pod;
  }

  /**
   * Writes the pods placed with placeExisting, in key order: the store keeps keys sorted, and
   * appending in order is far cheaper than inserting 100,000 keys at random places.
   */
  writeExisting(pods: readonly SimPod[], nodes: ReadonlyMap<string, SimNode>, now: number): void {
    const keyed = pods.map((pod) => ({ pod, key: `${pod.namespace}/${pod.name}` }));
    keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    const sorted = keyed.map((k) => k.pod);
    for (const pod of sorted) this.write(pod, nodes.get(pod.nodeName) as SimNode, now);
  }

  /** A new pod: created, scheduled, images pulling; it starts at pod.startTime. */
  create(node: SimNode, template: WorkloadTemplate, now: number): SimPod {
    const pod = createPod(this.ctx, node, template, podBudget(node, node.maxPods), now, now + this.ctx.random.int(2, 6) * 1000);
    node.pods.set(pod.uid, pod);
    this.write(pod, node, now);
    const spec = pod.spec;
    const ownerApi = spec.ownerKind === 'Job' ? 'batch/v1' : 'apps/v1';
    const message = spec.ownerKind === 'StatefulSet' ? `create Pod ${pod.name} in StatefulSet ${spec.ownerName} successful` : `Created pod: ${pod.name}`;
    this.recorder.record(
      now,
      { kind: spec.ownerKind, namespace: pod.namespace, name: spec.ownerName, uid: spec.ownerUid, apiVersion: ownerApi },
      'Normal',
      'SuccessfulCreate',
      message,
      { component: CONTROLLER_COMPONENT[spec.ownerKind] ?? 'controller-manager' },
    );
    this.recorder.recordScheduler(now, this.involved(pod), 'Normal', 'Scheduled', `Successfully assigned ${pod.namespace}/${pod.name} to ${node.name}`, 'Binding');
    for (const c of spec.initContainers) {
      const ref = this.involved(pod, `spec.initContainers{${c.name}}`);
      this.recorder.record(now, ref, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, this.kubelet(node));
      this.recorder.record(now, ref, 'Normal', 'Created', `Created container ${c.name}`, this.kubelet(node));
      this.recorder.record(now, ref, 'Normal', 'Started', `Started container ${c.name}`, this.kubelet(node));
    }
    for (const c of spec.containers) {
      this.recorder.record(now, this.involved(pod, `spec.containers{${c.name}}`), 'Normal', 'Pulling', `Pulling image "${c.image}"`, this.kubelet(node));
    }
    return pod;
  }

  /** Pending → Running at pod.startTime. */
  start(pod: SimPod, node: SimNode, now: number): void {
    pod.phase = 'Running';
    node.lastChange = now;
    this.write(pod, node, now);
    this.markRunning(pod);
    const pullMs = Math.max(100, now - pod.spec.createdAt - 300);
    for (const c of pod.spec.containers) {
      const ref = this.involved(pod, `spec.containers{${c.name}}`);
      const seconds = (pullMs / 1000).toFixed(3);
      this.recorder.record(now, ref, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${seconds}s (${seconds}s including waiting)`, this.kubelet(node));
      this.recorder.record(now, ref, 'Normal', 'Created', `Created container ${c.name}`, this.kubelet(node));
      this.recorder.record(now, ref, 'Normal', 'Started', `Started container ${c.name}`, this.kubelet(node));
    }
  }

  private stopRunning(pod: SimPod, node: SimNode, now: number): void {
    if (pod.phase !== 'Running') return;
    // Fold in exactly what the pod had at the current sample time, so the node's counter
    // at that time does not move when the pod goes.
    const raw = this.model.podRaw(pod, Math.floor(now / this.statsIntervalMs) * this.statsIntervalMs);
    node.deadPodsCpu += raw.cpu;
    node.deadPodsPageFaults += raw.pageFaults;
    node.lastChange = now;
    this.unmarkRunning(pod);
  }

  /** A Job pod finishes: Succeeded, and the Job controller reports completion. */
  complete(pod: SimPod, node: SimNode, now: number): void {
    this.stopRunning(pod, node, now);
    pod.phase = 'Succeeded';
    this.write(pod, node, now);
    const spec = pod.spec;
    this.recorder.record(
      now,
      { kind: 'Job', namespace: pod.namespace, name: spec.ownerName, uid: spec.ownerUid, apiVersion: 'batch/v1' },
      'Normal',
      'Completed',
      'Job completed',
      { component: 'job-controller' },
    );
  }

  /** The pod is deleted: containers are killed and the object goes away. */
  remove(pod: SimPod, node: SimNode, now: number): void {
    this.stopRunning(pod, node, now);
    if (pod.phase === 'Running' || pod.phase === 'Pending') {
      for (const c of pod.spec.containers) {
        this.recorder.record(now, this.involved(pod, `spec.containers{${c.name}}`), 'Normal', 'Killing', `Stopping container ${c.name}`, this.kubelet(node));
      }
    }
    node.pods.delete(pod.uid);
    this.ctx.releaseName(pod.namespace, pod.name);
    this.store.delete('Pod', pod.namespace, pod.name);
  }

  /** The kubelet's BackOff warning for a crash-looping pod's first container (repeats bump count). */
  backOff(pod: SimPod, node: SimNode, now: number): void {
    const container = pod.containers[0] as SimContainer;
    const ref = this.involved(pod, `spec.containers{${container.name}}`);
    this.recorder.record(now, ref, 'Warning', 'BackOff', `Back-off restarting failed container ${container.name} in pod ${pod.name}_${pod.namespace}(${pod.uid})`, this.kubelet(node));
  }

  /**
   * A container restarts: its counters and startTime reset, restartCount goes up; a crash
   * also brings the BackOff warning, repeated as count bumps.
   */
  restartContainer(pod: SimPod, container: SimContainer, node: SimNode, now: number, crash: boolean): void {
    const ref = this.involved(pod, `spec.containers{${container.name}}`);
    if (crash) this.backOff(pod, node, now);
    container.restartCount++;
    container.startTime = now;
    container.integralAtStart = container.cpuIntegral.at(this.ctx.clock, now);
    container.containerId = `containerd://${this.ctx.random.hex(64)}`;
    this.write(pod, node, now);
    this.recorder.record(now, ref, 'Normal', 'Pulled', `Container image "${container.image}" already present on machine`, this.kubelet(node));
    this.recorder.record(now, ref, 'Normal', 'Created', `Created container ${container.name}`, this.kubelet(node));
    this.recorder.record(now, ref, 'Normal', 'Started', `Started container ${container.name}`, this.kubelet(node));
  }
}
