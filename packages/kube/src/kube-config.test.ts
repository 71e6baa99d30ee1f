import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { ConfigError } from '@heapster/runtime';
import { loadKubeConfig, resolveKubeletConfig, type LoadKubeConfigOptions } from './kube-config.js';
import { parseKubernetesSourceUri } from './source-uri.js';

const dir = mkdtempSync(join(tmpdir(), 'kube-config-'));
const saDir = join(dir, 'sa');
const kubeconfig = join(dir, 'config');
const otherKubeconfig = join(dir, 'other-config');
const inCluster = { KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' };

function kubeconfigYaml(server: string, user: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'current-context: dev',
    'clusters:',
    `- name: dev-cluster`,
    '  cluster:',
    `    server: ${server}`,
    '    certificate-authority-data: Zm9v',
    'contexts:',
    '- name: dev',
    '  context: {cluster: dev-cluster, user: dev-user}',
    'users:',
    '- name: dev-user',
    `  user: ${user}`,
    '',
  ].join('\n');
}

writeFileSync(kubeconfig, kubeconfigYaml('https://dev.example.com:6443', '{token: dev-token}'));
writeFileSync(otherKubeconfig, kubeconfigYaml('https://other.example.com:6443', '{}'));
mkdirSync(saDir);
writeFileSync(join(saDir, 'token'), 'sa-token');
writeFileSync(join(saDir, 'ca.crt'), 'ca');

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function load(uri: string, options: LoadKubeConfigOptions = {}) {
  const source = parseKubernetesSourceUri(uri, {});
  return loadKubeConfig(source.apiServer, {
    serviceAccountDir: saDir,
    homeDir: null,
    env: {},
    ...options,
  });
}

function problemOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('expected a ConfigError');
}

describe('loadKubeConfig', () => {
  it('uses the service account in a cluster, reading the token file', () => {
    const loaded = load('kubernetes.summary_api:', { env: inCluster });
    expect(loaded).toMatchObject({
      origin: 'in-cluster',
      server: 'https://10.96.0.1:443',
      serviceAccountDir: saDir,
    });
    expect(loaded.kubeConfig.getCurrentCluster()).toMatchObject({
      caFile: join(saDir, 'ca.crt'),
      skipTLSVerify: false,
    });
    expect(loaded.kubeConfig.getCurrentUser()?.authProvider).toEqual({
      name: 'tokenFile',
      config: { tokenFile: join(saDir, 'token') },
    });
  });

  it('lets the URL override the in-cluster server, and insecure drop the CA', () => {
    const loaded = load('kubernetes.summary_api:https://kubernetes.default?insecure=true', {
      env: inCluster,
    });
    expect(loaded.server).toBe('https://kubernetes.default');
    expect(loaded.kubeConfig.getCurrentCluster()).toMatchObject({
      caFile: undefined,
      skipTLSVerify: true,
    });
  });

  it('falls back to $KUBECONFIG outside a cluster when inClusterConfig is the default', () => {
    const loaded = load('kubernetes.summary_api:', { env: { KUBECONFIG: kubeconfig } });
    expect(loaded).toMatchObject({
      origin: 'kubeconfig',
      path: kubeconfig,
      server: 'https://dev.example.com:6443',
    });
    expect(loaded.kubeConfig.getCurrentCluster()?.caData).toBe('Zm9v');
    expect(loaded.kubeConfig.getCurrentUser()?.token).toBe('dev-token');
  });

  it('prefers the URI auth over --kubeconfig over $KUBECONFIG, even in a cluster', () => {
    const env = { ...inCluster, KUBECONFIG: otherKubeconfig };
    expect(
      load(`kubernetes.summary_api:?auth=${kubeconfig}`, { env, kubeconfigFlag: otherKubeconfig })
        .path,
    ).toBe(kubeconfig);
    expect(
      load('kubernetes.summary_api:?inClusterConfig=false', { env, kubeconfigFlag: kubeconfig })
        .path,
    ).toBe(kubeconfig);
    expect(load('kubernetes.summary_api:?inClusterConfig=false', { env }).path).toBe(
      otherKubeconfig,
    );
  });

  it('reads ~/.kube/config when nothing else is given', () => {
    const home = join(dir, 'home');
    const kubeDir = join(home, '.kube');
    mkdirSync(kubeDir, { recursive: true });
    copyFileSync(kubeconfig, join(kubeDir, 'config'));
    expect(load('kubernetes.summary_api:', { homeDir: home }).path).toBe(join(kubeDir, 'config'));
  });

  it('connects to a bare http URL with skipTLSVerify (client-node refuses http without it)', () => {
    // Ambient kubeconfig credentials are not sent to a server the URI names.
    const loaded = load('kubernetes.summary_api:http://127.0.0.1:8080?inClusterConfig=false', {
      env: { KUBECONFIG: kubeconfig },
    });
    expect(loaded.origin).toBe('url');
    expect(loaded.kubeConfig.getCurrentCluster()).toMatchObject({
      server: 'http://127.0.0.1:8080',
      skipTLSVerify: true,
    });
    expect(loaded.kubeConfig.getCurrentUser()?.token).toBeUndefined();
  });

  it('overrides a kubeconfig server with the URL and sends the service-account token on request', () => {
    const loaded = load(
      `kubernetes.summary_api:https://lb.example.com?inClusterConfig=false&auth=${kubeconfig}&useServiceAccount=true`,
    );
    expect(loaded.server).toBe('https://lb.example.com');
    expect(loaded.kubeConfig.getCurrentCluster()?.caData).toBe('Zm9v');
    expect(loaded.kubeConfig.getCurrentUser()?.authProvider?.config.tokenFile).toBe(
      join(saDir, 'token'),
    );
  });

  it('explains what is missing', () => {
    expect(problemOf(() => load('kubernetes.summary_api:'))).toMatch(
      /^source: no Kubernetes API server configured: give a URL/,
    );
    expect(problemOf(() => load('kubernetes.summary_api:?inClusterConfig=true'))).toMatch(
      /^source option inClusterConfig: not running in a cluster .*set inClusterConfig=false$/,
    );
    expect(problemOf(() => load(`kubernetes.summary_api:?auth=${join(dir, 'missing')}`))).toMatch(
      /^source option auth: cannot read kubeconfig .*missing: ENOENT/,
    );
    writeFileSync(join(dir, 'empty'), 'apiVersion: v1\nkind: Config\n');
    expect(
      problemOf(() => load('kubernetes.summary_api:', { env: { KUBECONFIG: join(dir, 'empty') } })),
    ).toMatch(/^\$KUBECONFIG: kubeconfig .*empty has no current context with a cluster$/);
  });
});

describe('resolveKubeletConfig', () => {
  it('reuses the API credentials for kubelets, as Heapster did', () => {
    const inClusterSource = parseKubernetesSourceUri(
      'kubernetes.summary_api:?kubeletHttps=true',
      {},
    );
    const loadedInCluster = loadKubeConfig(inClusterSource.apiServer, {
      env: inCluster,
      serviceAccountDir: saDir,
      homeDir: null,
    });
    expect(resolveKubeletConfig(inClusterSource.kubelet, loadedInCluster).credential).toEqual({
      kind: 'tokenFile',
      path: join(saDir, 'token'),
    });

    const fromFile = loadKubeConfig(inClusterSource.apiServer, {
      env: { KUBECONFIG: kubeconfig },
      homeDir: null,
      serviceAccountDir: saDir,
    });
    expect(resolveKubeletConfig(inClusterSource.kubelet, fromFile).credential).toEqual({
      kind: 'token',
      token: 'dev-token',
    });

    const anonymous = loadKubeConfig(inClusterSource.apiServer, {
      env: { KUBECONFIG: otherKubeconfig },
      homeDir: null,
      serviceAccountDir: saDir,
    });
    expect(resolveKubeletConfig(inClusterSource.kubelet, anonymous).credential).toEqual({
      kind: 'none',
    });
  });

  it('keeps a credential the URI gave', () => {
    const source = parseKubernetesSourceUri(
      'kubernetes.summary_api:?kubeletHttps=true&kubeletToken=abc',
      {},
    );
    const loaded = loadKubeConfig(source.apiServer, {
      env: inCluster,
      serviceAccountDir: saDir,
      homeDir: null,
    });
    expect(resolveKubeletConfig(source.kubelet, loaded).credential).toEqual({
      kind: 'token',
      token: 'abc',
    });
  });
});
