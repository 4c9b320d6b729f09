import { ScoredRecord, SessionRecord } from '@logad/contracts';
import { StorageWriteError } from '../errors/storage-write.error';
import { RecordSink, WriteResult } from '../ports/record-sink';
import { PostgresConnection } from './postgres-connection';
import { INSERT_RECORDS_SQL, recordColumns } from './record-rows';
import { insertSessionsSql, sessionParams } from './session-rows';

const SESSIONS_PER_STATEMENT = 1000;

/**
 * Writes records to `logad_records` and sessions to `logad_sessions`: one
 * `INSERT … SELECT unnest(…) ON CONFLICT (id) DO NOTHING` per batch, so idempotency by id is the
 * primary key's, across any number of workers. The `arrival` column (a sequence) numbers the rows
 * in the order the statement gives them, the batch's order.
 */
export class PostgresRecordSink extends RecordSink {
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
    const columns = [];
    for (let i = 0; i < fresh.length; i += step) columns.push(recordColumns(fresh.slice(i, i + step)));
    let written = 0;
    try {
      for (const cols of columns) written += (await pool.query(INSERT_RECORDS_SQL, cols)).rowCount ?? 0;
    } catch (err) {
      throw new StorageWriteError(`could not insert records into PostgreSQL: ${(err as Error).message}`, { cause: err });
    }
    return { written, duplicates: records.length - written };
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
