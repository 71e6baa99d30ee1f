import { ConfigError, splitFlagUri, type FieldProblem } from '@heapster/runtime';
import {
  KUBELET_ADDRESS_TYPES,
  SERVICE_ACCOUNT_DIR,
  type KubeletConnectionConfig,
  type KubeletCredential,
  type KubernetesSourceConfig,
  type KubernetesSourceType,
} from './source-config.js';
import { SourceOptionReader } from './source-option-reader.js';

/** A source value already split the Heapster way: `TYPE:TARGET?OPTIONS`. */
export interface SplitSourceUri {
  readonly type?: string;
  readonly target: string;
  readonly options: URLSearchParams;
}

const SOURCE_TYPES: readonly KubernetesSourceType[] = ['kubernetes', 'kubernetes.summary_api'];
const READ_ONLY_KUBELET_PORT = 10255;
const SECURE_KUBELET_PORT = 10250;
const KUBELET_TIMEOUT_RANGE = { minMs: 100, maxMs: 10 * 60_000 };

/**
 * Parses `kubernetes.summary_api:<url>?<options>` (or `kubernetes:`), as Heapster's
 * `common/flags` did: the type ends at the first ':', `$VAR` / `${VAR}` are expanded from the
 * environment, then the rest is `TARGET?OPTIONS`. Throws one ConfigError listing every problem.
 */
export function parseKubernetesSourceUri(
  raw: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): KubernetesSourceConfig {
  return readKubernetesSourceOptions(splitFlagUri(raw, env));
}

/** Reads the options of an already-split source URI (see heapster.md §3.1 and README.md). */
export function readKubernetesSourceOptions(uri: SplitSourceUri): KubernetesSourceConfig {
  const problems: FieldProblem[] = [];
  const type = (uri.type ?? 'kubernetes.summary_api') as KubernetesSourceType;
  if (!SOURCE_TYPES.includes(type)) {
    problems.push({
      field: 'source',
      message: `"${uri.type}" is not a source type: expected ${SOURCE_TYPES.join(' or ')}`,
    });
  }
  const server = parseServer(uri.target.trim(), problems);
  const options = new SourceOptionReader(uri.options);

  const inClusterConfigExplicit = options.has('inClusterConfig');
  const inClusterConfig = options.boolean('inClusterConfig', true);
  const insecure = options.boolean('insecure', false);
  const kubeconfigPath = options.string('auth');
  const useServiceAccount = options.boolean('useServiceAccount', false);
  const apiVersion = options.string('apiVersion') ?? 'v1';
  if (apiVersion !== 'v1')
    options.problem('apiVersion', `"${apiVersion}" is not supported: the core API has only v1`);
  if (kubeconfigPath !== undefined && inClusterConfig && inClusterConfigExplicit) {
    options.problem('auth', 'a kubeconfig is only used with inClusterConfig=false');
  }

  const kubelet = readKubeletOptions(options, useServiceAccount);
  options.rejectUnknown();
  for (const problem of options.problems) {
    problems.push({ field: `${type} source option ${problem.field}`, message: problem.message });
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    type,
    apiServer: {
      server,
      inClusterConfig,
      inClusterConfigExplicit,
      insecure,
      kubeconfigPath,
      useServiceAccount,
      apiVersion: 'v1',
    },
    kubelet,
  };
}

function readKubeletOptions(
  options: SourceOptionReader,
  useServiceAccount: boolean,
): KubeletConnectionConfig {
  const https = options.boolean('kubeletHttps', false);
  const portGiven = options.has('kubeletPort');
  // Heapster's default is the read-only port; over https that port cannot work, 10250 can.
  const port = options.port('kubeletPort', https ? SECURE_KUBELET_PORT : READ_ONLY_KUBELET_PORT);
  // The node's daemonEndpoints port is the kubelet's secure port, so it only helps over https;
  // an explicit kubeletPort means "this port for every node" (Heapster) unless asked otherwise.
  const useNodeStatusPort = options.boolean('useNodeStatusPort', https && !portGiven);
  const addressTypes = options.listOf('kubeletAddressTypes', KUBELET_ADDRESS_TYPES, [
    'InternalIP',
    'ExternalIP',
    'Hostname',
  ]);
  const endpoint = options.oneOf('kubeletEndpoint', ['summary', 'resource'] as const, 'summary');
  const timeoutMs = options.durationMs('kubeletTimeout', KUBELET_TIMEOUT_RANGE);

  const caFile = options.string('kubeletCA');
  const certFile = options.string('kubeletClientCert');
  const keyFile = options.string('kubeletClientKey');
  if ((certFile === undefined) !== (keyFile === undefined)) {
    options.problem(
      certFile === undefined ? 'kubeletClientCert' : 'kubeletClientKey',
      'kubeletClientCert and kubeletClientKey go together',
    );
  }
  const insecureSkipVerify = options.boolean('kubeletInsecure', caFile === undefined);
  if (insecureSkipVerify && caFile !== undefined && options.has('kubeletInsecure')) {
    options.problem('kubeletInsecure', 'kubeletInsecure=true contradicts kubeletCA');
  }
  const tlsGiven = caFile !== undefined || certFile !== undefined || options.has('kubeletInsecure');
  if (tlsGiven && !https)
    options.problem(
      'kubeletHttps',
      'kubeletCA, kubeletClientCert and kubeletInsecure need kubeletHttps=true',
    );

  const token = options.string('kubeletToken');
  const tokenFile = options.string('kubeletTokenFile');
  let credential: KubeletCredential | undefined;
  if (token !== undefined && tokenFile !== undefined) {
    options.problem('kubeletToken', 'give kubeletToken or kubeletTokenFile, not both');
  } else if (token !== undefined) {
    credential = { kind: 'token', token };
  } else if (tokenFile !== undefined) {
    credential = { kind: 'tokenFile', path: tokenFile };
  } else if (useServiceAccount) {
    credential = { kind: 'tokenFile', path: `${SERVICE_ACCOUNT_DIR}/token` };
  }
  if ((token ?? tokenFile) !== undefined && !https) {
    options.problem(
      token !== undefined ? 'kubeletToken' : 'kubeletTokenFile',
      'a bearer token is only sent with kubeletHttps=true',
    );
  }

  return {
    scheme: https ? 'https' : 'http',
    port,
    useNodeStatusPort,
    addressTypes,
    endpoint,
    timeoutMs,
    tls: { caFile, certFile, keyFile, insecureSkipVerify },
    credential,
    hostIdAnnotation: options.string('host_id_annotation'),
  };
}

/** The API server's base URL from the target: http(s) only, without query, fragment or trailing '/'. */
function parseServer(target: string, problems: FieldProblem[]): string {
  if (target === '') return '';
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    problems.push({
      field: 'source url',
      message: `"${target}" is not a URL (e.g. https://kubernetes.default)`,
    });
    return '';
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    problems.push({
      field: 'source url',
      message: `"${target}" must be an http:// or https:// URL with a host`,
    });
    return '';
  }
  if (url.username !== '' || url.password !== '') {
    problems.push({
      field: 'source url',
      message: 'credentials in the URL are not supported: use auth=<kubeconfig>',
    });
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

/** The source value with secret options (kubeletToken) replaced by `***`, for logs and start-up summaries. */
export function maskKubernetesSourceUri(raw: string): string {
  return raw.replace(/([?&]kubeletToken=)[^&]*/g, '$1***');
}
