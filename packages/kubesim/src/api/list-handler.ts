import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { continueExpired, decodeContinue, encodeContinue } from './continue-token.js';
import type { HandlerContext, ResourceRequest } from './handler-context.js';
import { streamJsonList, writeJson } from './json-response.js';
import { objectKey } from './object-store.js';
import type { KubeObject } from './object-store.js';
import { compileFilter } from './request-filter.js';
import { badRequest, failure } from './status.js';
import { tableHeadJson, tableRowJson } from './table/table-builder.js';
import type { ListMeta, TableOptions } from './table/table-builder.js';

const FAULT_MESSAGES: Readonly<Record<number, string>> = {
  429: 'Too many requests, please try again later.',
  500: 'Internal error occurred: injected fault (kubesim)',
  503: 'the server is currently unable to handle the request',
  504: 'Timeout: request did not complete within requested timeout - context deadline exceeded',
};

/**
 * LIST: selectors, limit/continue pagination (the token resumes by key; the list keeps the first
 * page's resourceVersion, as the real server does), resourceVersion=0 served whole (the watch
 * cache ignores limit then), Table or plain List, streamed.
 */
export async function handleList(
  res: ServerResponse,
  request: ResourceRequest,
  ctx: HandlerContext,
): Promise<void> {
  const { resource, query } = request;
  const kind = resource.storeKind;
  const delay = ctx.faults.listDelayMs(kind);
  if (delay > 0) await sleep(delay, undefined, { ref: false });
  const injected = ctx.faults.listFailure(kind);
  if (injected !== undefined) {
    throw failure(
      injected.status,
      FAULT_MESSAGES[injected.status] ?? `injected fault (kubesim): status ${injected.status}`,
    );
  }
  const filter = compileFilter(resource, query);
  const token = query.get('continue') ?? '';
  const position = token === '' ? undefined : decodeContinue(token);
  if (
    position !== undefined &&
    position.resourceVersion < ctx.store.oldestResumableResourceVersion(kind)
  ) {
    throw continueExpired();
  }
  const limit =
    query.get('resourceVersion') === '0' && position === undefined
      ? 0
      : parseLimit(query.get('limit'));
  const listRV = position?.resourceVersion ?? ctx.store.resourceVersion;

  const items: KubeObject[] = [];
  let more = false;
  const scanOptions: { namespace?: string; fromKey?: string } = {};
  if (request.namespace !== undefined) scanOptions.namespace = request.namespace;
  if (position !== undefined) scanOptions.fromKey = position.startKey;
  for (const object of ctx.store.scan(kind, scanOptions)) {
    if (!filter.matches(object)) continue;
    if (limit > 0 && items.length === limit) {
      more = true;
      break;
    }
    items.push(object);
  }
  const meta: ListMeta = { resourceVersion: String(listRV) };
  const last = items[items.length - 1];
  if (more && last !== undefined)
    meta.continue = encodeContinue(listRV, objectKey(last.metadata.namespace, last.metadata.name));

  if (request.table !== undefined) {
    const options: TableOptions = {
      version: request.table,
      includeObject: request.includeObject,
      noHeaders: false,
      nowMs: ctx.now(),
    };
    const head = tableHeadJson(resource.printer, meta, options);
    const row = (i: number): string =>
      tableRowJson(resource.printer, items[i] as KubeObject, options, o => resource.serialise(o));
    await streamJsonList(res, head, items.length, row, ']}');
    return;
  }
  const head = `{"kind":"${resource.listKind}","apiVersion":"${resource.apiVersion}","metadata":${JSON.stringify(meta)},"items":[`;
  await streamJsonList(
    res,
    head,
    items.length,
    i => resource.serialise(items[i] as KubeObject),
    ']}',
  );
}

/** GET of one object (or its status subresource). */
export function handleGet(
  res: ServerResponse,
  request: ResourceRequest,
  ctx: HandlerContext,
  object: KubeObject,
): void {
  const { resource } = request;
  if (request.table !== undefined) {
    const options: TableOptions = {
      version: request.table,
      includeObject: request.includeObject,
      noHeaders: false,
      nowMs: ctx.now(),
    };
    const meta: ListMeta = { resourceVersion: object.metadata.resourceVersion };
    const row = tableRowJson(resource.printer, object, options, o => resource.serialise(o));
    writeJson(res, 200, `${tableHeadJson(resource.printer, meta, options)}${row}]}`);
    return;
  }
  writeJson(res, 200, resource.serialise(object));
}

function parseLimit(value: string | null): number {
  if (value === null || value === '') return 0;
  if (!/^\d+$/.test(value))
    throw badRequest(`limit: Invalid value: "${value}": must be a non-negative integer`);
  return Number(value);
}
