/**
 * How Heapster's rate calculator turns a cumulative metric into its rate twin
 * (`metrics/core/metrics.go` RateMetricsMapping, `metrics/processors/rate_calculator.go`):
 * rate = scale * delta(value) / delta(scrape time in ns); cpu truncates to whole millicores.
 */
export interface RateMapping {
  readonly cumulative: string;
  readonly rate: string;
  /** Multiplier on delta(value) / delta(ns): 1000 gives millicores from ns, 1e9 gives per second. */
  readonly scale: number;
  /** Heapster stores the cpu rate as an int64 (integer division). */
  readonly integer: boolean;
  /** Disk rates are matched per `resource_id` series. */
  readonly labeled: boolean;
}

function mapping(cumulative: string, scale: number, integer = false, labeled = false): RateMapping {
  return Object.freeze({ cumulative, rate: `${cumulative}_rate`, scale, integer, labeled });
}

/** The nine cumulative metrics with a rate twin, in Heapster's order. */
export const RATE_MAPPINGS: readonly RateMapping[] = Object.freeze([
  mapping('cpu/usage', 1000, true),
  mapping('memory/page_faults', 1e9),
  mapping('memory/major_page_faults', 1e9),
  mapping('network/rx', 1e9),
  mapping('network/rx_errors', 1e9),
  mapping('network/tx', 1e9),
  mapping('network/tx_errors', 1e9),
  mapping('disk/io_read_bytes', 1e9, false, true),
  mapping('disk/io_write_bytes', 1e9, false, true),
]);

const BY_CUMULATIVE = new Map(RATE_MAPPINGS.map(m => [m.cumulative, m]));
const BY_RATE = new Map(RATE_MAPPINGS.map(m => [m.rate, m]));

/** The rate mapping of a cumulative metric (`cpu/usage` → `cpu/usage_rate`), if it has one. */
export function rateMappingOf(cumulative: string): RateMapping | undefined {
  return BY_CUMULATIVE.get(cumulative);
}

/** The cumulative metric a rate is computed from (`cpu/usage_rate` → `cpu/usage`), if any. */
export function cumulativeOfRate(rate: string): string | undefined {
  return BY_RATE.get(rate)?.cumulative;
}
