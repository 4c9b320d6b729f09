import { FeedbackVerdict, Page, RecordQuery, ScoredRecord, SessionQuery, SessionRecord, TemplateQuery, TemplateStat, TimeBucket, TimeSeriesQuery, TemplateFeedback } from '@logad/contracts';
import { Pool } from 'pg';
import { StorageInvalidOptionsError } from './errors/storage-invalid-options.error';
import { StorageInvalidQueryError } from './errors/storage-invalid-query.error';
import { StorageNotOpenError } from './errors/storage-not-open.error';
import { StorageOpenError } from './errors/storage-open.error';
import { StorageQueryError } from './errors/storage-query.error';
import { StorageWriteError } from './errors/storage-write.error';
import { PostgresStorageOptions } from './postgres-storage.options';
import { pgGiveFeedback, pgListFeedback, pgWithdrawFeedback } from './postgres-feedback';
import { pgAround, pgQueryRecords, pgQuerySessions, pgTemplateStats, pgTimeSeries } from './postgres-queries';
import { aroundParams } from './query/around-params';
import { feedbackFn, muteParams, templateIdParam, verdictParam } from './query/mute-params';
import { recordQueryParams } from './query/record-query-params';
import { sessionQueryParams } from './query/session-query-params';
import { templateQueryParams } from './query/template-query-params';
import { timeSeriesParams } from './query/time-series-params';
import { INSERT_RECORDS_SQL, recordColumns } from './record-rows';
import { redactUrl } from './redact-url';
import { runMigrations } from './run-migrations';
import { insertSessionsSql, sessionParams } from './session-rows';
import { Storage, WriteResult } from './storage';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const SESSIONS_PER_STATEMENT = 1000;

/**
 * Scored records and sessions in PostgreSQL (`logad_records`, `logad_sessions`). Writes are one
 * `INSERT … SELECT unnest(…) ON CONFLICT (id) DO NOTHING` per batch, so idempotency by id is the
 * primary key's, across any number of workers. `open` runs the migrations.
 */
export class PostgresStorage extends Storage {
  private pool?: Pool;
  private opening?: Promise<void>;
  private readonly opts: Required<Omit<PostgresStorageOptions, 'schema'>> & Pick<PostgresStorageOptions, 'schema'>;
  /** Errors of idle pooled connections (server restart…), and the last one: the pool replaces such connections. */
  idleErrors = 0;
  lastIdleError?: Error;
  /** Migration versions the last `open` applied (empty when the schema was up to date). */
  appliedMigrations: number[] = [];

  constructor(options: PostgresStorageOptions) {
    super();
    // `??`, not a spread: an option given as undefined (an unset env variable) takes the default.
    this.opts = {
      url: options.url,
      schema: options.schema,
      poolSize: options.poolSize ?? 10,
      connectTimeoutMs: options.connectTimeoutMs ?? 5000,
      statementTimeoutMs: options.statementTimeoutMs ?? 30_000,
      rowsPerStatement: options.rowsPerStatement ?? 1000,
      applicationName: options.applicationName ?? 'logad',
    };
    if (!/^postgres(?:ql)?:\/\//i.test(this.opts.url)) {
      throw new StorageInvalidOptionsError(`PostgresStorage needs a postgres:// or postgresql:// url, got ${redactUrl(this.opts.url)}`);
    }
    if (this.opts.schema !== undefined && !SCHEMA_NAME.test(this.opts.schema)) {
      throw new StorageInvalidOptionsError(
        `PostgresStorage schema must be lower-case letters, digits and _ (at most 63), got ${JSON.stringify(this.opts.schema)}`,
      );
    }
    for (const k of ['poolSize', 'connectTimeoutMs', 'statementTimeoutMs', 'rowsPerStatement'] as const) {
      if (!Number.isInteger(this.opts[k]) || this.opts[k] < 1)
        throw new StorageInvalidOptionsError(`PostgresStorage ${k} must be a positive integer, got ${this.opts[k]}`);
    }
  }

  /** Connects and migrates; calling it again (even while the first call runs) opens once. */
  open(): Promise<void> {
    this.opening ??= this.openNow().finally(() => {
      this.opening = undefined;
    });
    return this.opening;
  }

  private async openNow(): Promise<void> {
    if (this.pool) return;
    const { url, schema } = this.opts;
    const pool = new Pool({
      connectionString: url,
      max: this.opts.poolSize,
      connectionTimeoutMillis: this.opts.connectTimeoutMs,
      statement_timeout: this.opts.statementTimeoutMs,
      application_name: this.opts.applicationName,
      keepAlive: true,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // Without a listener, an idle connection dropped by the server would crash the process.
    pool.on('error', (err) => {
      this.idleErrors++;
      this.lastIdleError = err;
    });
    try {
      const client = await pool.connect();
      try {
        this.appliedMigrations = await runMigrations(client, schema);
      } finally {
        client.release();
      }
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw new StorageOpenError(`could not open PostgreSQL storage at ${redactUrl(url)}: ${(err as Error).message}`, { cause: err });
    }
    this.pool = pool;
  }

  async close(): Promise<void> {
    const pool = this.pool;
    this.pool = undefined;
    // Ends connections once their queries (writes in flight) are done.
    await pool?.end();
  }

  async write(records: readonly ScoredRecord[]): Promise<WriteResult> {
    const pool = this.need('write');
    const fresh = firstOfEachId(records);
    const step = this.opts.rowsPerStatement;
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
    const pool = this.need('writeSessions');
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

  queryRecords(q: RecordQuery): Promise<Page<ScoredRecord>> {
    return this.query('queryRecords', () => recordQueryParams(q), pgQueryRecords);
  }

  querySessions(q: SessionQuery): Promise<Page<SessionRecord>> {
    return this.query('querySessions', () => sessionQueryParams(q), pgQuerySessions);
  }

  templateStats(q: TemplateQuery): Promise<TemplateStat[]> {
    return this.query('templateStats', () => templateQueryParams(q), pgTemplateStats);
  }

  around(id: string, before: number, after: number): Promise<ScoredRecord[]> {
    return this.query('around', () => aroundParams(id, before, after), pgAround);
  }

  timeSeries(q: TimeSeriesQuery): Promise<TimeBucket[]> {
    return this.query('timeSeries', () => timeSeriesParams(q), pgTimeSeries);
  }

  async giveFeedback(verdict: FeedbackVerdict, templateId: number, template: string, note?: string | null): Promise<TemplateFeedback> {
    const v = verdictParam(verdict, 'giveFeedback');
    const fn = feedbackFn(v);
    const p = muteParams(templateId, template, note, fn);
    return this.change(fn, (pool) => pgGiveFeedback(pool, v, p, Date.now()));
  }

  async withdrawFeedback(verdict: FeedbackVerdict, templateId: number): Promise<boolean> {
    const v = verdictParam(verdict, 'withdrawFeedback');
    const fn = feedbackFn(v, true);
    const id = templateIdParam(templateId, fn);
    return this.change(fn, (pool) => pgWithdrawFeedback(pool, v, id));
  }

  listFeedback(): Promise<TemplateFeedback[]> {
    return this.query('listFeedback', () => undefined, pgListFeedback);
  }

  private async change<R>(fn: string, run: (pool: Pool) => Promise<R>): Promise<R> {
    const pool = this.need(fn);
    try {
      return await run(pool);
    } catch (err) {
      throw new StorageWriteError(`${fn}: PostgreSQL did not take the change: ${(err as Error).message}`, { cause: err });
    }
  }

  private need(fn: string): Pool {
    if (!this.pool) throw new StorageNotOpenError(`storage is not open: call open() before ${fn}()`);
    return this.pool;
  }

  private async query<P, R>(fn: string, check: () => P, run: (pool: Pool, params: P) => Promise<R>): Promise<R> {
    const params = check();
    const pool = this.need(fn);
    try {
      return await run(pool, params);
    } catch (err) {
      if (err instanceof StorageInvalidQueryError) throw err;
      throw new StorageQueryError(`${fn}: PostgreSQL did not answer: ${(err as Error).message}`, { cause: err });
    }
  }
}

/** The first record of each id: a batch may carry a redelivered record twice. */
function firstOfEachId<T extends { id: string }>(items: readonly T[]): T[] {
  const seen = new Set<string>();
  return items.filter((r) => !seen.has(r.id) && seen.add(r.id) !== undefined);
}
