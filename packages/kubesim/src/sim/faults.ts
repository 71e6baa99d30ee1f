import { hash01 } from './prng.js';

/**
 * Kubelet-side faults, switched per node or for a share of nodes. Response faults (slow, hang,
 * error, reset, malformed, truncated, missingFields) change how the node's kubelet answers;
 * node faults (notReady, noAddress) change the Node object in the store; counterReset is a
 * one-shot action that zeroes the node's cumulative counters.
 */

export const KUBELET_FAULT_KINDS = [
  'slow',
  'hang',
  'error',
  'reset',
  'malformed',
  'truncated',
  'missingFields',
  'notReady',
  'noAddress',
  'counterReset',
] as const;

export type KubeletFaultKind = (typeof KUBELET_FAULT_KINDS)[number];

export interface KubeletFaultSpec {
  readonly kind: KubeletFaultKind;
  /** Node names the fault applies to. */
  readonly nodes?: readonly string[];
  /** Or a share of all nodes, 0–100 (the same nodes every time for a given kind and seed). */
  readonly percent?: number;
  /** For "slow": added latency in milliseconds (default 5000). */
  readonly delayMs?: number;
  /** For "error": the HTTP status (default 500). */
  readonly status?: number;
}

/** The response faults active on one node. */
export interface NodeResponseFaults {
  readonly delayMs?: number;
  readonly hang?: boolean;
  readonly status?: number;
  readonly reset?: boolean;
  readonly malformed?: boolean;
  readonly truncated?: boolean;
  readonly missingFields?: boolean;
}

export interface ActiveFault {
  readonly kind: KubeletFaultKind;
  readonly node: string;
  readonly delayMs?: number;
  readonly status?: number;
}

const KIND_CODE: Readonly<Record<KubeletFaultKind, number>> = Object.fromEntries(
  KUBELET_FAULT_KINDS.map((k, i) => [k, i + 1]),
) as Record<KubeletFaultKind, number>;

/** Checks a spec; errors name the field. */
export function validateFaultSpec(spec: KubeletFaultSpec, knownNodes: ReadonlySet<string>): void {
  if (!(KUBELET_FAULT_KINDS as readonly string[]).includes(spec.kind)) {
    throw new Error(`fault kind must be one of ${KUBELET_FAULT_KINDS.join(', ')}, got ${JSON.stringify(spec.kind)}`);
  }
  if (spec.nodes === undefined && spec.percent === undefined) throw new Error(`fault "${spec.kind}" needs nodes or percent`);
  if (spec.percent !== undefined && (typeof spec.percent !== 'number' || !(spec.percent >= 0 && spec.percent <= 100))) {
    throw new Error(`fault percent must be from 0 to 100, got ${String(spec.percent)}`);
  }
  for (const n of spec.nodes ?? []) if (!knownNodes.has(n)) throw new Error(`fault nodes: no node named ${JSON.stringify(n)}`);
  if (spec.delayMs !== undefined && !(Number.isFinite(spec.delayMs) && spec.delayMs >= 0)) {
    throw new Error(`fault delayMs must be a non-negative number, got ${String(spec.delayMs)}`);
  }
  if (spec.status !== undefined && !(Number.isInteger(spec.status) && spec.status >= 400 && spec.status <= 599)) {
    throw new Error(`fault status must be an HTTP error status (400–599), got ${String(spec.status)}`);
  }
}

/** The nodes a spec selects: listed names, or the first ⌈percent⌉ of a seeded shuffle. */
export function selectNodes(spec: KubeletFaultSpec, nodeNames: readonly string[], seed: number): string[] {
  if (spec.nodes !== undefined) return [...spec.nodes];
  const count = Math.ceil(((spec.percent ?? 0) / 100) * nodeNames.length);
  const code = KIND_CODE[spec.kind];
  return nodeNames
    .map((name, i) => ({ name, order: hash01(seed, i, code, 0xfa17) }))
    .sort((a, b) => a.order - b.order)
    .slice(0, count)
    .map((x) => x.name);
}

/**
 * Parses the CLI form "kind[:key=value,...]", e.g. "slow:percent=10,delayMs=3000" or
 * "error:nodes=node-0001+node-0002,status=503".
 */
export function parseFaultSpec(text: string): KubeletFaultSpec {
  const [kind = '', rest] = text.split(/:(.*)/s, 2);
  const spec: { kind: KubeletFaultKind; nodes?: string[]; percent?: number; delayMs?: number; status?: number } = {
    kind: kind as KubeletFaultKind,
  };
  for (const part of (rest ?? '').split(',').filter((p) => p !== '')) {
    const [key, value = ''] = part.split('=', 2);
    const number = Number(value.replace(/%$/, ''));
    switch (key) {
      case 'nodes':
        spec.nodes = value.split('+').filter((n) => n !== '');
        break;
      case 'percent':
        spec.percent = number;
        break;
      case 'delayMs':
        spec.delayMs = number;
        break;
      case 'status':
        spec.status = number;
        break;
      default:
        throw new Error(`fault ${JSON.stringify(text)}: unknown key ${JSON.stringify(key)} (use nodes, percent, delayMs, status)`);
    }
  }
  if (!(KUBELET_FAULT_KINDS as readonly string[]).includes(spec.kind)) {
    throw new Error(`fault ${JSON.stringify(text)}: kind must be one of ${KUBELET_FAULT_KINDS.join(', ')}`);
  }
  if (spec.nodes === undefined && spec.percent === undefined) spec.percent = 100;
  return spec;
}

/** Response-fault state per node, read by the kubelets on every request. */
export class ResponseFaultTable {
  private readonly byNode = new Map<string, NodeResponseFaults>();

  get(node: string): NodeResponseFaults | undefined {
    return this.byNode.get(node);
  }

  set(node: string, spec: KubeletFaultSpec): void {
    const current = { ...(this.byNode.get(node) ?? {}) } as Record<string, unknown>;
    switch (spec.kind) {
      case 'slow':
        current.delayMs = spec.delayMs ?? 5000;
        break;
      case 'hang':
        current.hang = true;
        break;
      case 'error':
        current.status = spec.status ?? 500;
        break;
      default:
        current[spec.kind] = true;
    }
    this.byNode.set(node, current as NodeResponseFaults);
  }

  clear(node: string, kind: KubeletFaultKind | undefined): void {
    if (kind === undefined) {
      this.byNode.delete(node);
      return;
    }
    const current = { ...(this.byNode.get(node) ?? {}) } as Record<string, unknown>;
    const field = kind === 'slow' ? 'delayMs' : kind === 'error' ? 'status' : kind;
    delete current[field];
    if (Object.keys(current).length === 0) this.byNode.delete(node);
    else this.byNode.set(node, current as NodeResponseFaults);
  }

  list(): ActiveFault[] {
    const out: ActiveFault[] = [];
    for (const [node, f] of this.byNode) {
      if (f.delayMs !== undefined) out.push({ kind: 'slow', node, delayMs: f.delayMs });
      if (f.hang === true) out.push({ kind: 'hang', node });
      if (f.status !== undefined) out.push({ kind: 'error', node, status: f.status });
      for (const kind of ['reset', 'malformed', 'truncated', 'missingFields'] as const) {
        if (f[kind] === true) out.push({ kind, node });
      }
    }
    return out;
  }
}
