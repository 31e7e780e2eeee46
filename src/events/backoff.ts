/** How deliveries are retried: exponential from `baseMs`, capped, with full jitter; given up after `retryForMs`. */
export type RetryPolicy = { baseMs: number; capMs: number; retryForMs: number };

/** 1 s, 2 s, 4 s, ... capped at an hour, for 24 hours and a little more. */
export const defaultRetryPolicy: RetryPolicy = { baseMs: 1_000, capMs: 3_600_000, retryForMs: 24 * 3_600_000 + 60_000 };

/**
 * The wait before the next attempt after `attempts` failed ones: a uniform draw from
 * [0, min(cap, base * 2^(attempts-1))] (AWS's "full jitter"), so receivers that failed
 * together are not retried together.
 *
 * @example retryDelay(3, defaultRetryPolicy, () => 0.5) // 2000: half of the 4 s ceiling
 */
export function retryDelay(attempts: number, policy: RetryPolicy, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.floor(ceiling * random());
}
