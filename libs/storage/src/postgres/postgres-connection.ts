import { Pool } from 'pg';
import { StorageInvalidOptionsError } from '../errors/storage-invalid-options.error';
import { StorageInvalidQueryError } from '../errors/storage-invalid-query.error';
import { StorageNotOpenError } from '../errors/storage-not-open.error';
import { StorageOpenError } from '../errors/storage-open.error';
import { StorageQueryError } from '../errors/storage-query.error';
import { StorageWriteError } from '../errors/storage-write.error';
import { redactUrl } from '../redact-url';
import { PostgresStoreOptions } from './postgres-store.options';
import { runMigrations } from './run-migrations';

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * The pool the ports of one PostgreSQL store share. Each user (the sink, the store's `connect`)
 * opens it for itself; the first open connects and runs the migrations, the last close ends it.
 */
export class PostgresConnection {
  private pool?: Pool;
  private opening?: Promise<void>;
  private readonly users = new Set<object>();
  readonly opts: Required<Omit<PostgresStoreOptions, 'schema'>> & Pick<PostgresStoreOptions, 'schema'>;
  /** Errors of idle pooled connections (server restart…), and the last one: the pool replaces such connections. */
  idleErrors = 0;
  lastIdleError?: Error;
  /** Migration versions the last `open` applied (empty when the schema was up to date). */
  appliedMigrations: number[] = [];

  constructor(options: PostgresStoreOptions) {
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
      throw new StorageInvalidOptionsError(`PostgresStore needs a postgres:// or postgresql:// url, got ${redactUrl(this.opts.url)}`);
    }
    if (this.opts.schema !== undefined && !SCHEMA_NAME.test(this.opts.schema)) {
      throw new StorageInvalidOptionsError(
        `PostgresStore schema must be lower-case letters, digits and _ (at most 63), got ${JSON.stringify(this.opts.schema)}`,
      );
    }
    for (const k of ['poolSize', 'connectTimeoutMs', 'statementTimeoutMs', 'rowsPerStatement'] as const) {
      if (!Number.isInteger(this.opts[k]) || this.opts[k] < 1)
        throw new StorageInvalidOptionsError(`PostgresStore ${k} must be a positive integer, got ${this.opts[k]}`);
    }
  }

  /** Connects and migrates for `user`; calling it again (even while the first call runs) opens once. */
  async open(user: object): Promise<void> {
    this.opening ??= this.openNow().finally(() => {
      this.opening = undefined;
    });
    await this.opening;
    this.users.add(user);
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

  /** Ends the pool once no user holds it; a user that never opened changes nothing. */
  async close(user: object): Promise<void> {
    if (!this.users.delete(user) || this.users.size > 0) return;
    const pool = this.pool;
    this.pool = undefined;
    // Ends connections once their queries (writes in flight) are done.
    await pool?.end();
  }

  /** Runs a change; a failure of the server rejects with `StorageWriteError`. */
  async change<R>(fn: string, run: (pool: Pool) => Promise<R>): Promise<R> {
    const pool = this.need(fn);
    try {
      return await run(pool);
    } catch (err) {
      throw new StorageWriteError(`${fn}: PostgreSQL did not take the change: ${(err as Error).message}`, { cause: err });
    }
  }

  /** The pool, or `StorageNotOpenError` naming the call. */
  need(fn: string): Pool {
    if (!this.pool) throw new StorageNotOpenError(`storage is not open: call open() before ${fn}()`);
    return this.pool;
  }

  /** Checks the arguments (their errors first: they are the caller's), then runs a query; a failure of the server rejects with `StorageQueryError`. */
  async query<P, R>(fn: string, check: () => P, run: (pool: Pool, params: P) => Promise<R>): Promise<R> {
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
