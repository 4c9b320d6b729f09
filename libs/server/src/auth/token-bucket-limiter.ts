/**
 * Per-key token buckets: `ratePerSecond` refills, up to `burst`. `take` spends `n` tokens or says
 * how long until it could. Idle buckets are forgotten so memory stays bounded by active keys.
 */
export class TokenBucketLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly ratePerSecond: number,
    readonly burst: number = ratePerSecond,
    private readonly now: () => number = Date.now,
  ) {}

  take(key: string, n: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
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
    // A request larger than the burst could never pass: tell the client to wait for a full bucket.
    const missing = Math.min(n, this.burst) - b.tokens;
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(missing / this.ratePerSecond)) };
  }

  private forgetIdle(t: number): void {
    for (const [k, b] of this.buckets) if (t - b.at > 60_000) this.buckets.delete(k);
  }
}
