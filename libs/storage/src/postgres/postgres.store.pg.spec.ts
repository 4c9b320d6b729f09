// Needs a real PostgreSQL (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test):
// the adapter's guarantees are PostgreSQL's (primary key, ON CONFLICT, advisory locks, jsonb rules).
// Each test runs in its own schema `test_<uuid>`, dropped afterwards.
import { Client, PoolClient } from 'pg';
import { ScratchSchemas } from './scratch-schemas';
import { randomUUID } from 'node:crypto';
import { AddressInfo, Server, Socket, connect, createServer } from 'node:net';
import { describeStorageContract } from '../contract/storage.contract';
import { T0, makeRecord, makeSession } from '../contract/storage-contract.data';
import { StorageInvalidQueryError } from '../errors/storage-invalid-query.error';
import { StorageInvalidRecordError } from '../errors/storage-invalid-record.error';
import { StorageNotOpenError } from '../errors/storage-not-open.error';
import { StorageOpenError } from '../errors/storage-open.error';
import { StorageQueryError } from '../errors/storage-query.error';
import { StorageWriteError } from '../errors/storage-write.error';
import { MIGRATIONS } from './postgres-migrations';
import { PostgresStore } from './postgres.store';
import { RECORD_FIELD_COLUMNS } from './record-rows';
import { runMigrations } from './run-migrations';
import { SESSION_FIELD_COLUMNS } from './session-rows';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const scratch = new ScratchSchemas(url);
const newSchema = () => scratch.next();

afterAll(() => scratch.dropAll());

describeStorageContract('postgres', async () => {
  const schema = newSchema();
  return () => new PostgresStore({ url, schema, poolSize: 3 });
});

describe('PostgresStore', () => {
  const opened: PostgresStore[] = [];
  async function open(schema: string, extra: Partial<ConstructorParameters<typeof PostgresStore>[0]> = {}) {
    const s = new PostgresStore({ url, schema, poolSize: 3, ...extra });
    await s.sink.open();
    await s.connect();
    opened.push(s);
    return s;
  }
  afterEach(async () => {
    await Promise.all(opened.splice(0).map(async (s) => (await s.sink.close(), await s.close())));
  });

  it('runs migrations once when several workers open at the same time', async () => {
    const schema = newSchema();
    const workers = Array.from({ length: 4 }, () => new PostgresStore({ url, schema, poolSize: 2 }));
    opened.push(...workers);
    await Promise.all(workers.map((w) => w.sink.open()));
    // Each migration takes the lock on its own, so workers may share the work; each is applied once.
    expect(workers.flatMap((w) => w.connection.appliedMigrations).sort((a, b) => a - b)).toEqual(MIGRATIONS.map((m) => m.version));
    const check = await open(schema);
    expect(check.connection.appliedMigrations).toEqual([]);
    const admin = new Client({ connectionString: url, options: `-c search_path=${schema}` });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ version: number }>('SELECT version FROM logad_migrations ORDER BY version');
      expect(rows.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
      // Every field of the contracts has its column.
      const columns = async (table: string) =>
        (
          await admin.query<{ c: string }>('SELECT column_name AS c FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2', [
            schema,
            table,
          ])
        ).rows.map((r) => r.c);
      expect(await columns('logad_records')).toEqual(expect.arrayContaining(Object.values(RECORD_FIELD_COLUMNS)));
      expect(await columns('logad_sessions')).toEqual(expect.arrayContaining(Object.values(SESSION_FIELD_COLUMNS)));
    } finally {
      await admin.end();
    }
  });

  it('writes a 1000-record batch in one statement, and counts duplicates from the id table', async () => {
    const s = await open(newSchema());
    const batch = Array.from({ length: 1000 }, (_, i) =>
      makeRecord(`b-${i}`, T0 + i, { message: 'x'.repeat(300), attributes: { i, tags: ['a', 'b'] }, template_id: i % 20, template: `t${i % 20}` }),
    );
    const t0 = performance.now();
    expect(await s.sink.write(batch)).toEqual({ written: 1000, duplicates: 0 });
    const firstMs = performance.now() - t0;
    // Half already stored, plus a redelivered copy inside the batch itself.
    const mixed = [...batch.slice(500), ...Array.from({ length: 500 }, (_, i) => makeRecord(`c-${i}`, T0 + i)), batch[0]];
    expect(await s.sink.write(mixed)).toEqual({ written: 500, duplicates: 501 });
    expect((await s.queries.queryRecords({ kind: 'all', limit: 1000 })).next_cursor).not.toBeNull();
    // Per-row round trips would take seconds; one statement takes tens of milliseconds.
    expect(firstMs).toBeLessThan(2000);
  });

  it('splits a write larger than rowsPerStatement and still counts right', async () => {
    const s = await open(newSchema(), { rowsPerStatement: 7 });
    const batch = Array.from({ length: 30 }, (_, i) => makeRecord(`s-${i}`, T0 + i));
    expect(await s.sink.write([...batch, ...batch.slice(0, 5)])).toEqual({ written: 30, duplicates: 5 });
    expect(await s.sink.write(batch)).toEqual({ written: 0, duplicates: 30 });
  });

  it('keeps timestamps outside years 1–9999 exact', async () => {
    const s = await open(newSchema());
    const far = [makeRecord('max', 8.64e15), makeRecord('year0', Date.parse('0000-06-01T00:00:00.000Z')), makeRecord('epoch', 0)];
    await s.sink.write(far);
    expect((await s.queries.queryRecords({ kind: 'all' })).items.map((r) => [r.id, r.timestamp])).toEqual([
      ['max', '+275760-09-13T00:00:00.000Z'],
      ['epoch', '1970-01-01T00:00:00.000Z'],
      ['year0', '0000-06-01T00:00:00.000Z'],
    ]);
  });

  it('rejects records PostgreSQL cannot hold with StorageInvalidRecordError, writing none of the batch', async () => {
    const s = await open(newSchema());
    await expect(s.sink.write([makeRecord('ok', T0), makeRecord('nul', T0, { message: 'a\u0000b' })])).rejects.toBeInstanceOf(StorageInvalidRecordError);
    await expect(s.sink.write([{ ...makeRecord('bad-ts', T0), timestamp: 'not a time' }])).rejects.toBeInstanceOf(StorageInvalidRecordError);
    await expect(s.sink.writeSessions([makeSession('k@nul\u0000', T0)])).rejects.toBeInstanceOf(StorageInvalidRecordError);
    expect((await s.queries.queryRecords({ kind: 'all' })).items).toEqual([]);
  });

  it('rejects writes with StorageWriteError, and queries with StorageQueryError, while PostgreSQL is down', async () => {
    // A proxy in front of the real server: closing it is PostgreSQL going away, port and all.
    const target = new URL(url);
    const sockets = new Set<Socket>();
    const proxy: Server = createServer((client) => {
      const upstream = connect(Number(target.port || 5432), target.hostname);
      for (const sock of [client, upstream]) {
        sockets.add(sock);
        sock.on('error', () => undefined);
        sock.on('close', () => sockets.delete(sock));
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    const proxied = new URL(url);
    proxied.host = `127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const s = await open(newSchema(), { url: proxied.toString(), connectTimeoutMs: 1000 });
    expect(await s.sink.write([makeRecord('before', T0)])).toEqual({ written: 1, duplicates: 0 });
    await new Promise<void>((resolve) => {
      proxy.close(() => resolve());
      for (const sock of sockets) sock.destroy();
    });
    await expect(s.sink.write([makeRecord('during', T0)])).rejects.toBeInstanceOf(StorageWriteError);
    await expect(s.sink.writeSessions([makeSession('k@during', T0)])).rejects.toBeInstanceOf(StorageWriteError);
    await expect(s.queries.queryRecords({})).rejects.toBeInstanceOf(StorageQueryError);
  });

  it('survives the server dropping its idle connections', async () => {
    const applicationName = `logad-test-${randomUUID()}`;
    const s = await open(newSchema(), { applicationName });
    await Promise.all([s.sink.write([makeRecord('a', T0)]), s.queries.queryRecords({}), s.queries.templateStats({})]);
    const admin = new Client({ connectionString: url });
    await admin.connect();
    let killed = 0;
    try {
      killed = (await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [applicationName])).rowCount ?? 0;
      expect(killed).toBeGreaterThan(0);
    } finally {
      await admin.end();
    }
    // The pool learns of each dropped connection from its socket; wait until it has heard of all.
    for (let i = 0; i < 100 && s.connection.idleErrors < killed; i++) await new Promise((r) => setTimeout(r, 20));
    expect(s.connection.idleErrors).toBe(killed);
    expect(s.connection.lastIdleError).toBeInstanceOf(Error);
    expect(await s.sink.write([makeRecord('b', T0 + 1)])).toEqual({ written: 1, duplicates: 0 });
    expect((await s.queries.queryRecords({ kind: 'all' })).items.map((r) => r.id)).toEqual(['b', 'a']);
  });

  it('fails open with StorageOpenError on a closed port, and refuses calls before open and after close', async () => {
    const down = new PostgresStore({ url: 'postgres://postgres:secret@127.0.0.1:1/test', connectTimeoutMs: 1000 });
    const t0 = Date.now();
    const err = await down.connect().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageOpenError);
    expect((err as Error).message).not.toContain('secret');
    expect(Date.now() - t0).toBeLessThan(3000);
    await expect(down.sink.write([makeRecord('a', T0)])).rejects.toBeInstanceOf(StorageNotOpenError);
    await expect(down.queries.queryRecords({})).rejects.toBeInstanceOf(StorageNotOpenError);
    const s = await open(newSchema());
    // The sink and the store's connect share one pool: it ends when both have closed.
    await s.close();
    expect(await s.sink.write([makeRecord('a', T0)])).toEqual({ written: 1, duplicates: 0 });
    await s.sink.close();
    await expect(s.sink.write([makeRecord('a', T0)])).rejects.toBeInstanceOf(StorageNotOpenError);
    await expect(s.queries.around('a', 1, 1)).rejects.toBeInstanceOf(StorageNotOpenError);
    // Argument errors come first: they are the caller's, whatever the store's state.
    await expect(s.queries.queryRecords({ limit: 0 })).rejects.toBeInstanceOf(StorageInvalidQueryError);
  });

  it('numbers the rows stored before the arrival column existed, and new rows after them', async () => {
    const schema = newSchema();
    const admin = new Client({ connectionString: url, options: `-c search_path=${schema}` });
    await admin.connect();
    try {
      // A store of the previous release: migrations 1-5 and records of one millisecond.
      await admin.query(`CREATE SCHEMA "${schema}"`);
      await runMigrations(
        asPoolClient(admin),
        schema,
        MIGRATIONS.filter((m) => m.version <= 5),
      );
      for (const id of ['old-c', 'old-a', 'old-b']) {
        await admin.query(
          `INSERT INTO logad_records (id, "timestamp", source, message, anomaly_score, is_anomaly, prediction, model_version, received_at, stored_at)
           VALUES ($1, $2, 'api', 'm', 0.1, false, 1, 'v1', 0, 0)`,
          [id, new Date(T0).toISOString()],
        );
      }
    } finally {
      await admin.end();
    }
    const s = await open(schema);
    expect(s.connection.appliedMigrations).toEqual([6, 7]);
    await s.sink.write([makeRecord('new-z', T0), makeRecord('new-y', T0)]);
    expect((await s.queries.around('old-a', 10, 10)).map((r) => r.id)).toEqual(['old-c', 'old-a', 'old-b', 'new-z', 'new-y']);
  });

  it('uses the indexes of the day partitions for the query API, and reads only the days of a window', async () => {
    const schema = newSchema();
    const s = await open(schema);
    // Partitions for 2023-12-30 … 2024-01-02 (each written day and the one after).
    await s.sink.write(['2023-12-30T12:00:00Z', '2023-12-31T12:00:00Z', '2024-01-01T00:30:00Z'].map((t, i) => makeRecord(`p-${i}`, Date.parse(t))));
    const admin = new Client({ connectionString: url, options: `-c search_path=${schema}` });
    await admin.connect();
    try {
      // On near-empty tables the planner's choice says nothing; forbid the alternatives instead: a
      // plan without a Sort node is one where the indexes give both the filter and the order.
      await admin.query('SET enable_seqscan = off; SET enable_bitmapscan = off; SET enable_sort = off');
      const plan = async (sql: string) => (await admin.query(`EXPLAIN ${sql}`)).rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']).join('\n');
      const scanned = (text: string) => [...new Set([...text.matchAll(/ on (logad_records_\d{8})/g)].map((m) => m[1]))].sort();
      const at = `'2024-01-01T00:00:00Z'::timestamptz`;
      // Each partition's index is named after its table and columns.
      const index = (cols: string) => `Index (Only )?Scan( Backward)? using logad_records_\\d{8}_${cols}_idx`;
      // `<= at` takes at's own day (bounds include their start), not 2024-01-02.
      const older = ['logad_records_20231230', 'logad_records_20231231', 'logad_records_20240101'];
      const cases: Array<[string, RegExp, string[] | undefined]> = [
        // queryRecords' keyset page: the plain bound prunes the days after the cursor.
        [
          `SELECT id FROM logad_records WHERE is_anomaly = true AND "timestamp" <= ${at} AND ("timestamp", id) < (${at}, 'x') ORDER BY "timestamp" DESC, id DESC LIMIT 101`,
          new RegExp(`${index('is_anomaly_timestamp_id')}[\\s\\S]*Index Cond: \\(\\(is_anomaly = true\\) AND \\("timestamp" <= [\\s\\S]*ROW\\("timestamp", id\\) < ROW`),
          older,
        ],
        [`SELECT id FROM logad_records WHERE "timestamp" <= ${at} AND ("timestamp", id) < (${at}, 'x') ORDER BY "timestamp" DESC, id DESC LIMIT 101`, new RegExp(index('timestamp_id')), older],
        [
          `SELECT id FROM logad_records WHERE source = 'api' AND ("timestamp", id) > (${at}, 'x') ORDER BY "timestamp", id LIMIT 5`,
          new RegExp(`${index('source_timestamp_id')}[\\s\\S]*Index Cond: \\(\\(source = 'api'::text\\) AND \\(ROW`),
          undefined,
        ],
        // around: each side is one range of the (source, timestamp, arrival) index, over its side's days.
        [
          `SELECT id FROM logad_records WHERE source = 'api' AND "timestamp" <= ${at} AND ("timestamp", arrival) < (${at}, 7::int8) ORDER BY "timestamp" DESC, arrival DESC LIMIT 5`,
          new RegExp(`${index('source_timestamp_arrival')}[\\s\\S]*Index Cond: \\(\\(source = 'api'::text\\) AND`),
          older,
        ],
        [`SELECT template FROM logad_records WHERE template_id = 3 ORDER BY "timestamp" DESC, id DESC LIMIT 1`, new RegExp(index('template_id_timestamp_id')), undefined],
        // timeSeries: the window bounds an index range of its own day only; counting needs no order.
        [
          `SELECT count(*) FROM logad_records WHERE "timestamp" >= ${at} AND "timestamp" < '2024-01-01T01:00:00Z'::timestamptz`,
          new RegExp(`${index('(is_anomaly_)?timestamp_id')}[\\s\\S]*Index Cond: \\(\\("timestamp" >= `),
          ['logad_records_20240101'],
        ],
      ];
      for (const [sql, expected, partitions] of cases) {
        const text = await plan(sql);
        expect(text).toMatch(expected);
        expect(text).not.toMatch(/\bSort\b/);
        if (partitions) expect(scanned(text)).toEqual(partitions);
      }
      const sessions = await plan(`SELECT id FROM logad_sessions WHERE (ended_at, id) < (${at}, 'x') ORDER BY ended_at DESC, id DESC LIMIT 101`);
      expect(sessions).toMatch(/Index (Only )?Scan using logad_sessions_time/);
      // around's lookup reads one index entry of the id's day: the other partitions are never executed.
      const lookup = await admin.query(
        `EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) SELECT id FROM logad_records
           WHERE id = 'p-1' AND "timestamp" = (SELECT "timestamp" FROM logad_record_ids WHERE id = 'p-1')`,
      );
      const lines = lookup.rows.map((r: { 'QUERY PLAN': string }) => r['QUERY PLAN']);
      expect(lines.join('\n')).toMatch(/Index Scan using logad_record_ids_pkey/);
      const executed = lines.filter((l) => / on logad_records_\d{8}/.test(l) && !/never executed/.test(l));
      expect(executed).toEqual([expect.stringMatching(/Index (Only )?Scan using logad_records_20231231_(is_anomaly_)?timestamp_id_idx on logad_records_20231231/)]);
    } finally {
      await admin.end();
    }
  });
});

/** A plain client as `runMigrations` takes it (it needs `query` only). */
function asPoolClient(client: Client): PoolClient {
  return client as unknown as PoolClient;
}
