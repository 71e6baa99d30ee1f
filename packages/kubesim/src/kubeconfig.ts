/**
 * A kubeconfig for kubesim that kubectl and @kubernetes/client-node load as they are. YAML is
 * written by hand (every value is a simple scalar, quoted where YAML could misread it).
 */
export interface KubeconfigOptions {
  readonly server: string;
  /** PEM of the CA that signed the API server's certificate (https). */
  readonly caPem?: string;
  /** Bearer token of the user. */
  readonly token?: string;
  readonly name?: string;
}

export function renderKubeconfig(options: KubeconfigOptions): string {
  const name = options.name ?? 'kubesim';
  const cluster =
    options.caPem === undefined
      ? '    insecure-skip-tls-verify: true\n'
      : `    certificate-authority-data: ${Buffer.from(options.caPem).toString('base64')}\n`;
  const user = options.token === undefined ? '  user: {}\n' : `  user:\n    token: ${JSON.stringify(options.token)}\n`;
  return (
    'apiVersion: v1\n' +
    'kind: Config\n' +
    'clusters:\n' +
    `- name: ${name}\n` +
    '  cluster:\n' +
    `    server: ${JSON.stringify(options.server)}\n` +
    cluster +
    'contexts:\n' +
    `- name: ${name}\n` +
    '  context:\n' +
    `    cluster: ${name}\n` +
    `    user: ${name}-admin\n` +
    '    namespace: default\n' +
    `current-context: ${name}\n` +
    'preferences: {}\n' +
    'users:\n' +
    `- name: ${name}-admin\n` +
    user
  );
}
