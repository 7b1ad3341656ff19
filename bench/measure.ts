// Timing helpers for figures. Every figure is printed next to a baseline measured in the same run,
// on the same machine, so a reader compares ratios, not absolute numbers from different machines.
export function opsPerSecond(fn: () => unknown, budgetMs = 400): number {
  const warmUntil = performance.now() + budgetMs / 4;
  while (performance.now() < warmUntil) fn();
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < budgetMs) {
    for (let i = 0; i < 50; i++) fn();
    ops += 50;
    now = performance.now();
  }
  return ops / ((now - start) / 1000);
}

/** The median of `repeats` timed runs after one warm-up run, in milliseconds. */
export function millis(fn: () => unknown, repeats = 5): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return percentile(times, 50);
}

/** Milliseconds one awaited call takes. */
export async function elapsed(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** The p-th percentile (nearest rank) of the samples; 50 is the median. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new Error('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}
