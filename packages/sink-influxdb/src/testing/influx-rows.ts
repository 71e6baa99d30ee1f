import type { InfluxDBServer } from '@heapster/testing';

export type Row = Record<string, unknown>;

/** Runs InfluxQL and flattens every series into rows of {tag..., column...}; times in ms. */
export async function rows(influx: InfluxDBServer, q: string, db: string): Promise<Row[]> {
  const response = await influx.query(q, db, { epoch: 'ms' });
  const out: Row[] = [];
  for (const result of response.results) {
    for (const series of result.series ?? []) {
      for (const values of series.values) {
        const row: Row = { ...(series.tags ?? {}) };
        series.columns.forEach((column, i) => (row[column] = values[i]));
        out.push(row);
      }
    }
  }
  return out;
}
