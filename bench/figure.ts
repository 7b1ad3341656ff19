// What a benchmark figure is. A figure is measured beside a baseline in the same run, on the same
// machine, and reported as the ratio ours/baseline, which holds on a loaded machine where the raw
// numbers do not. Add one by exporting `figures: Figure[]` from a module in bench/figures/: the
// runner finds every module there (bench/run.ts), so nothing else needs to be registered.
export interface Baseline {
  name: string;
  value: number;
}

export interface FigureResult {
  value: number;
  baseline: Baseline;
  /**
   * Given when each of our runs was made beside a baseline run moments apart: the median of those
   * pairs' ratios, which cancels what drifts from pair to pair (another process's burst on a shared
   * machine) where the ratio of the two medians does not. Otherwise ratio = value / baseline.value.
   */
  ratio?: number;
  /** More facts printed after the ratio as `key=value` (counts, errors, the other percentile). */
  extra?: Record<string, string | number>;
}

export interface Figure {
  /** `<area>_<what>[_<size>]`, e.g. `decision_durable_p99_10k`; the name never changes once published. */
  name: string;
  /** The value's unit: `ms`, `ops/s`, `req/s`, `MB`... */
  unit: string;
  run(): Promise<FigureResult>;
}

/**
 * One measurement shared by several figures (p50 and p99 of the same samples): the first figure
 * that asks runs it, the others reuse its result, and a run of only one of them measures once.
 */
export function shared<T>(measure: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= measure());
}
