// Timing for benchmarks: run a function for a fixed budget after a warm-up and report operations
// per second. Every figure is printed next to a baseline measured in the same run, on the same
// machine, so a reader compares ratios, not absolute numbers from different machines.
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

export function millis(fn: () => unknown, repeats = 5): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!;
}

/** One machine-readable line: `BENCH name value unit baseline=<value> ratio=<value/baseline>`. */
export function report(name: string, value: number, unit: string, baseline: { name: string; value: number }): void {
  const ratio = value / baseline.value;
  console.log(`BENCH ${name} ${round(value)} ${unit} baseline=${baseline.name}:${round(baseline.value)} ratio=${round(ratio)}`);
}

const round = (n: number) => (Math.abs(n) >= 100 ? Math.round(n) : Math.round(n * 1000) / 1000);
