import type { ApiFaults, ApiFaultsSnapshot, FaultScope, WatchDropMode } from '../api/api-faults.js';
import type { ClusterSimulation } from './cluster-simulation.js';
import { KUBELET_FAULT_KINDS, selectNodes, validateFaultSpec } from './faults.js';
import type { ActiveFault, KubeletFaultKind, KubeletFaultSpec, ResponseFaultTable } from './faults.js';

/** Switches faults on and off at runtime: kubelet faults here, API-server faults delegated to ApiFaults. */
export interface FaultSwitchboard {
  /** Applies a kubelet fault; returns the names of the nodes it now applies to. */
  set(spec: KubeletFaultSpec): string[];
  /** Clears one kind (or all kinds) on some (or all) nodes. */
  clear(kind?: KubeletFaultKind, nodes?: readonly string[]): void;
  list(): ActiveFault[];
  /** Kubelet and API faults now in force. */
  state(): FaultState;
  /** Applies a POST /_sim/faults body; returns the affected nodes of each `kubelet.set`, in order. */
  apply(request: FaultRequest): string[][];
  /** API-server faults (watch drops, 410s, slow or failing lists). */
  readonly api: ApiFaults;
}

/** The POST /_sim/faults body. */
export interface FaultRequest {
  readonly kubelet?: {
    readonly set?: readonly KubeletFaultSpec[];
    /** true clears everything; or a list of {kind?, nodes?}. */
    readonly clear?: true | readonly { readonly kind?: KubeletFaultKind; readonly nodes?: readonly string[] }[];
  };
  readonly api?: {
    readonly scope?: FaultScope;
    readonly reset?: boolean;
    readonly watchDropAfterMs?: number | null;
    readonly watchDropMode?: WatchDropMode;
    readonly dropWatchesNow?: boolean;
    readonly forceExpiredOnNextWatch?: number;
    readonly expireWatchesOlderThan?: number | null;
    readonly listDelayMs?: number | null;
    readonly listFailure?: { readonly status: number; readonly percent?: number } | null;
  };
}

export interface FaultState {
  readonly kubelet: ActiveFault[];
  readonly api: ApiFaultsSnapshot;
}

export class FaultController implements FaultSwitchboard {
  readonly api: ApiFaults;
  private readonly sim: ClusterSimulation;
  private readonly table: ResponseFaultTable;

  constructor(sim: ClusterSimulation, table: ResponseFaultTable, api: ApiFaults) {
    this.sim = sim;
    this.table = table;
    this.api = api;
  }

  set(spec: KubeletFaultSpec): string[] {
    validateFaultSpec(spec, new Set(this.sim.nodesByName.keys()));
    const names = selectNodes(spec, this.sim.nodes.map((n) => n.name), this.sim.options.seed);
    for (const name of names) {
      const node = this.sim.nodesByName.get(name);
      if (node === undefined) continue;
      if (spec.kind === 'notReady') this.sim.setNodeReady(node, false);
      else if (spec.kind === 'noAddress') this.sim.setAddressUsable(node, false);
      else if (spec.kind === 'counterReset') this.sim.resetCounters(node);
      else this.table.set(name, spec);
    }
    return names;
  }

  clear(kind?: KubeletFaultKind, nodes?: readonly string[]): void {
    if (kind !== undefined && !(KUBELET_FAULT_KINDS as readonly string[]).includes(kind)) {
      throw new Error(`fault kind must be one of ${KUBELET_FAULT_KINDS.join(', ')}, got ${JSON.stringify(kind)}`);
    }
    const targets = nodes === undefined ? this.sim.nodes : nodes.map((n) => {
      const node = this.sim.nodesByName.get(n);
      if (node === undefined) throw new Error(`fault nodes: no node named ${JSON.stringify(n)}`);
      return node;
    });
    for (const node of targets) {
      if (kind === undefined || kind === 'notReady') this.sim.setNodeReady(node, true);
      if (kind === undefined || kind === 'noAddress') this.sim.setAddressUsable(node, true);
      if (kind !== 'notReady' && kind !== 'noAddress' && kind !== 'counterReset') this.table.clear(node.name, kind);
    }
  }

  list(): ActiveFault[] {
    const out = this.table.list();
    for (const node of this.sim.nodes) {
      if (!node.ready) out.push({ kind: 'notReady', node: node.name });
      if (!node.addressUsable) out.push({ kind: 'noAddress', node: node.name });
    }
    return out;
  }

  state(): FaultState {
    return { kubelet: this.list(), api: this.api.snapshot() };
  }

  apply(request: FaultRequest): string[][] {
    if (typeof request !== 'object' || request === null) throw new Error('faults request must be a JSON object');
    const kubelet = request.kubelet;
    if (kubelet?.clear === true) this.clear();
    else if (kubelet?.clear !== undefined) {
      if (!Array.isArray(kubelet.clear)) throw new Error('kubelet.clear must be true or an array of {kind?, nodes?}');
      for (const c of kubelet.clear) this.clear(c.kind, c.nodes);
    }
    if (kubelet?.set !== undefined && !Array.isArray(kubelet.set)) throw new Error('kubelet.set must be an array of fault specs');
    const affected = (kubelet?.set ?? []).map((spec) => this.set(spec));
    const api = request.api;
    if (api !== undefined) {
      const scope = api.scope ?? '*';
      if (api.reset === true) this.api.reset();
      if (api.watchDropMode !== undefined) this.api.setWatchDropMode(api.watchDropMode);
      if (api.watchDropAfterMs !== undefined) this.api.setWatchDropAfter(api.watchDropAfterMs ?? undefined, scope);
      if (api.expireWatchesOlderThan !== undefined) this.api.setExpireWatchesOlderThan(api.expireWatchesOlderThan ?? undefined, scope);
      if (api.forceExpiredOnNextWatch !== undefined) this.api.forceExpiredOnNextWatch(scope, api.forceExpiredOnNextWatch);
      if (api.listDelayMs !== undefined) this.api.setListDelay(api.listDelayMs ?? undefined, scope);
      if (api.listFailure !== undefined) this.api.setListFailure(api.listFailure ?? undefined, scope);
      if (api.dropWatchesNow === true) this.api.dropWatchesNow(scope);
    }
    return affected;
  }
}
