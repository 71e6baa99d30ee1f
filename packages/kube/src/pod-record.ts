import type { ContainerInfo, PodInfo } from './cluster-records.js';
import {
  arrayField,
  numberField,
  objectField,
  requiredString,
  stringField,
  stringMap,
  timeField,
  type ConversionContext,
} from './conversion-context.js';
import { toResourceAmounts } from './resource-amounts.js';

const NO_CONTAINERS: readonly ContainerInfo[] = Object.freeze([]);

/**
 * A v1.Pod (raw JSON) as a PodInfo: identity, placement, phase, times, and per container its
 * name, image, requests, limits and restart count. Everything else (volumes, env, probes,
 * managedFields...) is dropped here. Throws ObjectDecodeError naming the pod and the field.
 */
export function toPodInfo(raw: unknown, context: ConversionContext): PodInfo {
  const pod = objectField(raw, 'pod');
  const metadata = objectField(pod.metadata, 'pod metadata');
  const name = requiredString(metadata.name, 'pod metadata.name');
  const namespace = requiredString(metadata.namespace, `pod ${name}: metadata.namespace`);
  const at = `pod ${namespace}/${name}:`;
  const spec = objectField(pod.spec, `${at} spec`);
  const status = objectField(pod.status, `${at} status`);

  return Object.freeze({
    namespace: context.intern(namespace),
    name,
    uid: stringField(metadata.uid, `${at} metadata.uid`),
    resourceVersion: stringField(metadata.resourceVersion, `${at} metadata.resourceVersion`),
    nodeName: context.intern(stringField(spec.nodeName, `${at} spec.nodeName`)),
    labels: stringMap(metadata.labels, `${at} metadata.labels`, context),
    phase: context.intern(stringField(status.phase, `${at} status.phase`)),
    startTime: optionalTime(status.startTime, `${at} status.startTime`),
    creationTimestamp: timeField(metadata.creationTimestamp, `${at} metadata.creationTimestamp`),
    podIP: stringField(status.podIP, `${at} status.podIP`),
    containers: toContainers(
      spec.containers,
      status.containerStatuses,
      `${at} spec.containers`,
      context,
    ),
    initContainers: toContainers(
      spec.initContainers,
      status.initContainerStatuses,
      `${at} spec.initContainers`,
      context,
    ),
  });
}

function optionalTime(value: unknown, field: string): number | undefined {
  const ms = timeField(value, field);
  return Number.isNaN(ms) ? undefined : ms;
}

function toContainers(
  specs: unknown,
  statuses: unknown,
  field: string,
  context: ConversionContext,
): readonly ContainerInfo[] {
  const list = arrayField(specs, field);
  if (list.length === 0) return NO_CONTAINERS;
  const statusList = arrayField(statuses, `${field} statuses`);
  return Object.freeze(
    list.map((entry, index) => {
      const at = `${field}[${index}]`;
      const container = objectField(entry, at);
      const name = requiredString(container.name, `${at}.name`);
      const resources = objectField(container.resources, `${at}.resources`);
      return Object.freeze({
        name: context.intern(name),
        image: context.intern(stringField(container.image, `${at}.image`)),
        requests: toResourceAmounts(resources.requests, `${at}.resources.requests`, context),
        limits: toResourceAmounts(resources.limits, `${at}.resources.limits`, context),
        restartCount: restartCountOf(statusList, name, `${field} statuses`),
      });
    }),
  );
}

function restartCountOf(statuses: readonly unknown[], name: string, field: string): number {
  for (const [index, entry] of statuses.entries()) {
    const status = objectField(entry, `${field}[${index}]`);
    if (status.name === name)
      return numberField(status.restartCount, `${field}[${index}].restartCount`) ?? 0;
  }
  return 0;
}
