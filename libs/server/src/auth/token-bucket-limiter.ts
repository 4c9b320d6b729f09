import { RateDecision, RateLimiter, retryAfterSeconds } from './rate-limiter';

/**
 * Per-key token buckets in this process: `ratePerSecond` refills, up to `burst`. `take` spends `n`
 * tokens or says how long until it could. Idle buckets are forgotten so memory stays bounded by
 * active keys. With N replicas a key gets N times its limit: see {@link RedisTokenBucketLimiter}.
 */
export class TokenBucketLimiter extends RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number = ratePerSecond,
    private readonly now: () => number = Date.now,
  ) {
    super();
  }

  take(key: string, n: number): RateDecision {
    const t = this.now();
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: t };
    b.tokens = Math.min(this.burst, b.tokens + ((t - b.at) / 1000) * this.ratePerSecond);
    b.at = t;
    this.buckets.set(key, b);
    if (this.buckets.size > 10_000) this.forgetIdle(t);
    if (n <= b.tokens) {
      b.tokens -= n;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: retryAfterSeconds(Math.min(n, this.burst) - b.tokens, this.ratePerSecond) };
  }

  private forgetIdle(t: number): void {
    for (const [k, b] of this.buckets) if (t - b.at > 60_000) this.buckets.delete(k);
  }
}
