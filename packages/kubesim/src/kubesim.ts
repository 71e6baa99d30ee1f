import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { createCertificateAuthority, issueCertificate } from '@heapster/tls';
import type { CertificateAuthority, PemKeyPair } from '@heapster/tls';
import { ApiFaults } from './api/api-faults.js';
import { createApiServer } from './api/api-server.js';
import type { ApiServer, RequestLogEntry } from './api/api-server.js';
import type { AuthPolicy, UserInfo } from './api/auth/auth-policy.js';
import { InMemoryObjectStore } from './api/in-memory-object-store.js';
import type { ObjectStore } from './api/object-store.js';
import { KubeletFleet } from './kubelet/kubelet-fleet.js';
import type { KubeletRequestLogEntry } from './kubelet/kubelet-handler.js';
import { renderKubeconfig } from './kubeconfig.js';
import { ClusterSimulation } from './sim/cluster-simulation.js';
import { FaultController } from './sim/fault-controller.js';
import type { FaultSwitchboard } from './sim/fault-controller.js';
import { ResponseFaultTable } from './sim/faults.js';
import type { KubeletFaultSpec } from './sim/faults.js';
import { groundTruth } from './sim/ground-truth.js';
import { simRoutes } from './sim/sim-routes.js';
import type { GroundTruth, TruthFilter } from './sim/ground-truth.js';
import type { SimulationOptions } from './sim/options.js';

export interface KubesimOptions extends SimulationOptions {
  /** API server port on 127.0.0.1 (default 0: any free port). */
  readonly apiPort?: number;
  /** Serve the API over HTTPS with a generated CA; clients must authenticate. Default false. */
  readonly https?: boolean;
  /** Serve the kubelets' HTTPS port (bearer tokens, client certificates). Default true. */
  readonly kubeletHttps?: boolean;
  /** HTTPS kubelet port on every node address (default 0: one free port shared by all). */
  readonly kubeletPort?: number;
  /** Read-only HTTP kubelet port on every node address (default 0: one shared free port). */
  readonly kubeletReadOnlyPort?: number;
  /** The admin token (system:masters); generated when omitted. */
  readonly adminToken?: string;
  /** Further static tokens, e.g. a Heapster service account. */
  readonly tokens?: Readonly<Record<string, UserInfo>>;
  /** Authorisation rules for the API server and kubelets (default: every authenticated user may do everything). */
  readonly authRules?: AuthPolicy['rules'];
  /** Write a kubeconfig here once serving. */
  readonly kubeconfigPath?: string;
  /** Kubelet faults switched on at start. */
  readonly faults?: readonly KubeletFaultSpec[];
  /** API-server faults object to use (default: a fresh ApiFaults seeded from `seed`). */
  readonly apiFaults?: ApiFaults;
  /** Drive the simulation from a timer (default true); false: call handle.tick() yourself. */
  readonly autoTick?: boolean;
  /** gitVersion the API server reports. */
  readonly kubeVersion?: string;
  /** Watch history kept per kind by the store (default 10,000 changes; raise it for event floods). */
  readonly historyLimit?: number;
  readonly onApiRequest?: (entry: RequestLogEntry) => void;
  readonly onKubeletRequest?: (entry: KubeletRequestLogEntry) => void;
  /** Called as each kubelet request arrives (onKubeletRequest is called once it is answered). */
  readonly onKubeletRequestStart?: () => void;
  readonly onError?: (error: unknown) => void;
}

export interface KubesimNodeInfo {
  readonly name: string;
  readonly address: string;
  /** HTTPS port (0 when kubeletHttps is off). */
  readonly kubeletPort: number;
  readonly readOnlyPort: number;
}

export interface Kubesim {
  readonly apiUrl: string;
  readonly kubeconfigPath: string | undefined;
  /** The kubeconfig text (also written to kubeconfigPath when given). */
  readonly kubeconfig: string;
  /** Token of the system:masters admin user (valid on the API server and the kubelets). */
  readonly adminToken: string;
  /** The CA behind every certificate kubesim serves; issue client certificates with @heapster/tls. */
  readonly ca: CertificateAuthority;
  readonly nodes: readonly KubesimNodeInfo[];
  readonly kubeletPort: number;
  readonly kubeletReadOnlyPort: number;
  readonly store: ObjectStore;
  readonly simulation: ClusterSimulation;
  readonly faults: FaultSwitchboard;
  /** The ground truth now (the object GET /_sim/truth returns). */
  truth(filter?: TruthFilter): GroundTruth;
  /** Runs the simulation up to now (needed only with autoTick: false). */
  tick(now?: number): void;
  /** Restarts a running container; false when there is no such container. */
  restartContainer(namespace: string, pod: string, container?: string): boolean;
  /** Closes every socket and timer. */
  stop(): Promise<void>;
}

async function kubeletCertificates(ca: CertificateAuthority): Promise<(nodes: readonly { name: string; address: string }[]) => Promise<PemKeyPair>> {
  // One key for all kubelet certificates: key generation dominates issuing cost.
  const first = await issueCertificate(ca, { commonName: 'kubesim-kubelet', ipAddresses: ['127.0.0.1'], usage: 'server' });
  return (nodes) =>
    issueCertificate(ca, {
      commonName: `system:node:${nodes[0]?.name ?? 'kubesim'}`,
      organizations: ['system:nodes'],
      dnsNames: nodes.map((n) => n.name),
      ipAddresses: nodes.map((n) => n.address),
      usage: 'server',
      keyPem: first.keyPem,
    });
}

/** Starts the store, the simulation, the kubelets and the API server. */
export async function start(options: KubesimOptions = {}): Promise<Kubesim> {
  const now = options.now ?? Date.now;
  const store = new InMemoryObjectStore({ now, seed: options.seed ?? 1, ...(options.historyLimit === undefined ? {} : { historyLimit: options.historyLimit }) });
  const simulation = new ClusterSimulation(store, options);
  const adminToken = options.adminToken ?? randomBytes(24).toString('base64url');
  const policy: AuthPolicy = {
    tokens: { ...(options.tokens ?? {}), [adminToken]: { username: 'kubesim-admin', groups: ['system:masters'] } },
    ...(options.authRules === undefined ? {} : { rules: options.authRules }),
  };
  const ca = await createCertificateAuthority({ commonName: 'kubesim-ca' });
  const apiFaults = options.apiFaults ?? new ApiFaults({ seed: simulation.options.seed });
  const table = new ResponseFaultTable();
  const faults = new FaultController(simulation, table, apiFaults);
  const kubeletHttps = options.kubeletHttps ?? true;
  const fleet = new KubeletFleet({
    sim: simulation,
    faults: table,
    port: options.kubeletPort ?? 0,
    readOnlyPort: options.kubeletReadOnlyPort ?? 0,
    authPolicy: policy,
    ...(kubeletHttps ? { tls: { certificateFor: await kubeletCertificates(ca), clientCaPem: ca.certPem } } : {}),
    ...(options.onKubeletRequest === undefined ? {} : { onRequest: options.onKubeletRequest }),
    ...(options.onKubeletRequestStart === undefined ? {} : { onRequestStart: options.onKubeletRequestStart }),
  });
  let api: ApiServer | undefined;
  try {
    await fleet.start();
    for (const spec of options.faults ?? []) faults.set(spec);
    const apiTls = options.https === true
      ? await issueCertificate(ca, { commonName: 'kube-apiserver', dnsNames: ['localhost', 'kubernetes', 'kubernetes.default'], ipAddresses: ['127.0.0.1'], usage: 'server' })
      : undefined;
    api = await createApiServer({
      store,
      port: options.apiPort ?? 0,
      authPolicy: policy,
      faults: apiFaults,
      now,
      extraRoutes: simRoutes(simulation, faults),
      ...(apiTls === undefined ? {} : { tls: { cert: apiTls.certPem, key: apiTls.keyPem, ca: ca.certPem } }),
      ...(options.kubeVersion === undefined ? {} : { kubeVersion: options.kubeVersion }),
      ...(options.onApiRequest === undefined ? {} : { onRequest: options.onApiRequest }),
      ...(options.onError === undefined ? {} : { onError: options.onError }),
    });
  } catch (error) {
    await fleet.stop();
    await api?.close();
    throw error;
  }
  const server = api;
  const kubeconfig = renderKubeconfig({
    server: server.url,
    ...(options.https === true ? { caPem: ca.certPem, token: adminToken } : {}),
  });
  if (options.kubeconfigPath !== undefined) await writeFile(options.kubeconfigPath, kubeconfig, { mode: 0o600 });
  if (options.autoTick ?? true) simulation.start();
  let stopped: Promise<void> | undefined;
  return {
    apiUrl: server.url,
    kubeconfigPath: options.kubeconfigPath,
    kubeconfig,
    adminToken,
    ca,
    nodes: simulation.nodes.map((n) => ({ name: n.name, address: n.address, kubeletPort: kubeletHttps ? fleet.port : 0, readOnlyPort: fleet.readOnlyPort })),
    kubeletPort: kubeletHttps ? fleet.port : 0,
    kubeletReadOnlyPort: fleet.readOnlyPort,
    store,
    simulation,
    faults,
    truth: (filter) => groundTruth(simulation, filter),
    tick: (at) => simulation.tick(at),
    restartContainer: (namespace, pod, container) => simulation.restartContainer(namespace, pod, container),
    stop: () => {
      stopped ??= (async () => {
        simulation.stop();
        await Promise.all([fleet.stop(), server.close()]);
      })();
      return stopped;
    },
  };
}
