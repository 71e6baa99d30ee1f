import { badParameter } from '../errors/api-error.js';
import { tableVersion, type TableApiVersion } from './accept.js';
import { FieldSelector, METRICS_FIELDS } from './field-selector.js';
import { LabelSelector, SelectorError } from './label-selector.js';
import { methodNotAllowed } from './metrics-errors.js';
import { includeObjectParam, type IncludeObject } from './table-json.js';

/** fastify's parsed query string: a repeated parameter arrives as an array. */
export type QueryValues = Readonly<Record<string, string | readonly string[] | undefined>>;

/** What a GET on a Kubernetes-style route asked for, validated. */
export interface ReadQuery {
  readonly labels: LabelSelector | undefined;
  readonly fields: FieldSelector | undefined;
  /** Set when the Accept header asks for a server-side Table. */
  readonly table: TableApiVersion | undefined;
  readonly includeObject: IncludeObject;
}

/** The first value of a parameter, as Go's url.Values.Get. */
export function firstValue(query: QueryValues, name: string): string | undefined {
  const value = query[name];
  return typeof value === 'string' ? value : value?.[0];
}

/**
 * Validates the parameters of a get or list (`fields`: what fieldSelector may name; the metrics
 * objects' two by default). `labelSelector` and `fieldSelector` errors are 400
 * Status bodies naming the parameter; `watch` is refused with 405, as for any resource without
 * the watch verb. `limit`, `continue`, `resourceVersion` and `timeout` are accepted and
 * ignored: a list is one consistent snapshot of one batch, never paged.
 */
export function readQuery(
  query: QueryValues,
  accept: string | undefined,
  resource: string,
  fields: readonly string[] = METRICS_FIELDS,
): ReadQuery {
  const watch = firstValue(query, 'watch');
  if (watch === 'true' || watch === '1') throw methodNotAllowed(`watch ${resource}`);
  return {
    labels: parseSelector('labelSelector', firstValue(query, 'labelSelector'), LabelSelector.parse),
    fields: parseSelector('fieldSelector', firstValue(query, 'fieldSelector'), text =>
      FieldSelector.parse(text, fields),
    ),
    table: tableVersion(accept),
    includeObject: includeObjectParam(firstValue(query, 'includeObject')),
  };
}

function parseSelector<T extends { readonly empty: boolean }>(
  parameter: string,
  text: string | undefined,
  parse: (text: string) => T,
): T | undefined {
  if (text === undefined || text === '') return undefined;
  try {
    const selector = parse(text);
    return selector.empty ? undefined : selector;
  } catch (error) {
    if (error instanceof SelectorError) throw badParameter(parameter, text, error.message);
    throw error;
  }
}
