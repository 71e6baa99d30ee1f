import { FieldPath } from '../decode/field-path.js';
import type { Summary } from './summary-types.js';

/**
 * Checks that a parsed body has the shapes of summary-types.ts for every field the writer reads,
 * and throws a DecodeError naming the first field that does not (`pods[3].containers[0].cpu.
 * usageCoreNanoSeconds: expected a number, got "abc"`). Validating before writing is what keeps a
 * bad body from leaving half a node in the batch. Fields the writer ignores are not checked, so
 * a kubelet may add or garble them without losing the node.
 */
export function validateSummary(body: unknown): Summary {
  const path = new FieldPath();
  const root = path.object(body);
  path.key('node');
  const node = path.object(root.node);
  path.time(node.startTime, 'startTime');
  checkCpu(node.cpu, path);
  checkMemory(node.memory, path);
  checkNetwork(node.network, path);
  checkFs(node.fs, 'fs', path);
  const systemContainers = path.array(node.systemContainers, 'systemContainers');
  path.key('systemContainers');
  for (let i = 0; i < systemContainers.length; i++) {
    path.index(i);
    checkContainer(systemContainers[i], path);
    path.leave();
  }
  path.leave();
  path.leave();

  const pods = path.array(root.pods, 'pods');
  path.key('pods');
  for (let i = 0; i < pods.length; i++) {
    path.index(i);
    checkPod(pods[i], path);
    path.leave();
  }
  return root as unknown as Summary;
}

function checkPod(value: unknown, path: FieldPath): void {
  const pod = path.object(value);
  path.key('podRef');
  const ref = path.object(pod.podRef);
  path.name(ref.name, 'name');
  path.name(ref.namespace, 'namespace');
  path.string(ref.uid, 'uid');
  path.leave();
  path.time(pod.startTime, 'startTime');
  checkCpu(pod.cpu, path);
  checkMemory(pod.memory, path);
  checkNetwork(pod.network, path);
  checkFs(pod['ephemeral-storage'], 'ephemeral-storage', path);
  const volumes = path.array(pod.volume, 'volume');
  path.key('volume');
  for (let i = 0; i < volumes.length; i++) {
    path.index(i);
    const volume = path.object(volumes[i]);
    path.name(volume.name, 'name');
    checkFsFields(volume, path);
    path.leave();
  }
  path.leave();
  const containers = path.array(pod.containers, 'containers');
  path.key('containers');
  for (let i = 0; i < containers.length; i++) {
    path.index(i);
    checkContainer(containers[i], path);
    path.leave();
  }
  path.leave();
}

function checkContainer(value: unknown, path: FieldPath): void {
  const container = path.object(value);
  path.name(container.name, 'name');
  path.time(container.startTime, 'startTime');
  checkCpu(container.cpu, path);
  checkMemory(container.memory, path);
  checkFs(container.rootfs, 'rootfs', path);
  checkFs(container.logs, 'logs', path);
  const accelerators = path.array(container.accelerators, 'accelerators');
  if (accelerators.length > 0) {
    path.key('accelerators');
    for (let i = 0; i < accelerators.length; i++) {
      path.index(i);
      const a = path.object(accelerators[i]);
      path.string(a.make, 'make');
      path.string(a.model, 'model');
      path.string(a.id, 'id');
      path.uint(a.memoryTotal, 'memoryTotal');
      path.uint(a.memoryUsed, 'memoryUsed');
      path.uint(a.dutyCycle, 'dutyCycle');
      path.leave();
    }
    path.leave();
  }
  const metrics = path.array(container.userDefinedMetrics, 'userDefinedMetrics');
  if (metrics.length > 0) {
    path.key('userDefinedMetrics');
    for (let i = 0; i < metrics.length; i++) {
      path.index(i);
      const m = path.object(metrics[i]);
      path.name(m.name, 'name');
      path.string(m.type, 'type');
      path.float(m.value, 'value');
      if (m.labels != null) checkStringMap(m.labels, path);
      path.leave();
    }
    path.leave();
  }
}

function checkCpu(value: unknown, path: FieldPath): void {
  if (value == null) return;
  path.key('cpu');
  const cpu = path.object(value);
  path.time(cpu.time, 'time');
  path.uint(cpu.usageNanoCores, 'usageNanoCores');
  path.uint(cpu.usageCoreNanoSeconds, 'usageCoreNanoSeconds');
  path.leave();
}

function checkMemory(value: unknown, path: FieldPath): void {
  if (value == null) return;
  path.key('memory');
  const memory = path.object(value);
  path.time(memory.time, 'time');
  path.uint(memory.usageBytes, 'usageBytes');
  path.uint(memory.workingSetBytes, 'workingSetBytes');
  path.uint(memory.rssBytes, 'rssBytes');
  path.uint(memory.pageFaults, 'pageFaults');
  path.uint(memory.majorPageFaults, 'majorPageFaults');
  path.leave();
}

function checkNetwork(value: unknown, path: FieldPath): void {
  if (value == null) return;
  path.key('network');
  const network = path.object(value);
  path.time(network.time, 'time');
  path.string(network.name, 'name');
  checkInterfaceCounters(network, path);
  const interfaces = path.array(network.interfaces, 'interfaces');
  if (interfaces.length > 0) {
    path.key('interfaces');
    for (let i = 0; i < interfaces.length; i++) {
      path.index(i);
      const entry = path.object(interfaces[i]);
      path.string(entry.name, 'name');
      checkInterfaceCounters(entry, path);
      path.leave();
    }
    path.leave();
  }
  path.leave();
}

function checkInterfaceCounters(entry: Record<string, unknown>, path: FieldPath): void {
  path.uint(entry.rxBytes, 'rxBytes');
  path.uint(entry.rxErrors, 'rxErrors');
  path.uint(entry.txBytes, 'txBytes');
  path.uint(entry.txErrors, 'txErrors');
}

function checkFs(value: unknown, key: string, path: FieldPath): void {
  if (value == null) return;
  path.key(key);
  checkFsFields(path.object(value), path);
  path.leave();
}

function checkFsFields(fs: Record<string, unknown>, path: FieldPath): void {
  path.uint(fs.availableBytes, 'availableBytes');
  path.uint(fs.capacityBytes, 'capacityBytes');
  path.uint(fs.usedBytes, 'usedBytes');
  path.uint(fs.inodesFree, 'inodesFree');
  path.uint(fs.inodes, 'inodes');
}

function checkStringMap(value: unknown, path: FieldPath): void {
  path.key('labels');
  const map = path.object(value);
  for (const key in map) path.string(map[key], key);
  path.leave();
}
