import { MAX_TIME_BUCKETS, TimeSeriesQuery } from '@logad/contracts';
import { StorageInvalidQueryError } from '../errors/storage-invalid-query.error';
import { queryInstant, querySource } from './query-args';

/** A checked {@link TimeSeriesQuery}, in epoch ms. */
export interface TimeSeriesParams {
  readonly sinceMs: number;
  readonly untilMs: number;
  readonly bucketMs: number;
  readonly source?: string;
  /** Buckets in the window, the last one possibly cut at `untilMs`. */
  readonly buckets: number;
}

/** Checks a time-series query; throws `StorageInvalidQueryError` naming the broken argument. */
export function timeSeriesParams(q: TimeSeriesQuery | undefined): TimeSeriesParams {
  const fn = 'timeSeries';
  const query = q ?? ({} as Partial<TimeSeriesQuery>);
  const sinceMs = queryInstant(query.since, fn, 'since');
  const untilMs = queryInstant(query.until, fn, 'until');
  if (sinceMs === undefined || untilMs === undefined) throw new StorageInvalidQueryError(`${fn}: since and until are required`);
  if (untilMs <= sinceMs) throw new StorageInvalidQueryError(`${fn}: until must be after since`);
  const seconds = query.bucketSeconds ?? 60;
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1 || seconds > 86_400) {
    throw new StorageInvalidQueryError(`${fn}: bucketSeconds must be an integer from 1 to 86400, got ${String(seconds)}`);
  }
  const bucketMs = seconds * 1000;
  const buckets = Math.ceil((untilMs - sinceMs) / bucketMs);
  if (buckets > MAX_TIME_BUCKETS) {
    throw new StorageInvalidQueryError(`${fn}: the window holds ${buckets} buckets of ${seconds} s, more than ${MAX_TIME_BUCKETS}: widen the buckets`);
  }
  return { sinceMs, untilMs, bucketMs, buckets, source: querySource(query.source, fn) };
}

/** Every bucket of the window, with zeros, to be filled by an adapter. */
export function emptyBuckets(p: TimeSeriesParams): Array<{ start: string; logs: number; anomalies: number }> {
  return Array.from({ length: p.buckets }, (_, i) => ({ start: new Date(p.sinceMs + i * p.bucketMs).toISOString(), logs: 0, anomalies: 0 }));
}
