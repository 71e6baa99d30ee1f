import type { NamespaceInfo, NodeAddress, NodeInfo } from './cluster-records.js';
import {
  arrayField,
  numberField,
  objectField,
  pickStrings,
  requiredString,
  stringField,
  stringMap,
  timeField,
  type ConversionContext,
} from './conversion-context.js';
import { toResourceAmounts } from './resource-amounts.js';

/**
 * The strings of status.nodeInfo that `kubectl get nodes` prints: VERSION, and with `-o wide`
 * OS-IMAGE, KERNEL-VERSION and CONTAINER-RUNTIME ('' when the node reports none). Interned:
 * every node of a cluster usually reports the same few.
 */
export interface NodeSystemInfo {
  readonly kubeletVersion: string;
  readonly osImage: string;
  readonly kernelVersion: string;
  readonly containerRuntimeVersion: string;
}

/**
 * A v1.Node (raw JSON) as a NodeInfo, with the NodeSystemInfo strings. `annotationKeys` are the
 * only annotations kept (the host_id annotation). Throws ObjectDecodeError naming the node and
 * the field.
 */
export function toNodeInfo(
  raw: unknown,
  context: ConversionContext,
  annotationKeys: readonly string[] = [],
): NodeInfo & NodeSystemInfo {
  const node = objectField(raw, 'node');
  const metadata = objectField(node.metadata, 'node metadata');
  const name = requiredString(metadata.name, 'node metadata.name');
  const at = `node ${name}:`;
  const spec = objectField(node.spec, `${at} spec`);
  const status = objectField(node.status, `${at} status`);
  const daemonEndpoints = objectField(status.daemonEndpoints, `${at} status.daemonEndpoints`);
  const kubeletEndpoint = objectField(
    daemonEndpoints.kubeletEndpoint,
    `${at} status.daemonEndpoints.kubeletEndpoint`,
  );
  const port = numberField(
    kubeletEndpoint.Port,
    `${at} status.daemonEndpoints.kubeletEndpoint.Port`,
  );
  const nodeInfo = objectField(status.nodeInfo, `${at} status.nodeInfo`);
  const info = (field: keyof NodeSystemInfo): string =>
    context.intern(stringField(nodeInfo[field], `${at} status.nodeInfo.${field}`));

  return Object.freeze({
    name,
    uid: stringField(metadata.uid, `${at} metadata.uid`),
    resourceVersion: stringField(metadata.resourceVersion, `${at} metadata.resourceVersion`),
    labels: stringMap(metadata.labels, `${at} metadata.labels`, context),
    annotations: pickStrings(metadata.annotations, annotationKeys, `${at} metadata.annotations`),
    externalID: stringField(spec.externalID, `${at} spec.externalID`),
    unschedulable: spec.unschedulable === true,
    ready: isReady(status.conditions, at),
    addresses: toAddresses(status.addresses, at, context),
    // Port 0 is what a node that never reported its kubelet endpoint carries.
    kubeletPort: port !== undefined && port > 0 ? port : undefined,
    capacity: toResourceAmounts(status.capacity, `${at} status.capacity`, context),
    allocatable: toResourceAmounts(status.allocatable, `${at} status.allocatable`, context),
    creationTimestamp: timeField(metadata.creationTimestamp, `${at} metadata.creationTimestamp`),
    kubeletVersion: info('kubeletVersion'),
    osImage: info('osImage'),
    kernelVersion: info('kernelVersion'),
    containerRuntimeVersion: info('containerRuntimeVersion'),
  });
}

/** A v1.Namespace (raw JSON) as a NamespaceInfo. */
export function toNamespaceInfo(raw: unknown, context: ConversionContext): NamespaceInfo {
  const namespace = objectField(raw, 'namespace');
  const metadata = objectField(namespace.metadata, 'namespace metadata');
  const name = requiredString(metadata.name, 'namespace metadata.name');
  const at = `namespace ${name}:`;
  const status = objectField(namespace.status, `${at} status`);
  return Object.freeze({
    name: context.intern(name),
    uid: stringField(metadata.uid, `${at} metadata.uid`),
    resourceVersion: stringField(metadata.resourceVersion, `${at} metadata.resourceVersion`),
    phase: context.intern(stringField(status.phase, `${at} status.phase`)),
    creationTimestamp: timeField(metadata.creationTimestamp, `${at} metadata.creationTimestamp`),
  });
}

function isReady(conditions: unknown, at: string): boolean {
  for (const [index, entry] of arrayField(conditions, `${at} status.conditions`).entries()) {
    const condition = objectField(entry, `${at} status.conditions[${index}]`);
    if (condition.type === 'Ready') return condition.status === 'True';
  }
  return false;
}

function toAddresses(
  value: unknown,
  at: string,
  context: ConversionContext,
): readonly NodeAddress[] {
  return Object.freeze(
    arrayField(value, `${at} status.addresses`).map((entry, index) => {
      const address = objectField(entry, `${at} status.addresses[${index}]`);
      return Object.freeze({
        type: context.intern(stringField(address.type, `${at} status.addresses[${index}].type`)),
        address: stringField(address.address, `${at} status.addresses[${index}].address`),
      });
    }),
  );
}
