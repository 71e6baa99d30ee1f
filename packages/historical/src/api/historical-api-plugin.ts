import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { Registry } from 'prom-client';
import { noopLogger, type Logger } from '@heapster/runtime';
import type { HistoricalMetricQuery, HistoricalSource, HistoricalTimeRange } from '@heapster/sink';
import { completeBuckets } from '../bucket-grid.js';
import { InstrumentedHistoricalSource } from '../instrumented-source.js';
import { parseAggregations } from './aggregation-spec.js';
import { errorAnswer } from './error-reply.js';
import { aggregationJson, pointsJson, ValueTyping } from './json-shapes.js';
import { DEFAULT_LIMITS, type HistoricalLimits } from './limits.js';
import { requestDeadline } from './request-deadline.js';
import {
  checkBucketCount,
  metricName,
  parseBucket,
  parseLabels,
  parseRange,
  type QueryValues,
} from './request-params.js';
import { ENTITY_ROUTES, LISTING_ROUTES, type EntityRoute, type PathParams } from './route-table.js';

export const HISTORICAL_API_PREFIX = '/api/v1/historical';

/**
 * The router's longest path parameter a host should allow (fastify's `routerOptions.
 * maxParamLength`, default 100): a pod-list of 1,000 pods is one parameter of many KiB.
 */
export const HISTORICAL_MAX_PARAM_LENGTH = 65_536;

export interface HistoricalApiOptions {
  readonly source: HistoricalSource;
  /** Where the query count and latency per backend are registered (omit: not measured). */
  readonly registry?: Registry;
  /** Backend failures (5xx answers) are logged here at warn. */
  readonly logger?: Logger;
  readonly limits?: Partial<HistoricalLimits>;
  /** The default `end` (tests pin it). */
  readonly now?: () => number;
  /** Default `/api/v1/historical`. */
  readonly basePath?: string;
}

interface Call {
  readonly params: PathParams;
  readonly query: QueryValues;
  readonly signal: AbortSignal;
}

/**
 * Heapster's historical API (heapster.md §6.4) as a fastify plugin: every raw, aggregated and
 * listing route under `/api/v1/historical`, answered from one HistoricalSource. The oldtimer
 * serves it on its own; the core registers it too when given `--historical_source`.
 */
export const historicalApiPlugin: FastifyPluginAsync<HistoricalApiOptions> = async (
  fastify,
  options,
) => {
  const limits: HistoricalLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const source =
    options.registry === undefined
      ? options.source
      : new InstrumentedHistoricalSource(options.source, options.registry);
  const logger = options.logger ?? noopLogger;
  const now = options.now ?? Date.now;

  const handler =
    (work: (call: Call) => Promise<unknown>) =>
    async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      const deadline = requestDeadline(reply, limits.queryTimeoutMs);
      try {
        const body = await work({
          params: request.params as PathParams,
          query: request.query as QueryValues,
          signal: deadline.signal,
        });
        return await reply.send(body);
      } catch (error) {
        const answer = errorAnswer(error);
        if (answer.status >= 500) {
          logger.warn('historical query failed', {
            url: request.url,
            status: answer.status,
            error: answer.body.error,
          });
        }
        return await reply.code(answer.status).send(answer.body);
      } finally {
        deadline.done();
      }
    };

  const metricNames = (route: EntityRoute) =>
    handler(async ({ params, query, signal }) => {
      const selector = route.selector(params, limits.maxListItems);
      return source.metricNames(selector, parseRange(query, now(), 0), { signal });
    });

  const metricQuery = (route: EntityRoute, call: Call): HistoricalMetricQuery => {
    const labels = parseLabels(call.query);
    return {
      ...route.selector(call.params, limits.maxListItems),
      metric: metricName(call.params['*']),
      ...(labels === undefined ? {} : { labels }),
      ...(route.groupBy === undefined ? {} : { groupBy: route.groupBy }),
    };
  };

  const points = (route: EntityRoute) =>
    handler(async call => {
      if (route.groupBy === undefined && (call.params['*'] ?? '') === '') {
        return source.metricNames(
          route.selector(call.params, limits.maxListItems),
          parseRange(call.query, now(), 0),
          { signal: call.signal },
        );
      }
      const range = parseRange(call.query, now());
      const query = metricQuery(route, call);
      const results = await source.points(query, range, {
        signal: call.signal,
        maxPoints: limits.maxPoints,
      });
      const typing = new ValueTyping(query.metric, source.percentilesAreSamples);
      if (route.groupBy === undefined) return pointsJson(results[0], typing);
      return { items: results.map(result => pointsJson(result, typing)) };
    });

  const aggregate = (route: EntityRoute) =>
    handler(async call => {
      const range = parseRange(call.query, now());
      const bucketMs = parseBucket(call.query);
      checkBucketCount(bucketMs, range, limits.maxBuckets);
      const spec = parseAggregations(call.params['aggregations'] ?? '', limits.maxAggregations);
      const query = metricQuery(route, call);
      const request = { ...spec, bucketMs };
      const results = await source.aggregate(query, range, request, { signal: call.signal });
      const typing = new ValueTyping(query.metric, source.percentilesAreSamples);
      const shape = (index: number) =>
        aggregationJson(
          results[index] ?? completeBuckets(new Map(), request, range),
          typing,
          rangeLength(range),
        );
      if (route.groupBy === undefined) return shape(0);
      return { items: results.map((_result, index) => shape(index)) };
    });

  const paramLength = maxParamLength(fastify);
  if (paramLength < HISTORICAL_MAX_PARAM_LENGTH) {
    logger.warn('long pod lists will be refused with 414: the router limits path parameters', {
      maxParamLength: paramLength,
      wanted: HISTORICAL_MAX_PARAM_LENGTH,
    });
  }

  const routes = async (api: FastifyInstance): Promise<void> => {
    const slashVariants = !ignoresTrailingSlash(api);
    const get = (path: string, handle: ReturnType<typeof handler>, withSlash = false): void => {
      api.get(path === '' ? '/' : path, handle);
      if (withSlash && slashVariants && path !== '') api.get(`${path}/`, handle);
    };
    for (const route of ENTITY_ROUTES) {
      if (route.groupBy === undefined) get(`${route.path}/metrics`, metricNames(route));
      get(`${route.path}/metrics/*`, points(route));
      get(`${route.path}/metrics-aggregated/:aggregations/*`, aggregate(route));
    }
    for (const listing of LISTING_ROUTES) {
      const list = handler(async ({ params, query, signal }) =>
        source.entities(listing.field, listing.selector(params), parseRange(query, now(), 0), {
          signal,
        }),
      );
      get(listing.path, list, true);
    }
  };
  await fastify.register(routes, { prefix: options.basePath ?? HISTORICAL_API_PREFIX });
};

function rangeLength(range: HistoricalTimeRange): number {
  return range.end - range.start;
}

function routerConfig(api: FastifyInstance): {
  ignoreTrailingSlash?: boolean;
  maxParamLength?: number;
  routerOptions?: { ignoreTrailingSlash?: boolean; maxParamLength?: number };
} {
  return api.initialConfig as ReturnType<typeof routerConfig>;
}

function maxParamLength(api: FastifyInstance): number {
  const config = routerConfig(api);
  return config.routerOptions?.maxParamLength ?? config.maxParamLength ?? 100;
}

/** Whether the host router treats `/x` and `/x/` alike (then only one may be registered). */
function ignoresTrailingSlash(api: FastifyInstance): boolean {
  const config = routerConfig(api);
  return config.routerOptions?.ignoreTrailingSlash === true || config.ignoreTrailingSlash === true;
}
