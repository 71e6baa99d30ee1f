/**
 * One selector of a monitoring filter: `metric.type`, `resource.type`, `metric.labels.<key>` or
 * `resource.labels.<key>`, equal to one value or to one of several.
 */
export interface FilterClause {
  readonly path: string;
  readonly values: readonly string[];
}

/**
 * Names per `one_of(…)`: a pod list of 1,000 names is read in several calls, keeping each
 * filter far below Cloud Monitoring's filter length limit.
 */
export const MAX_VALUES_PER_CLAUSE = 100;

/** A string literal of the filter language: double quotes, backslash escapes. */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/[\\"]/g, character => `\\${character}`)}"`;
}

/**
 * The filter text: the clauses joined by AND, `path = "v"` or `path = one_of("a", "b")`.
 * Every value is quoted, so names cannot change the filter's structure.
 */
export function filterText(clauses: readonly FilterClause[]): string {
  return clauses
    .map(({ path, values }) =>
      values.length === 1
        ? `${path} = ${quoteFilterValue(values[0] as string)}`
        : `${path} = one_of(${values.map(quoteFilterValue).join(', ')})`,
    )
    .join(' AND ');
}

/**
 * The filters covering a query: one, or one per chunk of the clause with the most values
 * (a pod list), each chunk at most MAX_VALUES_PER_CLAUSE values.
 */
export function chunkedFilters(clauses: readonly FilterClause[]): string[] {
  const widest = clauses.reduce<FilterClause | undefined>(
    (best, clause) => (clause.values.length > (best?.values.length ?? 1) ? clause : best),
    undefined,
  );
  if (widest === undefined || widest.values.length <= MAX_VALUES_PER_CLAUSE) {
    return [filterText(clauses)];
  }
  const filters: string[] = [];
  for (let at = 0; at < widest.values.length; at += MAX_VALUES_PER_CLAUSE) {
    const values = widest.values.slice(at, at + MAX_VALUES_PER_CLAUSE);
    filters.push(
      filterText(clauses.map(clause => (clause === widest ? { ...clause, values } : clause))),
    );
  }
  return filters;
}
