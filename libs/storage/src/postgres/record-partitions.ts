import { Pool } from 'pg';

/** PostgreSQL's SQLSTATE for a row no partition takes (`check_violation`, "no partition of relation … found for row"). */
export const NO_PARTITION_FOR_ROW = '23514';

const CREATE_SQL = `SELECT logad_record_partition(date '1970-01-01' + n) FROM unnest($1::int[]) AS n ORDER BY n`;

/**
 * The day partitions of `logad_records` this process knows to exist, and the call that makes the
 * missing ones (the migration's `logad_record_partition`, safe under concurrent workers). A batch
 * costs a round trip only on its first day, and on a day's first records after the partition was
 * dropped (retention), which the sink learns of from {@link NO_PARTITION_FOR_ROW} and retries.
 */
export class RecordPartitions {
  private readonly known = new Set<number>();

  /**
   * Makes sure each day (days since 1970-01-01, UTC) has its partition, and tries the day after
   * each too, so that a worker crossing midnight finds tomorrow ready. Creating a partition waits
   * for the queries reading `logad_records` (and holds up the inserts behind it): the days of the
   * batch must exist and may wait, the days ahead give up after `aheadLockTimeoutMs` and are
   * tried again with the next batch.
   */
  async ensure(pool: Pool, days: Iterable<number>, aheadLockTimeoutMs = 1000): Promise<void> {
    const needed = new Set<number>();
    const ahead = new Set<number>();
    for (const d of days) if (!this.known.has(d)) needed.add(d);
    for (const d of days) if (!this.known.has(d + 1) && !needed.has(d + 1)) ahead.add(d + 1);
    if (needed.size > 0) {
      const list = [...needed].sort((a, b) => a - b);
      await pool.query(CREATE_SQL, [list]);
      for (const d of list) this.known.add(d);
    }
    if (ahead.size > 0)
      await this.tryAhead(
        pool,
        [...ahead].sort((a, b) => a - b),
        aheadLockTimeoutMs,
      );
  }

  private async tryAhead(pool: Pool, list: number[], lockTimeoutMs: number): Promise<void> {
    const client = await pool.connect();
    let broken: Error | undefined;
    try {
      await client.query(`BEGIN; SET LOCAL lock_timeout = ${Math.max(1, Math.floor(lockTimeoutMs))}`);
      await client.query(CREATE_SQL, [list]);
      await client.query('COMMIT');
      for (const d of list) this.known.add(d);
    } catch {
      // Busy (lock_timeout) or failing: the batch does not need these days; the next one tries again.
      await client.query('ROLLBACK').catch((err: Error) => (broken = err));
    } finally {
      client.release(broken);
    }
  }

  /** Forgets what it knew (a partition it knew was dropped since). */
  forget(): void {
    this.known.clear();
  }
}
