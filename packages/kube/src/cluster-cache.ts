import { noopLogger, type Logger } from '@heapster/runtime';
import type { KubeApiClient } from './api-client.js';
import { type NamespaceInfo, type NodeInfo, type PodInfo } from './cluster-records.js';
import { ConversionContext } from './conversion-context.js';
import type {
  ClusterChange,
  ClusterChangeListener,
  NamespaceLister,
  NodeLister,
  PodLister,
} from './listers.js';
import { toNamespaceInfo, toNodeInfo } from './node-record.js';
import { toPodInfo } from './pod-record.js';
import { Reflector, type ReflectorCounters, type ReflectorListener } from './reflector.js';
import type { BackoffOptions } from './watch-loop.js';

export interface ClusterCacheOptions {
  readonly client: KubeApiClient;
  readonly logger?: Logger;
  /** Node annotation kept on NodeInfo.annotations (Heapster's host_id_annotation). */
  readonly hostIdAnnotation?: string;
  /** Items per list page (default 500, as kubectl). */
  readonly pageSize?: number;
  readonly backoff?: BackoffOptions;
  readonly random?: () => number;
}

export interface InformerStats extends ReflectorCounters {
  readonly objects: number;
  readonly synced: boolean;
}

export interface ClusterCacheStats {
  readonly nodes: InformerStats;
  readonly pods: InformerStats;
  readonly namespaces: InformerStats;
  /** Changes applied since start (adds + updates + deletes of all kinds). */
  readonly changes: number;
}

/**
 * Informers for nodes, pods and namespaces behind the three lister interfaces, plus an index
 * of pods by node. Start once, wait for onSynced(), read at will; stop() leaves nothing open.
 */
export class ClusterCache implements NodeLister, PodLister, NamespaceLister {
  private readonly _nodes: Reflector<NodeInfo>;
  private readonly _pods: Reflector<PodInfo>;
  private readonly _namespaces: Reflector<NamespaceInfo>;
  private readonly _listeners = new Set<ClusterChangeListener>();
  private readonly _logger: Logger;
  private _changes = 0;

  constructor(options: ClusterCacheOptions) {
    const logger = options.logger ?? noopLogger;
    this._logger = logger;
    const context = new ConversionContext();
    const annotations = options.hostIdAnnotation === undefined ? [] : [options.hostIdAnnotation];
    const common = {
      client: options.client,
      logger,
      pageSize: options.pageSize ?? 500,
      backoff: options.backoff,
      random: options.random,
      versionOf: (record: { resourceVersion: string }) => record.resourceVersion,
    };
    this._nodes = new Reflector<NodeInfo>({
      ...common,
      resource: 'nodes',
      path: '/api/v1/nodes',
      convert: raw => toNodeInfo(raw, context, annotations),
      listener: this._forward('node'),
    });
    this._pods = new Reflector<PodInfo>({
      ...common,
      resource: 'pods',
      path: '/api/v1/pods',
      convert: raw => toPodInfo(raw, context),
      listener: this._forward('pod'),
    });
    this._namespaces = new Reflector<NamespaceInfo>({
      ...common,
      resource: 'namespaces',
      path: '/api/v1/namespaces',
      convert: raw => toNamespaceInfo(raw, context),
      listener: this._forward('namespace'),
    });
  }

  start(): void {
    this._nodes.start();
    this._pods.start();
    this._namespaces.start();
  }

  async stop(): Promise<void> {
    await Promise.all([this._nodes.stop(), this._pods.stop(), this._namespaces.stop()]);
  }

  /** All three initial lists are done. */
  get synced(): boolean {
    return this._nodes.synced && this._pods.synced && this._namespaces.synced;
  }

  /** Resolves once synced; rejects if stopped first. */
  async onSynced(): Promise<void> {
    await Promise.all([
      this._nodes.whenSynced(),
      this._pods.whenSynced(),
      this._namespaces.whenSynced(),
    ]);
  }

  /** Calls `listener` for every change from now on; returns the unsubscribe function. */
  onChange(listener: ClusterChangeListener): () => void {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  stats(): ClusterCacheStats {
    const of = <T>(reflector: Reflector<T>): InformerStats => ({
      ...reflector.counters,
      objects: reflector.size,
      synced: reflector.synced,
    });
    return {
      nodes: of(this._nodes),
      pods: of(this._pods),
      namespaces: of(this._namespaces),
      changes: this._changes,
    };
  }

  getNode(name: string): NodeInfo | undefined {
    return this._nodes.get('', name);
  }

  listNodes(): readonly NodeInfo[] {
    return [...this._nodes.values()];
  }

  getPod(namespace: string, name: string): PodInfo | undefined {
    return this._pods.get(namespace, name);
  }

  /**
   * A scan, not an index: nothing on the scrape path asks, and an index entry per pod cost
   * ≈ 4 MB at 100,000 pods and work on every pod update.
   */
  podsOnNode(nodeName: string): readonly PodInfo[] {
    const pods: PodInfo[] = [];
    for (const pod of this._pods.values()) if (pod.nodeName === nodeName) pods.push(pod);
    return pods;
  }

  listPods(): readonly PodInfo[] {
    return [...this._pods.values()];
  }

  getNamespace(name: string): NamespaceInfo | undefined {
    return this._namespaces.get('', name);
  }

  listNamespaces(): readonly NamespaceInfo[] {
    return [...this._namespaces.values()];
  }

  private _forward<
    K extends ClusterChange['kind'],
    T extends Extract<ClusterChange, { kind: K }>['record'],
  >(kind: K): ReflectorListener<T> {
    const emit = (type: ClusterChange['type'], record: T, previous: T | undefined): void => {
      this._changes += 1;
      if (this._listeners.size === 0) return;
      const change = { kind, type, record, previous } as ClusterChange;
      for (const listener of this._listeners) {
        try {
          listener(change);
        } catch (error) {
          this._logger.error('cluster cache: a change listener threw', {
            error: (error as Error).message,
          });
        }
      }
    };
    return {
      added: record => emit('added', record, undefined),
      updated: (previous, record) => emit('updated', record, previous),
      deleted: record => emit('deleted', record, undefined),
    };
  }
}
