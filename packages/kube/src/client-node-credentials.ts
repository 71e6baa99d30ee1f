import type http from 'node:http';
import type https from 'node:https';
import type { Cluster, KubeConfig, User } from '@kubernetes/client-node';
import type { ApiRequestSettings, CredentialSource } from './native-credentials.js';

/**
 * Credentials from client-node itself, for what NativeCredentials does not do: exec plugins,
 * the oidc/gcp/azure auth providers, proxies (http, https, socks). client-node is imported on
 * the first request only: it costs about 70 MB of memory and a second of start-up, which the
 * in-cluster and token/certificate cases never pay.
 */
export class ClientNodeCredentials implements CredentialSource {
  private readonly _cluster: Cluster;
  private readonly _user: User;
  private _config: Promise<KubeConfig> | undefined;

  constructor(cluster: Cluster, user: User) {
    this._cluster = cluster;
    this._user = user;
  }

  async settings(): Promise<ApiRequestSettings> {
    this._config ??= this._load();
    const config = await this._config;
    const options: https.RequestOptions = { headers: {} };
    await config.applyToHTTPSOptions(options);
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(options.headers ?? {}))
      if (value !== undefined) headers[name] = String(value);
    return {
      headers,
      agent: options.agent as http.Agent,
      ...(typeof options.auth === 'string' ? { auth: options.auth } : {}),
    };
  }

  close(): void {
    // client-node's agents have no keep-alive: nothing idle to close.
  }

  private async _load(): Promise<KubeConfig> {
    const { KubeConfig } = await import('@kubernetes/client-node');
    const config = new KubeConfig();
    config.loadFromOptions({
      clusters: [this._cluster],
      users: [this._user],
      contexts: [{ name: 'heapster', cluster: this._cluster.name, user: this._user.name }],
      currentContext: 'heapster',
    });
    return config;
  }
}
