import type { KubeApiClient } from './api-client.js';
import { KubeApiError } from './api-client.js';

export interface ListPage {
  /** Raw JSON objects as the server sent them. */
  readonly items: readonly unknown[];
  /** The list's resourceVersion (the same snapshot on every page of one list). */
  readonly resourceVersion: string;
}

export interface ListPagesOptions {
  /** Items per page (`limit`); the server may return fewer. */
  readonly pageSize: number;
  readonly signal?: AbortSignal;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
}

/**
 * A consistent paginated list (`limit` + `continue`), one page at a time so that a list of
 * 100,000 pods never sits in memory as one body. A 410 on a continue token (the snapshot was
 * compacted away) surfaces as an expired KubeApiError: the caller starts the list over.
 */
export async function* listPages(
  client: KubeApiClient,
  path: string,
  options: ListPagesOptions,
): AsyncGenerator<ListPage> {
  let continueToken: string | undefined;
  do {
    const body = await client.getJson(
      path,
      {
        limit: String(options.pageSize),
        continue: continueToken,
        labelSelector: options.labelSelector,
        fieldSelector: options.fieldSelector,
      },
      options.signal,
    );
    const list = (body ?? {}) as {
      items?: unknown;
      metadata?: { resourceVersion?: unknown; continue?: unknown };
    };
    if (list.items !== null && list.items !== undefined && !Array.isArray(list.items)) {
      throw new KubeApiError(0, 'BadList', `GET ${path}: "items" is not an array`);
    }
    const resourceVersion = list.metadata?.resourceVersion;
    if (typeof resourceVersion !== 'string' || resourceVersion === '') {
      throw new KubeApiError(0, 'BadList', `GET ${path}: the list has no metadata.resourceVersion`);
    }
    const next = list.metadata?.continue;
    continueToken = typeof next === 'string' && next !== '' ? next : undefined;
    yield { items: (list.items as unknown[] | null | undefined) ?? [], resourceVersion };
  } while (continueToken !== undefined);
}
