import { ScoredRecord, SessionRecord } from '@logad/contracts';
import { Pool } from 'pg';
import { StorageWriteError } from '../errors/storage-write.error';
import { RecordSink, WriteResult } from '../ports/record-sink';
import { PostgresConnection } from './postgres-connection';
import { NO_PARTITION_FOR_ROW, RecordPartitions } from './record-partitions';
import { INSERT_RECORDS_SQL, recordColumns, recordDays } from './record-rows';
import { insertSessionsSql, sessionParams } from './session-rows';

const SESSIONS_PER_STATEMENT = 1000;

/**
 * Writes records to the day partitions of `logad_records` and sessions to `logad_sessions`: one
 * statement per batch (see `INSERT_RECORDS_SQL`) whose ids go to `logad_record_ids` with
 * `ON CONFLICT (id) DO NOTHING`, so idempotency by id is that primary key's, across any number of
 * workers and whatever timestamp a resend carries. The `arrival` column (a sequence) numbers the
 * rows in the batch's order. The partitions of the batch's days are made first when missing.
 */
export class PostgresRecordSink extends RecordSink {
  private readonly partitions = new RecordPartitions();

  constructor(private readonly db: PostgresConnection) {
    super();
  }

  open(): Promise<void> {
    return this.db.open(this);
  }

  close(): Promise<void> {
    return this.db.close(this);
  }

  async write(records: readonly ScoredRecord[]): Promise<WriteResult> {
    const pool = this.db.need('write');
    const fresh = firstOfEachId(records);
    const step = this.db.opts.rowsPerStatement;
    // Every record checked before anything is written: a bad one fails the whole batch.
    const columns = [];
    for (let i = 0; i < fresh.length; i += step) columns.push(recordColumns(fresh.slice(i, i + step)));
    const days = recordDays(fresh);
    let written = 0;
    try {
      await this.partitions.ensure(pool, days);
      for (const cols of columns) written += await this.insert(pool, cols, days);
    } catch (err) {
      throw new StorageWriteError(`could not insert records into PostgreSQL: ${(err as Error).message}`, { cause: err });
    }
    return { written, duplicates: records.length - written };
  }

  /** One statement; once more if a partition this process knew was dropped meanwhile (retention). */
  private async insert(pool: Pool, cols: unknown[][], days: Set<number>): Promise<number> {
    try {
      return (await pool.query(INSERT_RECORDS_SQL, cols)).rowCount ?? 0;
    } catch (err) {
      if ((err as { code?: string }).code !== NO_PARTITION_FOR_ROW) throw err;
      this.partitions.forget();
      await this.partitions.ensure(pool, days);
      return (await pool.query(INSERT_RECORDS_SQL, cols)).rowCount ?? 0;
    }
  }

  async writeSessions(sessions: readonly SessionRecord[]): Promise<WriteResult> {
    const pool = this.db.need('writeSessions');
    const fresh = firstOfEachId(sessions);
    const statements: Array<[string, unknown[]]> = [];
    for (let i = 0; i < fresh.length; i += SESSIONS_PER_STATEMENT) {
      const part = fresh.slice(i, i + SESSIONS_PER_STATEMENT);
      statements.push([insertSessionsSql(part.length), sessionParams(part)]);
    }
    let written = 0;
    try {
      for (const [sql, params] of statements) written += (await pool.query(sql, params)).rowCount ?? 0;
    } catch (err) {
      throw new StorageWriteError(`could not insert sessions into PostgreSQL: ${(err as Error).message}`, { cause: err });
    }
    return { written, duplicates: sessions.length - written };
  }
}

/** The first record of each id: a batch may carry a redelivered record twice. */
function firstOfEachId<T extends { id: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((r) => !seen.has(r.id) && seen.add(r.id) !== undefined);
}
