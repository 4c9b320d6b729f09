import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { chown, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { StoredLine } from './account-stores';
import { freePort } from '../bench/processes';

const run = promisify(execFile);

/** How `pg_ctl restart` stops the server: `fast` rolls back and disconnects; `immediate` is a crash (recovery on start). */
export type PgRestartMode = 'fast' | 'immediate';

/**
 * A PostgreSQL cluster of the suite's own (`initdb` into a temporary directory, a free loopback
 * port, trust auth), so that it can be restarted under load without touching the shared server.
 * As root, every PostgreSQL program runs as the `postgres` OS user (initdb refuses root).
 */
export class OwnPostgres {
  private constructor(
    readonly bin: string,
    readonly dir: string,
    readonly port: number,
  ) {}

  static async start(): Promise<OwnPostgres> {
    const bin = postgresBinDir();
    const dir = await mkdtemp(join(tmpdir(), 'logad-faults-pg-'));
    const pg = new OwnPostgres(bin, dir, await freePort());
    try {
      if (process.getuid?.() === 0) {
        const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
        const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
        await chown(dir, uid, gid);
      }
      await pg.pg('initdb', ['-D', pg.dataDir, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8']);
      await pg.start();
    } catch (err) {
      await pg.dispose();
      throw err;
    }
    return pg;
  }

  get dataDir(): string {
    return join(this.dir, 'data');
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  /** `pg_ctl restart -m <mode>`: resolves once the server accepts connections again. */
  async restart(mode: PgRestartMode): Promise<void> {
    await this.ctl(['restart', '-m', mode]);
  }

  /** `pg_ctl stop -m <mode>`. */
  async stop(mode: PgRestartMode): Promise<void> {
    await this.ctl(['stop', '-m', mode]);
  }

  /** `pg_ctl start`: resolves once the server accepts connections. */
  async start(): Promise<void> {
    await this.ctl(['start']);
  }

  /** Every stored record id, as the accounting reads the JSON Lines stores (the table has one row per id). */
  async storedLines(): Promise<StoredLine[]> {
    return this.withClient(async (c) => {
      const exists = (await c.query<{ t: string | null }>(`SELECT to_regclass('logad_records')::text AS t`)).rows[0]?.t;
      if (!exists) return [];
      const rows = (await c.query<{ id: string; is_anomaly: boolean }>('SELECT id, is_anomaly FROM logad_records')).rows;
      return rows.map((r) => ({
        kind: 'record' as const,
        id: r.id,
        file: r.is_anomaly ? ('anomalous' as const) : ('normal' as const),
        isAnomaly: r.is_anomaly,
      }));
    });
  }

  /** Rows stored so far (undefined while the server is down). */
  async count(): Promise<number | undefined> {
    return this.withClient(async (c) => Number((await c.query<{ n: string }>('SELECT count(*) AS n FROM logad_records')).rows[0].n)).catch(() => undefined);
  }

  /** Stops the server (immediate: its data is thrown away anyway) and deletes the cluster. */
  async dispose(): Promise<void> {
    if (existsSync(join(this.dataDir, 'postmaster.pid'))) await this.ctl(['stop', '-m', 'immediate']).catch(() => undefined);
    await rm(this.dir, { recursive: true, force: true });
  }

  async logTail(lines = 10): Promise<string> {
    const text = await readFile(join(this.dir, 'postgres.log'), 'utf8').catch(() => '');
    return text.trim().split('\n').slice(-lines).join('\n');
  }

  private async withClient<T>(fn: (c: Client) => Promise<T>): Promise<T> {
    const c = new Client({ connectionString: this.url, connectionTimeoutMillis: 2_000 });
    c.on('error', () => undefined);
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end().catch(() => undefined);
    }
  }

  private ctl(args: string[]): Promise<void> {
    // -w waits for the server to accept connections; the socket lives in the cluster's own directory.
    return this.pg('pg_ctl', [
      '-D',
      this.dataDir,
      '-w',
      '-t',
      '60',
      '-l',
      join(this.dir, 'postgres.log'),
      '-o',
      `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1`,
      ...args,
    ]);
  }

  private async pg(program: string, args: string[]): Promise<void> {
    const path = join(this.bin, program);
    const [cmd, argv] = process.getuid?.() === 0 && userInfo().username !== 'postgres' ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
    try {
      await run(cmd, argv, { cwd: this.dir, timeout: 90_000 });
    } catch (err) {
      throw new Error(`${program} ${args.join(' ')} failed: ${(err as Error).message.trim()}\n${await this.logTail()}`);
    }
  }
}

/** The newest `/usr/lib/postgresql/<version>/bin` (Debian's layout). */
function postgresBinDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0) throw new Error(`no PostgreSQL server programs under ${root}/*/bin (Debian's postgresql package; .ci/run installs it)`);
  return join(root, versions[0], 'bin');
}
