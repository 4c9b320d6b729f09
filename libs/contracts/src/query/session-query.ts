/** A filter over stored anomalous sessions, newest first by `(ended_at desc, id desc)`. */
export interface SessionQuery {
  /** Only sessions with `ended_at >= since` (ISO-8601). */
  readonly since?: string;
  /** Only sessions with `ended_at < until` (ISO-8601). */
  readonly until?: string;
  /**
   * Page size, 1 to 1000 (`MAX_QUERY_LIMIT`).
   * @defaultValue 100
   */
  readonly limit?: number;
  /** `next_cursor` of the previous page. */
  readonly cursor?: string;
}
