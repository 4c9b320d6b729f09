import { TimeBucket } from '@logad/contracts';

/** One bucket of `GET /api/v1/stats`: counts, and the same as rates per second. */
export interface RateBucket extends TimeBucket {
  readonly logs_per_s: number;
  readonly anomalies_per_s: number;
}

/** `GET /api/v1/stats`' answer. */
export interface StatsAnswer {
  readonly since: string;
  readonly until: string;
  readonly bucket_seconds: number;
  readonly totals: { readonly logs: number; readonly anomalies: number };
  readonly buckets: RateBucket[];
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Rates per second of each bucket: counts over the bucket's width, except the last one, cut at
 * `untilMs` (usually now), whose rate is over the part that has elapsed.
 */
export function toRates(buckets: readonly TimeBucket[], sinceMs: number, untilMs: number, bucketSeconds: number): StatsAnswer {
  const bucketMs = bucketSeconds * 1000;
  let logs = 0;
  let anomalies = 0;
  const out = buckets.map((b) => {
    const start = Date.parse(b.start);
    const seconds = Math.max(0.001, (Math.min(start + bucketMs, untilMs) - start) / 1000);
    logs += b.logs;
    anomalies += b.anomalies;
    return { ...b, logs_per_s: round3(b.logs / seconds), anomalies_per_s: round3(b.anomalies / seconds) };
  });
  return {
    since: new Date(sinceMs).toISOString(),
    until: new Date(untilMs).toISOString(),
    bucket_seconds: bucketSeconds,
    totals: { logs, anomalies },
    buckets: out,
  };
}
