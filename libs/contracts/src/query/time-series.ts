/**
 * Counts of stored records per time bucket over a window `[since, until)`. Bucket `i` covers
 * `[since + i·bucketSeconds, since + (i+1)·bucketSeconds)`, the last one cut at `until`.
 */
export interface TimeSeriesQuery {
  /** Start of the window (ISO-8601), inclusive. */
  readonly since: string;
  /** End of the window (ISO-8601), exclusive. */
  readonly until: string;
  /** Only records of this source (exact match). */
  readonly source?: string;
  /**
   * Width of one bucket in seconds, 1 to 86400; at most `MAX_TIME_BUCKETS` buckets per window.
   * @defaultValue 60
   */
  readonly bucketSeconds?: number;
}

/** One bucket of a time series: every bucket of the window is listed, empty ones with zeros. */
export interface TimeBucket {
  /** Start of the bucket (ISO-8601, UTC, milliseconds). */
  readonly start: string;
  /** Records (normal and anomalous) whose `timestamp` falls in the bucket. */
  readonly logs: number;
  /** Of those, the anomalous ones. */
  readonly anomalies: number;
}
