/** Options of {@link PostgresStore}. */
export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database` (libpq-style query parameters such as `sslmode` work). */
  readonly url: string;
  /**
   * Schema that holds logad's tables, created when missing and put on the connections'
   * `search_path`. Lower-case letters, digits and `_`. Unset: the server's `search_path` (usually `public`).
   */
  readonly schema?: string;
  /**
   * Connections in the pool.
   * @defaultValue 10
   */
  readonly poolSize?: number;
  /**
   * How long to wait for a connection before a call fails (a black-holed server would otherwise hang writes).
   * @defaultValue 5000
   */
  readonly connectTimeoutMs?: number;
  /**
   * Server-side `statement_timeout` of every statement but migrations.
   * @defaultValue 30000
   */
  readonly statementTimeoutMs?: number;
  /**
   * Rows per INSERT statement; a larger `write` runs several (each idempotent, so a retry after a
   * partial failure is safe).
   * @defaultValue 1000
   */
  readonly rowsPerStatement?: number;
  /**
   * `application_name` shown in `pg_stat_activity`.
   * @defaultValue 'logad'
   */
  readonly applicationName?: string;
}
