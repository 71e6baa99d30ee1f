import type { ServerResponse } from 'node:http';
import type { HandlerContext, ResourceRequest } from './handler-context.js';
import type { KubeObject, StoreChange, WatchEventType } from './object-store.js';
import { compileFilter } from './request-filter.js';
import type { ObjectFilter } from './request-filter.js';
import { ApiError, badRequest, statusJson } from './status.js';
import { tableHeadJson, tableRowJson } from './table/table-builder.js';
import type { TableOptions } from './table/table-builder.js';
import { WatchSession } from './watch-session.js';

const MAX_PENDING_EVENTS = 100_000;

/**
 * WATCH: resourceVersion N replays the retained history after N then streams live changes;
 * absent or 0 sends the current state as ADDED first. Selectors apply as in the watch cache
 * (an object that stops matching arrives as DELETED). Too old an N gets an ERROR 410 event.
 */
export function handleWatch(
  res: ServerResponse,
  request: ResourceRequest,
  ctx: HandlerContext,
): void {
  const { resource, query } = request;
  const kind = resource.storeKind;
  const filter = compileFilter(resource, query);
  const rvParam = query.get('resourceVersion') ?? '';
  const fromRV = parseResourceVersion(rvParam);
  const timeoutMs = parseTimeout(query.get('timeoutSeconds'), ctx.defaultWatchTimeoutMs);
  const namespace = request.namespace;
  const passes: ObjectFilter = o =>
    (namespace === undefined || o.metadata.namespace === namespace) && filter.matches(o);
  const encode = eventEncoder(request, ctx);

  const cleanups: (() => void)[] = [];
  const session = new WatchSession(res, {
    maxPendingEvents: MAX_PENDING_EVENTS,
    maxBacklogBytes: ctx.maxWatchBacklogBytes,
    onClose: () => cleanups.forEach(c => c()),
  });
  session.open();

  const forced = ctx.faults.shouldExpireWatch(kind, fromRV ?? 0);
  if (forced || (fromRV !== undefined && fromRV < ctx.store.oldestResumableResourceVersion(kind))) {
    const oldest = forced
      ? ctx.store.resourceVersion
      : ctx.store.oldestResumableResourceVersion(kind);
    const expired = new ApiError(
      410,
      `too old resource version: ${fromRV ?? 0} (${oldest})`,
      undefined,
      'Expired',
    );
    session.push(() => `{"type":"ERROR","object":${statusJson(expired)}}`);
    session.end();
    return;
  }

  // Subscribe and read the starting state in one synchronous step: no change can slip between.
  const live = (change: StoreChange): void => {
    const event = toWatchEvent(change, passes);
    if (event !== undefined) session.push(() => encode(event.type, event.object));
  };
  cleanups.push(ctx.store.subscribe(kind, live));
  if (fromRV === undefined) {
    const initial = ctx.store.list(kind, namespace).filter(filter.matches);
    session.prepend(initial.map(o => () => encode('ADDED', o))[Symbol.iterator]());
  } else {
    const history = ctx.store.changesSince(kind, fromRV) ?? [];
    for (const change of history) live(change);
  }

  const drop = (): void => (ctx.faults.watchDropMode === 'reset' ? session.reset() : session.end());
  const timers: NodeJS.Timeout[] = [setTimeout(() => session.end(), timeoutMs)];
  const dropAfter = ctx.faults.watchDropAfterMs(kind);
  if (dropAfter !== undefined) timers.push(setTimeout(() => drop(), dropAfter));
  if (query.get('allowWatchBookmarks') === 'true') {
    const bookmark = `{"type":"BOOKMARK","object":{"kind":"${resource.kind}","apiVersion":"${resource.apiVersion}","metadata":{"resourceVersion":"`;
    timers.push(
      setInterval(() => {
        // The version is taken as the bookmark is queued: every change up to it is queued
        // ahead of it. Read when written (behind a slow client), it would claim changes still
        // queued behind it, and a client that checkpoints at bookmarks would skip them.
        const line = `${bookmark}${ctx.store.resourceVersion}"}}}`;
        session.push(() => line);
      }, ctx.bookmarkIntervalMs),
    );
  }
  for (const timer of timers) timer.unref();
  cleanups.push(() => timers.forEach(t => clearTimeout(t)));
  cleanups.push(
    ctx.faults.onDropWatches(scope => (scope === '*' || scope === kind ? drop() : undefined)),
  );
  // The session can end while it is set up (too many events queued, or too many bytes): it has
  // run its cleanups already, so the ones added since run now.
  if (session.closed) cleanups.forEach(c => c());
}

interface WatchEvent {
  readonly type: WatchEventType;
  readonly object: KubeObject;
}

/** cacheWatcher.convertToWatchEvent: selector transitions become ADDED/DELETED. */
function toWatchEvent(change: StoreChange, passes: ObjectFilter): WatchEvent | undefined {
  if (change.type === 'ADDED')
    return passes(change.object) ? { type: 'ADDED', object: change.object } : undefined;
  if (change.type === 'DELETED') {
    return passes(change.previous ?? change.object)
      ? { type: 'DELETED', object: change.object }
      : undefined;
  }
  const now = passes(change.object);
  const before = change.previous !== undefined && passes(change.previous);
  if (now) return { type: before ? 'MODIFIED' : 'ADDED', object: change.object };
  if (!before || change.previous === undefined) return undefined;
  const previous = change.previous;
  return {
    type: 'DELETED',
    object: {
      ...previous,
      metadata: { ...previous.metadata, resourceVersion: String(change.resourceVersion) },
    },
  };
}

type Encoder = (type: WatchEventType, object: KubeObject) => string;

function eventEncoder(request: ResourceRequest, ctx: HandlerContext): Encoder {
  const { resource } = request;
  const version = request.table;
  if (version === undefined) {
    return (type, object) => `{"type":"${type}","object":${resource.serialise(object)}}`;
  }
  let first = true;
  return (type, object) => {
    const options: TableOptions = {
      version,
      includeObject: request.includeObject,
      noHeaders: !first,
      nowMs: ctx.now(),
    };
    first = false;
    const head = tableHeadJson(
      resource.printer,
      { resourceVersion: object.metadata.resourceVersion },
      options,
    );
    const row = tableRowJson(resource.printer, object, options, o => resource.serialise(o));
    return `{"type":"${type}","object":${head}${row}]}}`;
  };
}

/** undefined for "" and "0" (start from the current state). */
function parseResourceVersion(value: string): number | undefined {
  if (value === '' || value === '0') return undefined;
  if (!/^\d+$/.test(value))
    throw badRequest(
      `invalid resource version: strconv.ParseUint: parsing "${value}": invalid syntax`,
    );
  return Number(value);
}

function parseTimeout(value: string | null, fallbackMs: number): number {
  if (value === null || value === '') return fallbackMs;
  if (!/^\d+$/.test(value))
    throw badRequest(`timeoutSeconds: Invalid value: "${value}": must be a non-negative integer`);
  const seconds = Number(value);
  return seconds === 0 ? fallbackMs : seconds * 1000;
}
