import type { KubeletNode } from '../targets/resolve-targets.js';

interface RawNode {
  metadata: { name: string; annotations?: Record<string, string> };
  spec?: { externalID?: string };
  status?: {
    conditions?: { type: string; status: string }[];
    addresses?: { type: string; address: string }[];
    daemonEndpoints?: { kubeletEndpoint?: { Port?: number } };
  };
}

/** A v1.Node as the narrow KubeletNode (what @heapster/kube's NodeInfo provides in production). */
export function toKubeletNode(object: unknown): KubeletNode {
  const node = object as RawNode;
  return {
    name: node.metadata.name,
    ready: node.status?.conditions?.some(c => c.type === 'Ready' && c.status === 'True') ?? false,
    addresses: node.status?.addresses ?? [],
    kubeletPort: node.status?.daemonEndpoints?.kubeletEndpoint?.Port,
    externalID: node.spec?.externalID ?? '',
    annotations: node.metadata.annotations ?? {},
  };
}
