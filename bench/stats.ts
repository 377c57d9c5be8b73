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
