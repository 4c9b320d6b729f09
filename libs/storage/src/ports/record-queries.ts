import { Page, RecordQuery, ScoredRecord, SessionQuery, SessionRecord, TemplateQuery, TemplateStat, TimeBucket, TimeSeriesQuery } from '@logad/contracts';

/**
 * The readers' port: the query API, the dashboard and training (`train --from-store`, retraining).
 *
 * Queries order by `(timestamp desc, id desc)` (sessions: `(ended_at desc, id desc)`), filter
 * time on half-open windows `[since, until)`, and page with opaque keyset cursors that every
 * adapter encodes the same way. Bad arguments reject with `StorageInvalidQueryError`, a store
 * that cannot answer with `StorageQueryError`.
 */
export abstract class RecordQueries {
  /** Records matching `q`, newest first by `(timestamp desc, id desc)`. */
  abstract queryRecords(q: RecordQuery): Promise<Page<ScoredRecord>>;
  /** Stored sessions matching `q`, newest first by `(ended_at desc, id desc)`. */
  abstract querySessions(q: SessionQuery): Promise<Page<SessionRecord>>;
  /** Per-template counts over records that have a `template_id`, by count desc then template id. */
  abstract templateStats(q: TemplateQuery): Promise<TemplateStat[]>;
  /**
   * The record with this id and up to `before`/`after` records of the same source (null source
   * included) just before and after it, normal and anomalous alike, in the order they happened:
   * event time, then arrival at the store (see `StoreCapabilities.arrivalOrder`). Oldest first;
   * empty when no record has this id.
   */
  abstract around(id: string, before: number, after: number): Promise<ScoredRecord[]>;
  /**
   * Records and anomalies per bucket of `bucketSeconds` over `[since, until)`, every bucket listed
   * (empty ones with zeros), oldest first. Counts by record `timestamp`.
   */
  abstract timeSeries(q: TimeSeriesQuery): Promise<TimeBucket[]>;
}
