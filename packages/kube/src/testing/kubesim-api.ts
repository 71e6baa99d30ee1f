import {
  createApiServer,
  InMemoryObjectStore,
  type ApiServer,
  type ApiServerOptions,
  type NewObject,
} from '@heapster/kubesim';
import { KubeApiClient, type KubeApiClientOptions } from '../api-client.js';
import { loadKubeConfig } from '../kube-config.js';
import { parseKubernetesSourceUri } from '../source-uri.js';

/** kubesim's API server on 127.0.0.1 with its store, and a client connected the way heapster connects. */
export interface KubesimApi {
  readonly store: InMemoryObjectStore;
  readonly server: ApiServer;
  readonly client: KubeApiClient;
  close(): Promise<void>;
}

export async function startKubesimApi(
  options: {
    server?: Partial<ApiServerOptions>;
    client?: KubeApiClientOptions;
    historyLimit?: number;
  } = {},
): Promise<KubesimApi> {
  const store = new InMemoryObjectStore({ historyLimit: options.historyLimit ?? 100_000 });
  const server = await createApiServer({ store, ...options.server });
  const source = parseKubernetesSourceUri(
    `kubernetes.summary_api:${server.url}?inClusterConfig=false`,
    {},
  );
  const loaded = loadKubeConfig(source.apiServer, { env: {}, homeDir: null });
  const client = new KubeApiClient(loaded.kubeConfig, options.client);
  return { store, server, client, close: () => server.close() };
}

/** A fixture object (with uid and resourceVersion cleared so that the store assigns them) for store.create. */
export function asNew(object: Record<string, any>, keepUid = false): NewObject {
  const copy = JSON.parse(JSON.stringify(object)) as Record<string, any>;
  delete copy.metadata.resourceVersion;
  if (!keepUid) delete copy.metadata.uid;
  return copy as NewObject;
}
