import { LogLevel } from '../logs/log-level';
import type { AnomalyKind } from '../predict/anomaly-kind';

/** Which store a record query reads: anomalous records, normal ones, or both. */
export type RecordKind = 'anomalous' | 'normal' | 'all';

/**
 * A filter over stored scored records. Results come newest first by `(timestamp desc, id desc)`;
 * pages follow each other by an opaque keyset cursor, so records arriving between pages neither
 * repeat nor push others off a page.
 */
export interface RecordQuery {
  /**
   * Which records.
   * @defaultValue 'anomalous'
   */
  readonly kind?: RecordKind;
  /** Only records with `timestamp >= since` (ISO-8601). */
  readonly since?: string;
  /** Only records with `timestamp < until` (ISO-8601). */
  readonly until?: string;
  /** Only records of this source (exact match). */
  readonly source?: string;
  /** Only records of this level. */
  readonly level?: LogLevel;
  /** Only records of this template. */
  readonly templateId?: number;
  /** Only records the detector gave this anomaly kind (`new_pattern`, `surge`, `rare`, `session`). */
  readonly anomalyKind?: AnomalyKind;
  /**
   * Page size, 1 to 1000 (`MAX_QUERY_LIMIT`).
   * @defaultValue 100
   */
  readonly limit?: number;
  /** `next_cursor` of the previous page; absent for the first page. */
  readonly cursor?: string;
}
