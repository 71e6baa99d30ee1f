import { describe, expect, it } from '@jest/globals';
import { aggregateQuery, pointsQuery, quoteIdentifier, quoteString } from './influxql.js';

const schema = {
  withFields: false,
  database: 'k8s',
  retentionPolicy: 'default',
  clusterName: undefined,
};

describe('InfluxQL text', () => {
  it('escapes quotes, backslashes and newlines in identifiers and strings', () => {
    expect(quoteIdentifier('cpu/usage_rate')).toBe('"cpu/usage_rate"');
    expect(quoteIdentifier('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quoteString("x' OR '1'='1")).toBe("'x\\' OR \\'1\\'=\\'1'");
    expect(quoteString('a\\\nb')).toBe("'a\\\\\\nb'");
  });

  it("selects Heapster's statistics per epoch-aligned bucket, grouped by pod for lists", () => {
    expect(
      aggregateQuery(
        {
          type: 'pod',
          namespace: 'ns',
          pods: ['a', 'b'],
          metric: 'cpu/usage_rate',
          groupBy: 'pod',
          labels: { resource_id: '/' },
        },
        { start: 1000, end: 5000 },
        {
          aggregations: ['average', 'count', 'median'],
          percentiles: [95, 99.9],
          bucketMs: 3_600_000,
        },
        schema,
      ),
    ).toBe(
      'SELECT COUNT("value") AS "count", MEAN("value") AS "average", MEDIAN("value") AS "median", ' +
        'PERCENTILE("value", 95) AS "p0", PERCENTILE("value", 99.9) AS "p1" FROM "k8s"."default"."cpu/usage_rate" ' +
        `WHERE "type" = 'pod' AND "namespace_name" = 'ns' AND ("pod_name" = 'a' OR "pod_name" = 'b') AND "resource_id" = '/' ` +
        'AND time >= 1000ms AND time <= 5000ms GROUP BY time(3600000ms), "pod_name" fill(none)',
    );
  });

  it('reads the withfields schema and the bucket of a 2.x database without a policy', () => {
    expect(
      pointsQuery({ type: 'node', node: 'n', metric: 'memory/usage' }, { start: 0, end: 1 }, 11, {
        withFields: true,
        database: 'k8s',
        retentionPolicy: undefined,
        clusterName: 'prod',
      }),
    ).toBe(
      `SELECT "usage" AS "value" FROM "memory" WHERE "type" = 'node' AND "nodename" = 'n' AND "cluster_name" = 'prod' ` +
        'AND time >= 0ms AND time <= 1ms ORDER BY time ASC LIMIT 11',
    );
  });
});
