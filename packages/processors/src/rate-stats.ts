/** Why rates were or were not written for the last batch (for logs, self-metrics and tests). */
export interface RateStats {
  /** Rate values written (columns and labeled values). */
  computed: number;
  /** Series seen for the first time: nothing to compare with. */
  firstSeen: number;
  /** Collection start time changed (container or node restart): new baseline, no rate. */
  restarted: number;
  /** Scrape time not later than the remembered one: the older sample is kept. */
  notLater: number;
  /** The counter went down with the same start time: new baseline, no rate. */
  counterResets: number;
  /** The rate was above the bound or not finite: no rate. */
  absurd: number;
  /** Provisional rates from the source that were negative or out of bounds, removed. */
  provisionalDropped: number;
  /** Series forgotten because they were missing for too long. */
  forgotten: number;
}

export function emptyRateStats(): RateStats {
  return {
    computed: 0,
    firstSeen: 0,
    restarted: 0,
    notLater: 0,
    counterResets: 0,
    absurd: 0,
    provisionalDropped: 0,
    forgotten: 0,
  };
}
