import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Cluster, User } from '@kubernetes/client-node';
import { ConfigError } from '@heapster/runtime';
import { KubeConnection } from './kube-connection.js';
import { readKubeconfigFile } from './kubeconfig-file.js';
import {
  SERVICE_ACCOUNT_DIR,
  type ApiServerConfig,
  type KubeletConnectionConfig,
} from './source-config.js';

export interface LoadKubeConfigOptions {
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A `--kubeconfig` flag value, tried after the URI's `auth` and before $KUBECONFIG. */
  readonly kubeconfigFlag?: string;
  /** Where the pod's service-account files live (tests point it at a temp dir). */
  readonly serviceAccountDir?: string;
  /** Home directory for ~/.kube/config; `null` disables that fallback. */
  readonly homeDir?: string | null;
}

export type KubeConfigOrigin = 'in-cluster' | 'kubeconfig' | 'url';

/** The API-server connection plus where it came from, for the start-up summary. */
export interface LoadedKubeConfig {
  /** Hand it to KubeApiClient. (client-node's Cluster/User inside; client-node itself is not loaded.) */
  readonly kubeConfig: KubeConnection;
  readonly origin: KubeConfigOrigin;
  /** The kubeconfig file read (origin 'kubeconfig'). */
  readonly path: string | undefined;
  readonly server: string;
  /** The service-account directory, when its token authenticates us. */
  readonly serviceAccountDir: string | undefined;
}

/**
 * Builds the API-server connection, in Heapster's order with its traps removed: in-cluster
 * service account (unless inClusterConfig=false, or `auth` names a kubeconfig), else a
 * kubeconfig (`auth`, --kubeconfig, or without a URL $KUBECONFIG and ~/.kube/config), else the
 * bare URL. The URI's URL overrides the server in every mode. Throws a ConfigError naming what
 * is missing.
 */
export function loadKubeConfig(
  api: ApiServerConfig,
  options: LoadKubeConfigOptions = {},
): LoadedKubeConfig {
  const env = options.env ?? process.env;
  const saDir = options.serviceAccountDir ?? SERVICE_ACCOUNT_DIR;
  const wantInCluster =
    api.inClusterConfig && (api.inClusterConfigExplicit || api.kubeconfigPath === undefined);
  if (wantInCluster) {
    const host = env.KUBERNETES_SERVICE_HOST;
    const port = env.KUBERNETES_SERVICE_PORT;
    const tokenFile = join(saDir, 'token');
    if (host && port && existsSync(tokenFile)) {
      const server = api.server || `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
      const cluster = applyServerOptions(
        { name: 'in-cluster', server, caFile: join(saDir, 'ca.crt'), skipTLSVerify: false },
        api,
      );
      return build('in-cluster', undefined, cluster, tokenFileUser(tokenFile), saDir);
    }
    if (api.inClusterConfigExplicit) {
      throw new ConfigError([
        {
          field: 'source option inClusterConfig',
          message: `not running in a cluster (KUBERNETES_SERVICE_HOST/PORT unset or no ${tokenFile}); set inClusterConfig=false`,
        },
      ]);
    }
  }

  const path = findKubeconfig(api, options, env);
  if (path !== undefined) return fromKubeconfigFile(path.file, path.field, api, saDir);
  if (api.server !== '') {
    const cluster = applyServerOptions(
      { name: 'url', server: api.server, skipTLSVerify: false },
      api,
    );
    const user = api.useServiceAccount
      ? tokenFileUser(join(saDir, 'token'))
      : { name: 'anonymous' };
    return build('url', undefined, cluster, user, api.useServiceAccount ? saDir : undefined);
  }
  throw new ConfigError([
    {
      field: 'source',
      message:
        'no Kubernetes API server configured: give a URL (--source=kubernetes.summary_api:https://host:6443), ' +
        'a kubeconfig (auth=<file>, --kubeconfig, $KUBECONFIG or ~/.kube/config), or run in a cluster',
    },
  ]);
}

/**
 * Fills in the kubelet bearer credential when the URI gave none, as Heapster did (the kubelet
 * client reused the API client's bearer token): the service-account token file in-cluster,
 * else the kubeconfig user's static token or token file.
 */
export function resolveKubeletConfig(
  kubelet: KubeletConnectionConfig,
  loaded: LoadedKubeConfig,
): KubeletConnectionConfig {
  if (kubelet.credential !== undefined) return kubelet;
  if (loaded.serviceAccountDir !== undefined) {
    return {
      ...kubelet,
      credential: { kind: 'tokenFile', path: join(loaded.serviceAccountDir, 'token') },
    };
  }
  const user = loaded.kubeConfig.getCurrentUser();
  if (user?.token) return { ...kubelet, credential: { kind: 'token', token: user.token } };
  const tokenFile = (user?.authProvider as { config?: { tokenFile?: unknown } } | undefined)?.config
    ?.tokenFile;
  if (typeof tokenFile === 'string')
    return { ...kubelet, credential: { kind: 'tokenFile', path: tokenFile } };
  return { ...kubelet, credential: { kind: 'none' } };
}

function findKubeconfig(
  api: ApiServerConfig,
  options: LoadKubeConfigOptions,
  env: Readonly<Record<string, string | undefined>>,
): { file: string; field: string } | undefined {
  if (api.kubeconfigPath !== undefined)
    return { file: api.kubeconfigPath, field: 'source option auth' };
  if (options.kubeconfigFlag) return { file: options.kubeconfigFlag, field: '--kubeconfig' };
  // An explicit URL with no explicit kubeconfig is a bare connection: ambient credentials
  // ($KUBECONFIG, ~/.kube/config) are meant for their own server, not sent to another one.
  if (api.server !== '') return undefined;
  const fromEnv = (env.KUBECONFIG ?? '').split(delimiter).find(file => file !== '');
  if (fromEnv !== undefined) return { file: fromEnv, field: '$KUBECONFIG' };
  const home = options.homeDir === undefined ? homedir() : options.homeDir;
  if (home !== null) {
    const file = join(home, '.kube', 'config');
    if (existsSync(file)) return { file, field: '~/.kube/config' };
  }
  return undefined;
}

function fromKubeconfigFile(
  file: string,
  field: string,
  api: ApiServerConfig,
  saDir: string,
): LoadedKubeConfig {
  let selected;
  try {
    selected = readKubeconfigFile(file);
  } catch (error) {
    throw new ConfigError([
      { field, message: `cannot read kubeconfig ${file}: ${(error as Error).message}` },
    ]);
  }
  const { cluster: current, user } = selected;
  if (current === null) {
    throw new ConfigError([
      { field, message: `kubeconfig ${file} has no current context with a cluster` },
    ]);
  }
  const cluster = applyServerOptions({ ...current, server: api.server || current.server }, api);
  const effectiveUser = api.useServiceAccount
    ? tokenFileUser(join(saDir, 'token'))
    : (user ?? { name: 'anonymous' });
  return build(
    'kubeconfig',
    file,
    cluster,
    effectiveUser,
    api.useServiceAccount ? saDir : undefined,
  );
}

/** `insecure` drops the CA and skips verification; plain http needs skipTLSVerify in client-node. */
function applyServerOptions(cluster: Cluster, api: ApiServerConfig): Cluster {
  const http = cluster.server.startsWith('http:');
  if (!api.insecure && !http) return cluster;
  return { ...cluster, caData: undefined, caFile: undefined, skipTLSVerify: true };
}

function tokenFileUser(tokenFile: string): User {
  // client-node's FileAuth re-reads the file every minute, so rotated tokens are picked up.
  return { name: 'service-account', authProvider: { name: 'tokenFile', config: { tokenFile } } };
}

function build(
  origin: KubeConfigOrigin,
  path: string | undefined,
  cluster: Cluster,
  user: User,
  serviceAccountDir: string | undefined,
): LoadedKubeConfig {
  const kubeConfig = new KubeConnection(cluster, user);
  return { kubeConfig, origin, path, server: cluster.server, serviceAccountDir };
}
