import type { ApiFaults } from './api-faults.js';
import type { ObjectStore } from './object-store.js';
import type { ServedResource } from './resources.js';
import type { IncludeObject } from './table/table-builder.js';

/** What every resource handler needs from the server. */
export interface HandlerContext {
  readonly store: ObjectStore;
  readonly faults: ApiFaults;
  /** Clock for Table ages, epoch ms. */
  readonly now: () => number;
  /** Bookmark interval for watches that allow bookmarks. */
  readonly bookmarkIntervalMs: number;
  /** Watch length when the client sends no timeoutSeconds. */
  readonly defaultWatchTimeoutMs: number;
  /** Bytes a watch may have queued for a slow client before it is closed. */
  readonly maxWatchBacklogBytes: number;
}

/** One request for a served resource, after routing and content negotiation. */
export interface ResourceRequest {
  readonly resource: ServedResource;
  readonly namespace: string | undefined;
  readonly name: string | undefined;
  readonly subresource: string | undefined;
  readonly query: URLSearchParams;
  /** meta.k8s.io Table version when the client asked for a Table. */
  readonly table: 'v1' | 'v1beta1' | undefined;
  readonly includeObject: IncludeObject;
}
