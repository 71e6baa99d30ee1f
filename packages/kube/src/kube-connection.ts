import type { Cluster, User } from '@kubernetes/client-node';
import { ClientNodeCredentials } from './client-node-credentials.js';
import {
  NativeCredentials,
  needsClientNode,
  type ApiRequestSettings,
  type CredentialSource,
} from './native-credentials.js';

/**
 * One API server and the user to be there: what loadKubeConfig resolved, in client-node's
 * Cluster/User shapes (so kubeconfig semantics stay client-node's), and the credentials of each
 * request. It replaces client-node's KubeConfig, whose import alone costs about 70 MB: requests
 * go over node:http(s) with credentials computed here, and client-node is loaded only for users
 * that need it (exec plugins, auth providers, proxies).
 */
export class KubeConnection {
  readonly cluster: Cluster;
  readonly user: User;
  private _credentials: CredentialSource | undefined;

  constructor(cluster: Cluster, user: User) {
    this.cluster = cluster;
    this.user = user;
  }

  get server(): string {
    return this.cluster.server;
  }

  /** client-node's KubeConfig accessors, for code written against it. */
  getCurrentCluster(): Cluster {
    return this.cluster;
  }

  getCurrentUser(): User {
    return this.user;
  }

  /** Whether requests go through client-node (loaded on the first one). */
  get usesClientNode(): boolean {
    return needsClientNode(this.cluster, this.user);
  }

  /** Headers, agent and Basic credentials for the next request. */
  requestSettings(): Promise<ApiRequestSettings> {
    this._credentials ??= this.usesClientNode
      ? new ClientNodeCredentials(this.cluster, this.user)
      : new NativeCredentials(this.cluster, this.user);
    return this._credentials.settings();
  }

  /** Closes idle kept-alive connections (they also close by themselves after a few seconds). */
  close(): void {
    this._credentials?.close();
  }
}
