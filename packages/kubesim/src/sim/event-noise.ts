import type { EventRecorder, InvolvedObject } from './event-recorder.js';
import type { SimNode, SimPod } from './model-types.js';
import type { RandomSource } from './prng.js';

/**
 * Background events that fill the stream up to the configured rate: the probe failures,
 * sandbox restarts, mount failures, image-GC warnings and scheduling failures a busy real
 * cluster keeps emitting — about half of them repeats that bump `count` on an existing Event.
 */
export class EventNoise {
  private readonly recorder: EventRecorder;
  private readonly random: RandomSource;

  constructor(recorder: EventRecorder, random: RandomSource) {
    this.recorder = recorder;
    this.random = random;
  }

  emit(now: number, running: readonly SimPod[], nodes: readonly SimNode[], unschedulable: readonly InvolvedObject[]): void {
    const r = this.random;
    const roll = r.next();
    if (roll < 0.45 && this.recorder.bumpRecent(r.next(), now)) return;
    if (roll < 0.5 && unschedulable.length > 0) {
      const n = nodes.length;
      this.recorder.recordScheduler(
        now,
        r.pick(unschedulable),
        'Warning',
        'FailedScheduling',
        `0/${n} nodes are available: ${n} Insufficient nvidia.com/gpu. preemption: 0/${n} nodes are available: ${n} No preemption victims found for incoming pod.`,
        'Scheduling',
      );
      return;
    }
    if (roll < 0.53 || running.length === 0) {
      const node = r.pick(nodes);
      const involved = { kind: 'Node', name: node.name, uid: node.name, apiVersion: '' };
      const bytes = r.int(1, 9) * 1_073_741_824 + r.int(0, 999_999);
      this.recorder.record(now, involved, 'Warning', 'FreeDiskSpaceFailed', `Failed to garbage collect required amount of images. Attempted to free ${bytes} bytes, but only found 0 bytes eligible to free.`, { component: 'kubelet', host: node.name });
      return;
    }
    const pod = running[Math.floor(r.next() * running.length)] as SimPod;
    const container = r.pick(pod.spec.containers);
    const source = { component: 'kubelet', host: pod.nodeName };
    const base: InvolvedObject = {
      kind: 'Pod',
      namespace: pod.namespace,
      name: pod.name,
      uid: pod.uid,
      apiVersion: 'v1',
      ...(pod.object === undefined ? {} : { resourceVersion: pod.object.metadata.resourceVersion }),
    };
    const inContainer = { ...base, fieldPath: `spec.containers{${container.name}}` };
    const kind = r.next();
    // Mostly messages with a varying part (pull time, image size, pid), which the kubelet's
    // correlator cannot fold into an earlier event; probe failures and mount errors repeat.
    if (kind < 0.35) {
      const seconds = r.float(0.2, 30).toFixed(3);
      this.recorder.record(now, inContainer, 'Normal', 'Pulled', `Successfully pulled image "${container.image}" in ${seconds}s (${seconds}s including waiting). Image size: ${r.int(2_000_000, 900_000_000)} bytes.`, source);
    } else if (kind < 0.55) {
      const port = container.port ?? 8080;
      this.recorder.record(now, inContainer, 'Warning', 'Unhealthy', `Readiness probe failed: Get "http://${pod.podIp}:${port}/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)`, source);
    } else if (kind < 0.7) {
      this.recorder.record(now, base, 'Normal', 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.', source);
    } else if (kind < 0.85) {
      const volume = r.pick(pod.volumes);
      this.recorder.record(now, base, 'Warning', 'FailedMount', `MountVolume.SetUp failed for volume "${volume.name}" : failed to sync configmap cache: timed out waiting for the condition`, source);
    } else {
      const node = { kind: 'Node', name: pod.nodeName, uid: pod.nodeName, apiVersion: '' };
      this.recorder.record(now, node, 'Warning', 'SystemOOM', `System OOM encountered, victim process: ${container.name}, pid: ${r.int(1000, 4_000_000)}`, source);
    }
  }
}
