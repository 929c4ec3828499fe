/** Percentiles and summaries of latency samples, in milliseconds. */

/** Latency distribution of one measurement. */
export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** The `p`-th percentile (0–100) by nearest rank; NaN for no samples. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** Summarises samples (unsorted, ms); values rounded to 0.1 ms. */
export function summarizeLatencies(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const round = (value: number) => Math.round(value * 10) / 10;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / (sorted.length || 1);
  return {
    count: sorted.length,
    mean: round(mean),
    p50: round(percentile(sorted, 50)),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted.at(-1) ?? Number.NaN),
  };
}

/** Events per second over the span between the first and last timestamp (epoch ms). */
export function ratePerSecond(timestamps: readonly number[]): number {
  if (timestamps.length < 2) return 0;
  const sorted = [...timestamps].sort((a, b) => a - b);
  const spanMs = sorted[sorted.length - 1] - sorted[0];
  return spanMs > 0 ? Math.round(((sorted.length - 1) / spanMs) * 1000) : 0;
}

/**
 * The sustained rate: events per second between the 10th and 90th percentile of arrival times, so
 * the ramp-up while conversations start and the stragglers at the end do not dilute it.
 */
export function sustainedRatePerSecond(timestamps: readonly number[]): number {
  const sorted = [...timestamps].sort((a, b) => a - b);
  if (sorted.length < 10) return ratePerSecond(sorted);
  const from = Math.floor(sorted.length * 0.1);
  const to = Math.ceil(sorted.length * 0.9) - 1;
  return ratePerSecond(sorted.slice(from, to + 1));
}
