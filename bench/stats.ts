// Summary statistics over round timings (nearest-rank percentiles) and number formatting for the report.

export interface Summary {
  count: number;
  min: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile: with 40 samples p99 is the largest, with 200 the second largest. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of no samples');
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    count: sorted.length,
    min: sorted[0]!,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1]!,
    mean: sorted.reduce((sum, x) => sum + x, 0) / sorted.length,
  };
}

/** Round for the JSON line: two decimals are plenty for milliseconds and kilobytes. */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

export function ms(x: number): string {
  return `${x.toFixed(1)} ms`;
}

/** How many of `times` fall in each `widthMs` bucket from `origin` (times before it are left out). */
export function histogram(times: readonly number[], origin: number, widthMs: number): number[] {
  const buckets: number[] = [];
  for (const t of times) {
    if (t < origin) continue;
    const i = Math.floor((t - origin) / widthMs);
    while (buckets.length <= i) buckets.push(0);
    buckets[i]! += 1;
  }
  return buckets;
}

/** Histogram rows for the log: "  2–3 s    412 ██████████". */
export function histogramLines(buckets: readonly number[], widthMs: number, barWidth = 40): string[] {
  const top = Math.max(1, ...buckets);
  return buckets.map((count, i) => {
    const from = (i * widthMs) / 1000;
    const to = ((i + 1) * widthMs) / 1000;
    return `${`${from}–${to} s`.padStart(9)} ${String(count).padStart(6)} ${'█'.repeat(Math.round((count / top) * barWidth))}`;
  });
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
