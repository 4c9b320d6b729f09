import { Pool } from 'pg';

/** PostgreSQL's SQLSTATE for a row no partition takes (`check_violation`, "no partition of relation … found for row"). */
export const NO_PARTITION_FOR_ROW = '23514';

/**
 * The day partitions of `logad_records` this process knows to exist, and the call that makes the
 * missing ones (the migration's `logad_record_partition`, safe under concurrent workers). A batch
 * costs a round trip only on its first day, and on a day's first records after the partition was
 * dropped (retention), which the sink learns of from {@link NO_PARTITION_FOR_ROW} and retries.
 */
export class RecordPartitions {
  private readonly known = new Set<number>();

  /** Makes sure each day (days since 1970-01-01, UTC) and the day after it has its partition. */
  async ensure(pool: Pool, days: Iterable<number>): Promise<void> {
    const missing = new Set<number>();
    for (const d of days) {
      // The day after too: a worker crossing midnight finds tomorrow ready, made off the hot path's first batch.
      for (const day of [d, d + 1]) if (!this.known.has(day)) missing.add(day);
    }
    if (missing.size === 0) return;
    const list = [...missing].sort((a, b) => a - b);
    await pool.query(`SELECT logad_record_partition(date '1970-01-01' + n) FROM unnest($1::int[]) AS n ORDER BY n`, [list]);
    for (const d of list) this.known.add(d);
  }

  /** Forgets what it knew (a partition it knew was dropped since). */
  forget(): void {
    this.known.clear();
  }
}
