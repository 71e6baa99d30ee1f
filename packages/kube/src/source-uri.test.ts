import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@heapster/runtime';
import {
  maskKubernetesSourceUri,
  parseKubernetesSourceUri,
  readKubernetesSourceOptions,
} from './source-uri.js';

function problemsOf(raw: string): string[] {
  try {
    parseKubernetesSourceUri(raw, {});
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map(p => `${p.field}: ${p.message}`);
  }
  throw new Error(`expected ${raw} to be rejected`);
}

describe('parseKubernetesSourceUri', () => {
  it('applies Heapster defaults to a bare source', () => {
    const source = parseKubernetesSourceUri('kubernetes.summary_api:', {});
    expect(source.type).toBe('kubernetes.summary_api');
    expect(source.apiServer).toEqual({
      server: '',
      inClusterConfig: true,
      inClusterConfigExplicit: false,
      insecure: false,
      kubeconfigPath: undefined,
      useServiceAccount: false,
      apiVersion: 'v1',
    });
    expect(source.kubelet).toEqual({
      scheme: 'http',
      port: 10255,
      useNodeStatusPort: false,
      addressTypes: ['InternalIP', 'ExternalIP', 'Hostname'],
      endpoint: 'summary',
      timeoutMs: undefined,
      tls: { caFile: undefined, certFile: undefined, keyFile: undefined, insecureSkipVerify: true },
      credential: undefined,
      hostIdAnnotation: undefined,
    });
  });

  it('reads the URL and every option', () => {
    const source = parseKubernetesSourceUri(
      'kubernetes:https://kubernetes.default:443/?inClusterConfig=false&auth=/etc/kube/config&insecure=true' +
        '&useServiceAccount=1&kubeletPort=10250&kubeletHttps=true&host_id_annotation=example.com/host-id&apiVersion=v1' +
        '&kubeletAddressTypes=Hostname,InternalIP&useNodeStatusPort=false&kubeletCA=/ca.pem&kubeletClientCert=/c.pem' +
        '&kubeletClientKey=/k.pem&kubeletTokenFile=/token&kubeletTimeout=2s&kubeletEndpoint=resource',
      {},
    );
    expect(source.type).toBe('kubernetes');
    expect(source.apiServer).toMatchObject({
      server: 'https://kubernetes.default',
      inClusterConfig: false,
      inClusterConfigExplicit: true,
      insecure: true,
      kubeconfigPath: '/etc/kube/config',
      useServiceAccount: true,
    });
    expect(source.kubelet).toEqual({
      scheme: 'https',
      port: 10250,
      useNodeStatusPort: false,
      addressTypes: ['Hostname', 'InternalIP'],
      endpoint: 'resource',
      timeoutMs: 2000,
      tls: { caFile: '/ca.pem', certFile: '/c.pem', keyFile: '/k.pem', insecureSkipVerify: false },
      credential: { kind: 'tokenFile', path: '/token' },
      hostIdAnnotation: 'example.com/host-id',
    });
  });

  it('keeps a path prefix, drops a trailing slash, expands environment variables', () => {
    const source = parseKubernetesSourceUri(
      'kubernetes.summary_api:https://${HOST}:6443/k8s/clusters/c-1/?kubeletToken=$TOKEN&kubeletHttps=true',
      {
        HOST: 'rancher.example.com',
        TOKEN: 's3cret',
      },
    );
    expect(source.apiServer.server).toBe('https://rancher.example.com:6443/k8s/clusters/c-1');
    expect(source.kubelet.credential).toEqual({ kind: 'token', token: 's3cret' });
  });

  it('uses the secure kubelet port by default over https, and an explicit port for every node', () => {
    expect(
      parseKubernetesSourceUri('kubernetes.summary_api:?kubeletHttps=true', {}).kubelet.port,
    ).toBe(10250);
    const fixed = parseKubernetesSourceUri('kubernetes.summary_api:?kubeletPort=4194', {}).kubelet;
    expect(fixed).toMatchObject({ port: 4194, useNodeStatusPort: false });
    const both = parseKubernetesSourceUri(
      'kubernetes.summary_api:?kubeletPort=4194&useNodeStatusPort=true',
      {},
    ).kubelet;
    expect(both).toMatchObject({ port: 4194, useNodeStatusPort: true });
  });

  it('takes the service-account token for kubelets with useServiceAccount', () => {
    const source = parseKubernetesSourceUri(
      'kubernetes:?useServiceAccount=true&kubeletHttps=true',
      {},
    );
    expect(source.kubelet.credential).toEqual({
      kind: 'tokenFile',
      path: '/var/run/secrets/kubernetes.io/serviceaccount/token',
    });
  });

  it.each([
    [
      'kubernetes.summary_api:?kubeletPort=0',
      'kubernetes.summary_api source option kubeletPort: "0" is not a port number (1-65535)',
    ],
    [
      'kubernetes.summary_api:?kubeletPort=http',
      'kubernetes.summary_api source option kubeletPort: "http" is not a port number (1-65535)',
    ],
    [
      'kubernetes.summary_api:?insecure=yes',
      'kubernetes.summary_api source option insecure: "yes" is not a boolean (true or false)',
    ],
    [
      'kubernetes.summary_api:?apiVersion=v2',
      'kubernetes.summary_api source option apiVersion: "v2" is not supported: the core API has only v1',
    ],
    [
      'kubernetes.summary_api:?kubeletEndpoint=stats',
      'kubernetes.summary_api source option kubeletEndpoint: "stats" is not one of summary, resource',
    ],
    [
      'kubernetes.summary_api:?kubeletTimeout=soon',
      'kubernetes.summary_api source option kubeletTimeout: "soon" is not a duration (e.g. 10s, 1m30s, 500ms)',
    ],
    [
      'kubernetes.summary_api:?kubeletTimeout=1ms',
      'kubernetes.summary_api source option kubeletTimeout: 1ms is outside 100 ms .. 600000 ms',
    ],
    [
      'kubernetes.summary_api:?kubeletAddressTypes=InternalIP,PodIP',
      'kubernetes.summary_api source option kubeletAddressTypes: "InternalIP,PodIP" must be a comma-separated list of InternalIP, ExternalIP, Hostname, InternalDNS, ExternalDNS',
    ],
    [
      'kubernetes.summary_api:?kubeletAddressTypes=Hostname,Hostname',
      'kubernetes.summary_api source option kubeletAddressTypes: "Hostname,Hostname" names a type twice',
    ],
    [
      'kubernetes.summary_api:?kubeletHttps=true&kubeletClientCert=/c.pem',
      'kubernetes.summary_api source option kubeletClientKey: kubeletClientCert and kubeletClientKey go together',
    ],
    [
      'kubernetes.summary_api:?kubeletCA=/ca.pem',
      'kubernetes.summary_api source option kubeletHttps: kubeletCA, kubeletClientCert and kubeletInsecure need kubeletHttps=true',
    ],
    [
      'kubernetes.summary_api:?kubeletHttps=1&kubeletCA=/ca.pem&kubeletInsecure=true',
      'kubernetes.summary_api source option kubeletInsecure: kubeletInsecure=true contradicts kubeletCA',
    ],
    [
      'kubernetes.summary_api:?kubeletToken=a&kubeletTokenFile=/b&kubeletHttps=true',
      'kubernetes.summary_api source option kubeletToken: give kubeletToken or kubeletTokenFile, not both',
    ],
    [
      'kubernetes.summary_api:?kubeletToken=a',
      'kubernetes.summary_api source option kubeletToken: a bearer token is only sent with kubeletHttps=true',
    ],
    [
      'kubernetes.summary_api:?inClusterConfig=true&auth=/k',
      'kubernetes.summary_api source option auth: a kubeconfig is only used with inClusterConfig=false',
    ],
    [
      'kubernetes.summary_api:?kubeletport=10250',
      'kubernetes.summary_api source option kubeletport: unknown option (known: apiVersion, auth, host_id_annotation, inClusterConfig, insecure, kubeletAddressTypes, kubeletCA, kubeletClientCert, kubeletClientKey, kubeletEndpoint, kubeletHttps, kubeletInsecure, kubeletPort, kubeletTimeout, kubeletToken, kubeletTokenFile, useNodeStatusPort, useServiceAccount)',
    ],
    [
      'kubernetes.summary_api:?insecure=true&insecure=false',
      'kubernetes.summary_api source option insecure: given more than once',
    ],
    [
      'kubernetes.summary_api:ftp://host',
      'source url: "ftp://host" must be an http:// or https:// URL with a host',
    ],
    [
      'kubernetes.summary_api:not a url',
      'source url: "not a url" is not a URL (e.g. https://kubernetes.default)',
    ],
    [
      'kubernetes.summary_api:https://u:p@host',
      'source url: credentials in the URL are not supported: use auth=<kubeconfig>',
    ],
    [
      'kubelet:https://host',
      'source: "kubelet" is not a source type: expected kubernetes or kubernetes.summary_api',
    ],
  ])('rejects %s', (raw, expected) => {
    expect(problemsOf(raw)).toEqual([expected]);
  });

  it('reports every problem at once', () => {
    expect(problemsOf('kubernetes.summary_api:?kubeletPort=x&insecure=maybe&bogus=1')).toHaveLength(
      3,
    );
  });

  it('accepts already-split pieces', () => {
    const source = readKubernetesSourceOptions({
      target: 'http://127.0.0.1:8080',
      options: new URLSearchParams('inClusterConfig=false'),
    });
    expect(source.type).toBe('kubernetes.summary_api');
    expect(source.apiServer.server).toBe('http://127.0.0.1:8080');
  });

  it('masks the kubelet token for logs', () => {
    expect(
      maskKubernetesSourceUri(
        'kubernetes.summary_api:https://h?kubeletHttps=true&kubeletToken=s3cret&kubeletPort=1',
      ),
    ).toBe('kubernetes.summary_api:https://h?kubeletHttps=true&kubeletToken=***&kubeletPort=1');
  });
});
