import type { ClusterSpec, ContainerSpec, NodeSpec, PodSpec } from './metrics-fixtures.js';

/** A small deterministic PRNG (mulberry32), so a failing seed can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Upper case sorts before lower case in byte order; the multi-byte names check byte offsets.
const NAMESPACES = ['default', 'kube-system', 'B', 'ns-ü', 'a', 'zz', 'x-ł€'];
const LABEL_VALUES = ['web', 'tier "front"', 'ünï', '', 'a\\b', '𝔘'];

/**
 * A cluster with the awkward cases mixed in at random: partial pods (a container with only
 * memory), pods without data, containers without windows, the same pod name in several
 * namespaces, a pod listed twice (its containers merge), containers out of name order,
 * multi-byte names and label values, pods without labels.
 */
export function randomCluster(seed: number, pods: number): ClusterSpec {
  const random = seededRandom(seed);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const nodes: NodeSpec[] = [];
  for (let n = 0; n < 1 + Math.floor(pods / 20); n++) {
    const hasRate = random() > 0.1;
    nodes.push({
      name: `node-${(n * 7919) % 1009}`,
      ...(hasRate ? { cpu: random() * 4000 } : {}),
      memory: Math.floor(random() * 2 ** 34),
      ...(random() > 0.3 ? { windowMs: 10_000 + Math.floor(random() * 10_000) } : {}),
      ...(random() > 0.5 ? { labels: { zone: pick(LABEL_VALUES) } } : {}),
    });
  }
  const specs: PodSpec[] = [];
  for (let p = 0; p < pods; p++) {
    const containers: ContainerSpec[] = [];
    const count = Math.floor(random() * 4);
    for (let c = 0; c < count; c++) {
      const kind = random();
      containers.push({
        name: pick(['app', 'sidecar', 'init', 'Z', 'ü']) + (c % 2 === 0 ? '' : `-${c}`),
        ...(kind > 0.05 ? { cpu: Math.round(random() * 2_000_000) / 1000 } : {}),
        ...(kind < 0.97 ? { memory: Math.floor(random() * 2 ** 31) } : {}),
        ...(random() > 0.2 ? { windowMs: 14_000 + Math.floor(random() * 2_000) } : {}),
      });
    }
    const labels: Record<string, string> = {};
    if (random() > 0.2) labels.app = pick(LABEL_VALUES);
    if (random() > 0.6) labels['example.com/x'] = pick(LABEL_VALUES);
    specs.push({
      namespace: pick(NAMESPACES),
      // A small name space, so names repeat across namespaces.
      name: `pod-${Math.floor(random() * pods * 0.8)}`,
      node: pick(nodes).name,
      labels,
      containers,
    });
  }
  return { timestamp: Date.parse('2026-08-01T10:00:00Z') + seed * 1000, nodes, pods: specs };
}
