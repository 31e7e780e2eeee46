/** Latency percentiles and peak memory for the benchmarks: timings and counts only. */

/** Nearest-rank percentile of `values` (p in 0..100); NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

export const ms = (value: number): string => (Number.isNaN(value) ? 'n/a' : `${value.toFixed(1)} ms`);

export const latencyLine = (values: readonly number[]): string =>
  `p50 ${ms(percentile(values, 50))}  p95 ${ms(percentile(values, 95))}  p99 ${ms(percentile(values, 99))}  max ${ms(percentile(values, 100))}  (n=${values.length})`;

export const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;

/**
 * Samples the process's RSS every `intervalMs`. A busy event loop delays samples, so the
 * kernel's own high-water mark (`resourceUsage().maxRSS`, in KiB) is reported beside it.
 */
export function startRssSampler(intervalMs = 100): { stop(): { sampledPeak: number; maxRss: number } } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      peak = Math.max(peak, process.memoryUsage().rss);
      return { sampledPeak: peak, maxRss: process.resourceUsage().maxRSS * 1024 };
    },
  };
}
