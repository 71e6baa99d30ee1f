import { instance, isAvailable } from 'gcp-metadata';
import { withTimeout } from '@heapster/runtime';
import type { GcpEnvironment, MetadataKey } from './site.js';

/** Each detection step is bounded: a slow metadata server must not hold a write. */
const DETECT_TIMEOUT_MS = 5000;

const PATHS: Record<MetadataKey, string> = {
  zone: 'zone',
  'cluster-name': 'attributes/cluster-name',
  'cluster-location': 'attributes/cluster-location',
};

/**
 * Detection through gcp-metadata (which honours METADATA_SERVER_DETECTION) and the client's
 * own Application Default Credentials lookup for the project. Failures read as "unknown".
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
