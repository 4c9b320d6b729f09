/** What one retention run did. */
export interface RetentionResult {
  /** `false`: another process held the retention lock and is doing the work; nothing was dropped here. */
  readonly ran: boolean;
  /** The UTC days (`YYYY-MM-DD`) whose records were dropped, oldest first. */
  readonly droppedDays: readonly string[];
  /** Record ids forgotten with those days: a redelivered record of such a day is stored again. */
  readonly forgottenIds: number;
  /** Sessions deleted (ended before the cutoff). */
  readonly deletedSessions: number;
}

/**
 * The worker's retention port, for stores that drop old data themselves: records of every whole
 * UTC day before the cutoff go, with their ids, and sessions that ended before it. Safe to call
 * from every worker at once: one does the work, the others return `ran: false`.
 */
export abstract class RecordRetention {
  abstract dropBefore(cutoffMs: number): Promise<RetentionResult>;
}
