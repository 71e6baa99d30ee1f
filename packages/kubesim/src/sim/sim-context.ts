import type { RandomSource } from './prng.js';
import type { SegmentClock } from './segments.js';

/** Shared state the factories draw from while building and churning the cluster. */
export class SimContext {
  readonly random: RandomSource;
  readonly clock: SegmentClock;
  private lastKey = 0;
  private readonly names = new Set<string>();
  private readonly controllerUids = new Map<string, string>();
  private readonly templateHashes = new Map<string, string>();
  private readonly ordinals = new Map<string, number>();
  private readonly digests = new Map<string, string>();

  constructor(random: RandomSource, clock: SegmentClock) {
    this.random = random;
    this.clock = clock;
  }

  /** A fresh number that keys an entity's rate factors. */
  nextKey(): number {
    return ++this.lastKey;
  }

  /** Registers a pod name; false when the namespace already has it. */
  claimName(namespace: string, name: string): boolean {
    const key = `${namespace}/${name}`;
    if (this.names.has(key)) return false;
    this.names.add(key);
    return true;
  }

  releaseName(namespace: string, name: string): void {
    this.names.delete(`${namespace}/${name}`);
  }

  /** Stable UID of a controller (ReplicaSet, StatefulSet…) so sibling pods share an owner. */
  controllerUid(kind: string, namespace: string, name: string): string {
    const key = `${kind}/${namespace}/${name}`;
    let uid = this.controllerUids.get(key);
    if (uid === undefined) {
      uid = this.random.uuid();
      this.controllerUids.set(key, uid);
    }
    return uid;
  }

  /** The pod-template-hash of a Deployment's current ReplicaSet. */
  templateHash(app: string): string {
    let hash = this.templateHashes.get(app);
    if (hash === undefined) {
      hash = this.random.suffix(10);
      this.templateHashes.set(app, hash);
    }
    return hash;
  }

  /** The image ID ("repo@sha256:…") of an image tag: one digest per tag, as a registry has. */
  imageDigest(image: string): string {
    let id = this.digests.get(image);
    if (id === undefined) {
      id = `${image.split(':')[0] ?? image}@sha256:${this.random.hex(64)}`;
      this.digests.set(image, id);
    }
    return id;
  }

  /** Next StatefulSet ordinal for an app. */
  nextOrdinal(app: string): number {
    const n = this.ordinals.get(app) ?? 0;
    this.ordinals.set(app, n + 1);
    return n;
  }
}
