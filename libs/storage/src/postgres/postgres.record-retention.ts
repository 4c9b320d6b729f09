import { RecordRetention, RetentionResult } from '../ports/record-retention';
import { PostgresConnection } from './postgres-connection';
import { pgTimestamp } from './pg-timestamp';

/** The partitions of `logad_records` with their bounds, read from the catalog (not from their names). */
const PARTITIONS_SQL = `SELECT c.relname AS name, b.m[1] AS lower, b.m[2] AS upper,
  ((b.m[1])::timestamptz AT TIME ZONE 'UTC')::date::text AS day
FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
CROSS JOIN LATERAL (SELECT regexp_match(pg_get_expr(c.relpartbound, c.oid), $re$FROM \\('([^']+)'\\) TO \\('([^']+)'\\)$re$) AS m) b
WHERE i.inhparent = 'logad_records'::regclass AND b.m IS NOT NULL AND (b.m[2])::timestamptz <= $1::timestamptz
ORDER BY (b.m[1])::timestamptz`;

/**
 * Retention over the day partitions: each whole day before the cutoff is one `DROP TABLE` of its
 * partition (no row-by-row delete, no vacuum debt) and the delete of that day's ids, in one
 * transaction. A session-level advisory lock per schema lets one worker do it while the others
 * skip; `lock_timeout` keeps a drop that waits behind a long query from stalling the inserts
 * queued behind it (the partition is then left for the next run).
 */
export class PostgresRecordRetention extends RecordRetention {
  constructor(private readonly db: PostgresConnection) {
    super();
  }

  async dropBefore(cutoffMs: number): Promise<RetentionResult> {
    const client = await this.db.change('dropBefore', (pool) => pool.connect());
    const lock = `hashtext('logad:retention:' || current_schema())`;
    try {
      return await this.db.change('dropBefore', async () => {
        const got = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(${lock}) AS ok`);
        if (!got.rows[0].ok) return { ran: false, droppedDays: [], forgottenIds: 0, deletedSessions: 0 };
        const cutoff = pgTimestamp(cutoffMs);
        const { rows } = await client.query<{ name: string; lower: string; upper: string; day: string }>(PARTITIONS_SQL, [cutoff]);
        const droppedDays: string[] = [];
        let forgottenIds = 0;
        for (const p of rows) {
          await client.query('BEGIN');
          try {
            await client.query(`SET LOCAL lock_timeout = '10s'; SET LOCAL statement_timeout = 0`);
            await client.query(`DROP TABLE "${p.name.replace(/"/g, '""')}"`);
            const ids = await client.query(
              `DELETE FROM logad_record_ids WHERE "timestamp" >= $1::timestamptz AND "timestamp" < $2::timestamptz`,
              [p.lower, p.upper],
            );
            await client.query('COMMIT');
            forgottenIds += ids.rowCount ?? 0;
            droppedDays.push(p.day);
          } catch (err) {
            await client.query('ROLLBACK').catch(() => undefined);
            throw err;
          }
        }
        const sessions = await client.query('DELETE FROM logad_sessions WHERE ended_at < $1::timestamptz', [cutoff]);
        return { ran: true, droppedDays, forgottenIds, deletedSessions: sessions.rowCount ?? 0 };
      });
    } finally {
      // Closed, not returned to the pool: ending the session is what releases the lock, whatever failed.
      client.release(true);
    }
  }
}
