/** A protobuf Timestamp as the fake decodes it (int64 seconds as strings) or as tests write it. */
export interface FakeTimestamp {
  readonly seconds?: string | number;
  readonly nanos?: number;
}

/** One ListTimeSeries request as the server decoded it (camelCase keys, enums as names). */
export interface RecordedListRequest {
  readonly name: string;
  readonly filter: string;
  readonly interval?: { readonly startTime?: FakeTimestamp; readonly endTime?: FakeTimestamp };
  readonly aggregation?: {
    readonly alignmentPeriod?: FakeTimestamp;
    readonly perSeriesAligner?: string;
    readonly crossSeriesReducer?: string;
    readonly groupByFields?: readonly string[];
  };
  readonly secondaryAggregation?: unknown;
  readonly view?: string;
  readonly pageSize?: number;
  readonly pageToken?: string;
  readonly metadata: Record<string, string>;
}

/** One ListTimeSeries answer: a page of series and the token of the next one. */
export interface ListPage {
  readonly timeSeries: readonly any[];
  readonly nextPageToken?: string;
}

type Clause = { readonly path: string; readonly values: readonly string[] };

/**
 * The clauses of a filter in the subset of the monitoring filter language the historical
 * reader writes: `<selector> = "<value>"` or `<selector> = one_of("a", "b")`, joined by AND,
 * selectors `metric.type`, `resource.type`, `metric.labels.<key>`, `resource.labels.<key>`.
 * Anything else throws (the fake then answers INVALID_ARGUMENT, as Cloud Monitoring would on a
 * filter it cannot parse).
 */
export function parseFilter(filter: string): Clause[] {
  const clauses: Clause[] = [];
  const pattern =
    /\s*((?:metric|resource)\.(?:type|labels\.[A-Za-z_][A-Za-z0-9_]*))\s*=\s*("(?:[^"\\]|\\.)*"|one_of\(\s*"(?:[^"\\]|\\.)*"(?:\s*,\s*"(?:[^"\\]|\\.)*")*\s*\))\s*(AND\b|$)/y;
  let at = 0;
  while (at < filter.length) {
    pattern.lastIndex = at;
    const match = pattern.exec(filter);
    if (match === null) throw new Error(`fake: cannot parse filter at ${at}: ${filter.slice(at)}`);
    const literal = match[2] as string;
    const values = literal.startsWith('one_of(')
      ? (literal.match(/"(?:[^"\\]|\\.)*"/g) ?? []).map(text => JSON.parse(text) as string)
      : [JSON.parse(literal) as string];
    clauses.push({ path: match[1] as string, values });
    at = pattern.lastIndex;
    if (match[3] === '' && at < filter.length) throw new Error('fake: text after the filter');
  }
  if (!clauses.some(clause => clause.path === 'metric.type')) {
    throw new Error('fake: the filter must name one metric.type');
  }
  return clauses;
}

/** Whether a series (camelCase, as encoded) matches every clause of a filter. */
export function matchesFilter(series: any, clauses: readonly Clause[]): boolean {
  return clauses.every(clause => {
    const [root, field, key] = clause.path.split('.') as [string, string, string?];
    const part = root === 'metric' ? series.metric : series.resource;
    const value: unknown = field === 'type' ? part?.type : part?.labels?.[key as string];
    return clause.values.includes(typeof value === 'string' ? value : '');
  });
}

/** Epoch ms of a timestamp (0 when absent). */
export function timestampMs(timestamp: FakeTimestamp | undefined): number {
  if (timestamp === undefined) return 0;
  return Number(timestamp.seconds ?? 0) * 1000 + Math.floor((timestamp.nanos ?? 0) / 1e6);
}

/**
 * The default answer: the canned series the filter selects, with their points inside the
 * half-open interval (start, end] (only the end without a start), no points for the HEADERS
 * view, `pageSize` series per page (the page token is the index of the next series). The
 * aggregation is not applied: tests that read aligned data answer with their own `listAnswer`.
 */
export function answerFromCanned(canned: readonly any[], request: RecordedListRequest): ListPage {
  const clauses = parseFilter(request.filter);
  const end = timestampMs(request.interval?.endTime);
  const start =
    request.interval?.startTime === undefined ? end - 1 : timestampMs(request.interval.startTime);
  const selected = canned
    .filter(series => matchesFilter(series, clauses))
    .map(series => {
      if (request.view === 'HEADERS') return { ...series, points: [] };
      const points = (series.points ?? []).filter((point: any) => {
        const at = timestampMs(point.interval?.endTime);
        return at > start && at <= end;
      });
      return { ...series, points };
    })
    .filter(series => request.view === 'HEADERS' || series.points.length > 0);
  const from = request.pageToken ? Number(request.pageToken) : 0;
  const size = request.pageSize && request.pageSize > 0 ? request.pageSize : selected.length;
  const page = selected.slice(from, from + size);
  const next = from + size < selected.length ? String(from + size) : undefined;
  return next === undefined ? { timeSeries: page } : { timeSeries: page, nextPageToken: next };
}
