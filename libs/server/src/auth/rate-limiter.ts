/** What a {@link RateLimiter} says to a request of `n` logs. */
export type RateDecision = { readonly ok: true } | { readonly ok: false; readonly retryAfterSeconds: number };

/**
 * Port of the per-key limit: `ratePerSecond` logs refill, up to `burst`; `take` spends `n` at once
 * (one batch, one decision) or says how long to wait. Adapters: {@link TokenBucketLimiter} (this
 * process only) and {@link RedisTokenBucketLimiter} (shared by every replica on one Redis).
 */
export abstract class RateLimiter {
  abstract readonly ratePerSecond: number;
  abstract readonly burst: number;
  abstract take(key: string, n: number): RateDecision | Promise<RateDecision>;
  /** Releases what the limiter holds (a Redis connection). */
  async close(): Promise<void> {}
}

/**
 * Seconds a refused request should wait: until `missing` tokens have refilled, at least 1. A
 * request larger than the burst can never pass; it is told to wait for a full bucket (and, by the
 * problem's message, to send smaller batches).
 */
export function retryAfterSeconds(missingTokens: number, ratePerSecond: number): number {
  return Math.max(1, Math.ceil(missingTokens / ratePerSecond));
}
