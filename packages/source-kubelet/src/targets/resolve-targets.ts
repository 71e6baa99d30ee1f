import { isIP } from 'node:net';
import type { KubeletTarget, SkippedNode } from './kubelet-target.js';

/** The parts of a Node the source needs; @heapster/kube's NodeInfo has this shape. */
export interface KubeletNode {
  readonly name: string;
  /** The Ready condition is True. */
  readonly ready: boolean;
  readonly addresses: readonly { readonly type: string; readonly address: string }[];
  /** status.daemonEndpoints.kubeletEndpoint.Port, when reported (0 and absent mean none). */
  readonly kubeletPort?: number | undefined;
  /** spec.externalID ('' or absent when unset). */
  readonly externalID?: string | undefined;
  /** At least the host_id annotation, when one is configured. */
  readonly annotations?: Readonly<Record<string, string>> | undefined;
}

export interface TargetResolutionOptions {
  /** Address types in order of preference (default InternalIP, ExternalIP, Hostname). */
  readonly addressTypes?: readonly string[];
  /** The port for every node, or the fallback when the node reports none. */
  readonly port: number;
  /** Prefer the node's own kubelet port from daemonEndpoints (default true). */
  readonly useNodeStatusPort?: boolean;
  /** Node annotation used as host_id when spec.externalID is empty. */
  readonly hostIdAnnotation?: string | undefined;
}

export interface ResolvedTargets {
  readonly targets: readonly KubeletTarget[];
  readonly skipped: readonly SkippedNode[];
}

export const DEFAULT_ADDRESS_TYPES: readonly string[] = ['InternalIP', 'ExternalIP', 'Hostname'];
const IP_TYPES = new Set(['InternalIP', 'ExternalIP']);
const HOST_NAME = /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,62})(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,62}))*\.?$/;

/**
 * Turns Nodes into scrape targets. Nodes that are not Ready, or that have no address of an
 * allowed type that can be dialled, come back in `skipped` with the reason — Heapster dropped
 * them with one log line per scrape, which made a misaddressed node look like a missing one.
 */
export function resolveKubeletTargets(
  nodes: Iterable<KubeletNode>,
  options: TargetResolutionOptions,
): ResolvedTargets {
  const types = options.addressTypes ?? DEFAULT_ADDRESS_TYPES;
  const targets: KubeletTarget[] = [];
  const skipped: SkippedNode[] = [];
  for (const node of nodes) {
    const address = pickAddress(node, types);
    if (!node.ready) {
      skipped.push({
        node: node.name,
        reason: 'not_ready',
        detail: 'the Ready condition is not True',
      });
    } else if (address === undefined) {
      skipped.push({ node: node.name, reason: 'no_address', detail: noAddressDetail(node, types) });
    } else {
      targets.push({
        nodeName: node.name,
        address,
        port: portOf(node, options),
        hostname: hostnameOf(node),
        hostId: hostIdOf(node, options.hostIdAnnotation),
        ready: true,
      });
    }
  }
  return { targets, skipped };
}

function pickAddress(node: KubeletNode, types: readonly string[]): string | undefined {
  for (const type of types) {
    for (const entry of node.addresses) {
      if (entry.type === type && usable(type, entry.address)) return entry.address;
    }
  }
  return undefined;
}

/** IP types must hold an IP; name types a syntactically valid DNS name. */
function usable(type: string, address: string): boolean {
  if (address === '') return false;
  if (IP_TYPES.has(type)) return isIP(address) !== 0;
  return isIP(address) !== 0 || (address.length <= 253 && HOST_NAME.test(address));
}

function noAddressDetail(node: KubeletNode, types: readonly string[]): string {
  const has = node.addresses.map(a => `${a.type}=${JSON.stringify(a.address)}`).join(', ');
  return `no usable address of type ${types.join(', ')} (has ${has === '' ? 'none' : has})`;
}

function portOf(node: KubeletNode, options: TargetResolutionOptions): number {
  const own = node.kubeletPort;
  const useOwn = options.useNodeStatusPort ?? true;
  return useOwn && own !== undefined && Number.isInteger(own) && own > 0 && own < 65_536
    ? own
    : options.port;
}

function hostnameOf(node: KubeletNode): string {
  for (const entry of node.addresses)
    if (entry.type === 'Hostname' && entry.address !== '') return entry.address;
  return node.name;
}

function hostIdOf(node: KubeletNode, annotation: string | undefined): string {
  if (node.externalID !== undefined && node.externalID !== '') return node.externalID;
  if (annotation === undefined || annotation === '') return '';
  return node.annotations?.[annotation] ?? '';
}
