import { instance, isAvailable } from 'gcp-metadata';
import { withTimeout } from '@heapster/runtime';

export type MetadataKey = 'zone' | 'cluster-name' | 'cluster-location';

/** What a sink may detect about its surroundings; the production one is `gcpEnvironment`. */
export interface GcpEnvironment {
  /** The Application Default Credentials project (env, key file, gcloud, metadata), if any. */
  adcProject(): Promise<string | undefined>;
  /** Whether a GCE metadata server answers (false at once under METADATA_SERVER_DETECTION=none). */
  onGce(): Promise<boolean>;
  /** A metadata value: the instance zone (last path segment) or a cluster attribute. */
  metadata(key: MetadataKey): Promise<string | undefined>;
}

/** Each detection step is bounded: a slow metadata server must not hold a write. */
const DETECT_TIMEOUT_MS = 5000;

const PATHS: Record<MetadataKey, string> = {
  zone: 'zone',
  'cluster-name': 'attributes/cluster-name',
  'cluster-location': 'attributes/cluster-location',
};

/**
 * Detection through gcp-metadata (which honours METADATA_SERVER_DETECTION and GCE_METADATA_HOST)
 * and the client's own Application Default Credentials lookup for the project. Failures read
 * as "unknown".
 */
export function gcpEnvironment(adcProject: () => Promise<string>): GcpEnvironment {
  return {
    adcProject: () => quietly('detecting the project', adcProject),
    onGce: async () => (await quietly('probing the metadata server', () => isAvailable())) === true,
    metadata: async key => {
      const value = await quietly(`reading metadata ${key}`, () => instance<string>(PATHS[key]));
      if (typeof value !== 'string') return undefined;
      // The zone comes as projects/<number>/zones/<zone>.
      return key === 'zone' ? value.slice(value.lastIndexOf('/') + 1) : value;
    },
  };
}

async function quietly<T>(what: string, operation: () => Promise<T>): Promise<T | undefined> {
  try {
    return await withTimeout(what, DETECT_TIMEOUT_MS, () => operation());
  } catch {
    return undefined;
  }
}
