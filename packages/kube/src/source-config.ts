/**
 * What a `--source=kubernetes[.summary_api]:<url>?<options>` value configures, split into the
 * API-server side (turned into a KubeConnection by loadKubeConfig) and the kubelet
 * side (handed to the kubelet source, which never imports client-node).
 */

export type KubernetesSourceType = 'kubernetes' | 'kubernetes.summary_api';

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface ApiServerConfig {
  /** `scheme://host[:port][/prefix]` from the URI; '' when the URI names no server. */
  readonly server: string;
  /** Use the pod's service account (Heapster's default true). */
  readonly inClusterConfig: boolean;
  /**
   * Whether inClusterConfig was given explicitly. The default (true) falls back to a kubeconfig
   * when the process does not run in a cluster; an explicit true is an error there instead.
   */
  readonly inClusterConfigExplicit: boolean;
  /** Skip API-server TLS verification (`insecure`). */
  readonly insecure: boolean;
  /** Kubeconfig file (`auth`), used when not in-cluster. */
  readonly kubeconfigPath: string | undefined;
  /** Send the service-account token as bearer (`useServiceAccount`). */
  readonly useServiceAccount: boolean;
  /** Only v1 exists for the core group. */
  readonly apiVersion: 'v1';
}

export const KUBELET_ADDRESS_TYPES = [
  'InternalIP',
  'ExternalIP',
  'Hostname',
  'InternalDNS',
  'ExternalDNS',
] as const;
export type KubeletAddressType = (typeof KUBELET_ADDRESS_TYPES)[number];

/** `summary` = GET /stats/summary (full metrics); `resource` = GET /metrics/resource (cpu+memory, kubelet ≥ 1.18). */
export type KubeletEndpoint = 'summary' | 'resource';

/** How to authenticate to kubelets: nothing, a literal bearer token, or a token file re-read on change. */
export type KubeletCredential =
  | { readonly kind: 'none' }
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'tokenFile'; readonly path: string };

export interface KubeletTlsConfig {
  /** CA bundle to verify kubelet serving certificates (`kubeletCA`). */
  readonly caFile: string | undefined;
  /** Client certificate and key (`kubeletClientCert` / `kubeletClientKey`), both or neither. */
  readonly certFile: string | undefined;
  readonly keyFile: string | undefined;
  /**
   * Skip verification. Defaults to true when no CA is given (Heapster's behaviour: kubelet
   * certificates are usually self-signed) and false when one is; `kubeletInsecure` overrides.
   */
  readonly insecureSkipVerify: boolean;
}

/** Everything the kubelet source needs to reach a node's kubelet. */
export interface KubeletConnectionConfig {
  readonly scheme: 'http' | 'https';
  /** Port for every node, or the fallback when the node reports none (`kubeletPort`). */
  readonly port: number;
  /** Prefer the node's own `status.daemonEndpoints.kubeletEndpoint.Port` (`useNodeStatusPort`). */
  readonly useNodeStatusPort: boolean;
  /** Address types to try, in order (`kubeletAddressTypes`). */
  readonly addressTypes: readonly KubeletAddressType[];
  readonly endpoint: KubeletEndpoint;
  /** Per-request timeout (`kubeletTimeout`); undefined lets the source derive it from the resolution. */
  readonly timeoutMs: number | undefined;
  readonly tls: KubeletTlsConfig;
  /** Bearer credential; sent over https only. Undefined until resolveKubeletConfig fills it in. */
  readonly credential: KubeletCredential | undefined;
  /** Node annotation used as host_id when spec.externalID is empty (`host_id_annotation`). */
  readonly hostIdAnnotation: string | undefined;
}

export interface KubernetesSourceConfig {
  readonly type: KubernetesSourceType;
  readonly apiServer: ApiServerConfig;
  readonly kubelet: KubeletConnectionConfig;
}
