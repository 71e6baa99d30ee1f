import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
// client-node's own kubeconfig mapping (a module that imports only node:fs), so that field
// names, defaults and validation stay exactly client-node's without loading the rest of it.
import {
  newClusters,
  newContexts,
  newUsers,
  type Cluster,
  type User,
} from '@kubernetes/client-node/dist/config_types.js';
import { load } from 'js-yaml';

/** The current context of a kubeconfig file: its cluster and user (null when missing). */
export interface KubeconfigSelection {
  readonly cluster: Cluster | null;
  readonly user: User | null;
}

/**
 * Reads a kubeconfig as client-node's `KubeConfig.loadFromFile` does (YAML, client-node's
 * mapping, certificate paths made absolute against the file's directory) and returns what
 * `getCurrentCluster()` and `getCurrentUser()` would. Throws on an unreadable file or entry.
 */
export function readKubeconfigFile(file: string): KubeconfigSelection {
  const parsed = load(readFileSync(file).toString('utf-8')) as Record<string, unknown> | null;
  if (parsed === null || typeof parsed !== 'object') {
    throw new Error(`${file} is not a YAML mapping`);
  }
  const root = dirname(file);
  const clusters = newClusters(parsed.clusters).map(cluster =>
    cluster.caFile ? { ...cluster, caFile: absolute(root, cluster.caFile) } : cluster,
  );
  const users = newUsers(parsed.users).map(user => ({
    ...user,
    ...(user.certFile ? { certFile: absolute(root, user.certFile) } : {}),
    ...(user.keyFile ? { keyFile: absolute(root, user.keyFile) } : {}),
  }));
  const current = parsed['current-context'];
  const context = newContexts(parsed.contexts).find(c => c.name === current);
  if (context === undefined) return { cluster: null, user: null };
  return {
    cluster: clusters.find(c => c.name === context.cluster) ?? null,
    user: users.find(u => u.name === context.user) ?? null,
  };
}

/** client-node's makeAbsolutePath. */
function absolute(root: string, file: string): string {
  return !root || isAbsolute(file) ? file : join(root, file);
}
