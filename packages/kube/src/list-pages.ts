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
  /**
   * Request the next page while the caller works on this one (at most one page ahead), so the
   * server's time and ours overlap instead of adding up. Default false.
   */
  readonly prefetch?: boolean;
}

interface FetchedPage extends ListPage {
  readonly continueToken: string | undefined;
}

/**
 * A consistent paginated list (`limit` + `continue`), one page at a time so that a list of
 * 100,000 pods never sits in memory as one body (two pages with `prefetch`). A 410 on a
 * continue token (the snapshot was compacted away) surfaces as an expired KubeApiError: the
 * caller starts the list over.
 */
export async function* listPages(
  client: KubeApiClient,
  path: string,
  options: ListPagesOptions,
): AsyncGenerator<ListPage> {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  if (options.signal?.aborted) controller.abort(options.signal.reason);
  const fetchPage = (continueToken: string | undefined): Promise<FetchedPage> => {
    const page = readPage(client, path, options, continueToken, controller.signal);
    // A prefetched page may fail while the caller is busy: handled when it is awaited.
    void page.catch(() => undefined);
    return page;
  };
  let next: Promise<FetchedPage> | undefined = fetchPage(undefined);
  try {
    while (next !== undefined) {
      const page: FetchedPage = await next;
      const token = page.continueToken;
      next = token !== undefined && options.prefetch === true ? fetchPage(token) : undefined;
      yield { items: page.items, resourceVersion: page.resourceVersion };
      if (token !== undefined && next === undefined) next = fetchPage(token);
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    controller.abort();
  }
}

async function readPage(
  client: KubeApiClient,
  path: string,
  options: ListPagesOptions,
  continueToken: string | undefined,
  signal: AbortSignal,
): Promise<FetchedPage> {
  const body = await client.getJson(
    path,
    {
      limit: String(options.pageSize),
      continue: continueToken,
      labelSelector: options.labelSelector,
      fieldSelector: options.fieldSelector,
    },
    signal,
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
  return {
    items: (list.items as unknown[] | null | undefined) ?? [],
    resourceVersion,
    continueToken: typeof next === 'string' && next !== '' ? next : undefined,
  };
}
