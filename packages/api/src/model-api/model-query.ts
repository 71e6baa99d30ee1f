import { badParameter } from '../errors/api-error.js';
import { parseRfc3339 } from './rfc3339.js';

/** Query parameters as fastify parses them: a repeated key becomes an array. */
export type QueryParams = Readonly<Record<string, string | string[] | undefined>>;

export interface ValueQuery {
  readonly startMs: number | undefined;
  readonly endMs: number;
  readonly labels: Readonly<Record<string, string>> | undefined;
}

const MAX_LABEL_PAIRS = 64;

/**
 * `start` (default: no lower bound), `end` (default: now) and `labels` of a value route, as
 * Heapster read them; anything malformed is a 400 that names the parameter. Unknown parameters
 * are ignored, as go-restful did.
 */
export function readValueQuery(query: QueryParams, nowMs: number): ValueQuery {
  const start = single(query, 'start');
  const end = single(query, 'end');
  return {
    startMs: start === undefined || start === '' ? undefined : readTime('start', start),
    endMs: end === undefined || end === '' ? nowMs : readTime('end', end),
    labels: readLabels(single(query, 'labels')),
  };
}

function readTime(parameter: string, text: string): number {
  const parsed = parseRfc3339(text);
  if (typeof parsed === 'string') throw badParameter(parameter, text, parsed);
  return parsed;
}

/** `labels=k:v,k2:v2`: the exact label set of a labeled metric's series (Heapster's getLabels). */
function readLabels(text: string | undefined): Record<string, string> | undefined {
  if (text === undefined || text === '') return undefined;
  const pairs = text.split(',');
  if (pairs.length > MAX_LABEL_PAIRS) {
    throw badParameter('labels', text, `at most ${MAX_LABEL_PAIRS} key:value pairs`);
  }
  const labels: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const pair of pairs) {
    const colon = pair.indexOf(':');
    const key = colon < 0 ? '' : pair.slice(0, colon);
    const value = colon < 0 ? '' : pair.slice(colon + 1);
    if (key === '' || value === '') {
      throw badParameter('labels', text, `pair ${JSON.stringify(pair)} is not key:value`);
    }
    if (Object.hasOwn(labels, key)) {
      throw badParameter('labels', text, `key ${JSON.stringify(key)} is given twice`);
    }
    labels[key] = value;
  }
  return { ...labels };
}

/** The one value of a query parameter; given more than once is a 400. */
export function single(query: QueryParams, parameter: string): string | undefined {
  const value = query[parameter];
  if (Array.isArray(value)) {
    throw badParameter(parameter, value.join(','), 'given more than once');
  }
  return value;
}
