import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { KubeConfig } from '@kubernetes/client-node';
import { readKubeconfigFile } from './kubeconfig-file.js';

const dir = mkdtempSync(join(tmpdir(), 'kubeconfig-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, 'conf'));
writeFileSync(join(dir, 'conf', 'token'), 'file-token');

const kubeconfigs: Record<string, string> = {
  'relative certificate paths, several contexts': `
apiVersion: v1
kind: Config
current-context: b
clusters:
- name: one
  cluster: {server: "https://one.example.com/", certificate-authority: ca.crt}
- name: two
  cluster:
    server: https://two.example.com:6443
    certificate-authority-data: Zm9v
    tls-server-name: kubernetes
    insecure-skip-tls-verify: false
contexts:
- name: a
  context: {cluster: one, user: alice}
- name: b
  context: {cluster: two, user: bob, namespace: dev}
users:
- name: alice
  user: {token: abc}
- name: bob
  user:
    client-certificate: certs/bob.crt
    client-key: /abs/bob.key
    as: admin
`,
  'token file, proxy, insecure': `
apiVersion: v1
current-context: p
clusters:
- name: c
  cluster: {server: "https://c.example.com", proxy-url: "http://proxy:3128", insecure-skip-tls-verify: true}
contexts:
- name: p
  context: {cluster: c, user: t}
users:
- name: t
  user: {token-file: ${join(dir, 'conf', 'token')}}
`,
  'exec plugin and auth provider users': `
apiVersion: v1
current-context: e
clusters:
- name: c
  cluster: {server: "https://c.example.com"}
contexts:
- name: e
  context: {cluster: c, user: x}
users:
- name: x
  user:
    exec: {apiVersion: client.authentication.k8s.io/v1, command: aws, args: [eks, get-token]}
- name: o
  user:
    auth-provider: {name: oidc, config: {idp-issuer-url: "https://idp"}}
`,
  'a context naming a missing user': `
current-context: m
clusters:
- name: c
  cluster: {server: "https://c.example.com"}
contexts:
- name: m
  context: {cluster: c, user: nobody}
`,
  'no current context': `
clusters:
- name: c
  cluster: {server: "https://c.example.com"}
`,
};

describe('readKubeconfigFile', () => {
  it.each(Object.keys(kubeconfigs))('selects what client-node loadFromFile selects: %s', name => {
    const path = join(dir, 'conf', `${name.replace(/\W+/g, '-')}.yaml`);
    writeFileSync(path, kubeconfigs[name]!);
    const reference = new KubeConfig();
    reference.loadFromFile(path);
    const ours = readKubeconfigFile(path);
    expect(ours.cluster).toEqual(reference.getCurrentCluster());
    expect(ours.user).toEqual(reference.getCurrentUser());
  });

  it('makes certificate paths absolute against the file, and strips a trailing slash', () => {
    const path = join(dir, 'conf', 'paths.yaml');
    writeFileSync(path, kubeconfigs['relative certificate paths, several contexts']!);
    const { cluster, user } = readKubeconfigFile(path);
    expect(cluster).toMatchObject({ server: 'https://two.example.com:6443', caData: 'Zm9v' });
    expect(user).toMatchObject({
      certFile: join(dir, 'conf', 'certs', 'bob.crt'),
      keyFile: '/abs/bob.key',
      impersonateUser: 'admin',
    });
  });

  it('throws on entries client-node rejects', () => {
    const path = join(dir, 'conf', 'bad.yaml');
    writeFileSync(path, 'clusters:\n- name: c\n  cluster: {}\n');
    expect(() => readKubeconfigFile(path)).toThrow('clusters[0].cluster.server is missing');
    writeFileSync(path, '');
    expect(() => readKubeconfigFile(path)).toThrow(/is not a YAML mapping/);
  });
});
