/** What a source's baseline knows of one of its templates. */
export interface TemplateStatsState {
  /** The template's text when first seen: its name and the seed of its id (the text itself may widen later). */
  readonly key: string;
  readonly id: number;
  readonly firstSeen: number;
  readonly lastSeen: number;
  readonly count: number;
  /** Distinct buckets with at least one line. */
  readonly buckets: number;
  /** Closed buckets since the first one, empty ones included: the n of the rate estimate. */
  readonly closed: number;
  readonly bucket: number;
  readonly inBucket: number;
  readonly mean: number;
  readonly variance: number;
  /** Part of the source's normal traffic: learnt in the learning period or in training, or recurring since. */
  readonly established: boolean;
  /** Flagged as a new pattern: it stays flagged while it is new, not only in the bucket it burst in. */
  readonly flagged: boolean;
  /** When it was first flagged (event time); absent in states written before it was kept. */
  readonly flaggedAt?: number;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
export type TemplateStats = Mutable<TemplateStatsState>;


export function newTemplateStats(key: string, id: number, ts: number, bucket: number, established: boolean): TemplateStats {
  return { key, id, firstSeen: ts, lastSeen: ts, count: 0, buckets: 0, closed: 0, bucket, inBucket: 0, mean: 0, variance: 0, established, flagged: false };
}

/**
 * Counts one line at `bucket`. Closing a bucket folds its count, then each empty bucket since,
 * into an exponentially weighted mean and variance of the per-bucket count (Welford-style EWMA;
 * α = 1/n for the first buckets so the estimate starts unbiased, then 1/memory).
 */
export function countLine(s: TemplateStats, ts: number, bucket: number, memory: number): void {
  if (s.count === 0) {
    s.bucket = bucket;
    s.buckets = 1;
  } else if (bucket > s.bucket) {
    const empty = bucket - s.bucket - 1;
    if (empty > memory) {
      // silent for longer than the rate remembers: what it was before says nothing of now, learn the rate afresh
      resetRate(s);
    } else {
      fold(s, s.inBucket, memory);
      for (let i = 0; i < empty; i++) fold(s, 0, memory);
    }
    s.bucket = bucket;
    s.inBucket = 0;
    s.buckets++;
  }
  s.inBucket++;
  s.count++;
  if (ts > s.lastSeen) s.lastSeen = ts;
}

/** Forgets the learnt rate (counts and first/last seen stay). */
export function resetRate(s: TemplateStats): void {
  s.closed = 0;
  s.mean = 0;
  s.variance = 0;
}

function fold(s: TemplateStats, x: number, memory: number): void {
  s.closed++;
  const alpha = Math.max(1 / s.closed, 1 / memory);
  const d = x - s.mean;
  s.mean += alpha * d;
  s.variance = (1 - alpha) * (s.variance + alpha * d * d);
}
