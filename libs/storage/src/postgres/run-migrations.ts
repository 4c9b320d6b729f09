import { PoolClient } from 'pg';
import { MIGRATIONS, Migration } from './postgres-migrations';

/**
 * Brings the schema up to date: each pending migration runs in its own transaction under a
 * transaction-scoped advisory lock, so workers starting together take turns and each migration
 * is applied once (the second finds it recorded in `logad_migrations` and skips it).
 * Returns the versions this call applied.
 */
export async function runMigrations(client: PoolClient, schema: string | undefined, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  const applied: number[] = [];
  const lockKey = `logad:migrations:${schema ?? ''}`;
  for (const m of migrations) {
    await client.query('BEGIN');
    try {
      // Index builds on a big table may take a while; waiting for another worker's migration too.
      await client.query('SET LOCAL statement_timeout = 0');
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [lockKey]);
      // Under the lock: concurrent CREATE ... IF NOT EXISTS can otherwise fail on a unique index.
      if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
      const table = await client.query<{ t: string | null }>(`SELECT to_regclass('logad_migrations')::text AS t`);
      if (table.rows[0].t === null) {
        await client.query('CREATE TABLE logad_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
      }
      const done = await client.query('SELECT 1 FROM logad_migrations WHERE version = $1', [m.version]);
      if (done.rowCount === 0) {
        await client.query(m.sql);
        await client.query('INSERT INTO logad_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
        applied.push(m.version);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
  }
  return applied;
}
