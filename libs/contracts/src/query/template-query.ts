/** A window over stored records for template statistics, sorted by count desc (then template id). */
export interface TemplateQuery {
  /** Only records with `timestamp >= since` (ISO-8601). */
  readonly since?: string;
  /** Only records with `timestamp < until` (ISO-8601). */
  readonly until?: string;
  /** Only records of this source (exact match). */
  readonly source?: string;
  /**
   * How many templates, 1 to 1000 (`MAX_QUERY_LIMIT`).
   * @defaultValue 100
   */
  readonly limit?: number;
  /**
   * Only templates whose `first_seen` in the window is `>= newSince`. Without `since`, the window
   * starts at the oldest record, so this lists templates that are new since that instant.
   */
  readonly newSince?: string;
}
