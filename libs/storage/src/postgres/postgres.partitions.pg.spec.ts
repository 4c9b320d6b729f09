// Needs a real PostgreSQL (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test): day
// partitions, their creation by concurrent workers, exactly-once by id across days, and retention
// are PostgreSQL's behaviour (catalog, locks, ON CONFLICT), not ours to fake.
// Each test runs in its own schema `test_<uuid>`, dropped afterwards.
import { ScoredRecord } from '@logad/contracts';
import { Client, PoolClient } from 'pg';
import { makeRecord, makeSession } from '../contract/storage-contract.data';
import { MIGRATIONS } from './postgres-migrations';
import { PostgresStore } from './postgres.store';
import { pgTimestamp } from './pg-timestamp';
import { runMigrations } from './run-migrations';
import { ScratchSchemas } from './scratch-schemas';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DAY = 86_400_000;
const D0 = Date.parse('2024-03-01T00:00:00.000Z');
const scratch = new ScratchSchemas(url);
const opened: PostgresStore[] = [];

const newSchema = () => scratch.next();

async function open(schema: string): Promise<PostgresStore> {
  const s = new PostgresStore({ url, schema, poolSize: 3 });
  opened.push(s);
  await s.sink.open();
  await s.connect();
  return s;
}

/** A client on the schema, for what the store does not show: the catalog, the id table, locks. */
async function admin<T>(schema: string, run: (c: Client) => Promise<T>): Promise<T> {
  const c = new Client({ connectionString: url, options: `-c search_path=${schema}` });
  await c.connect();
  try {
    return await run(c);
  } finally {
    await c.end();
  }
}

const partitions = (schema: string) =>
  admin(schema, async (c) =>
    (
      await c.query<{ name: string }>(
        `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'logad_records'::regclass ORDER BY 1`,
      )
    ).rows.map((r) => r.name),
  );
const storedIds = (schema: string) =>
  admin(schema, async (c) => (await c.query<{ id: string }>('SELECT id FROM logad_record_ids ORDER BY id')).rows.map((r) => r.id));
const allRecords = async (s: PostgresStore) => (await s.queries.queryRecords({ kind: 'all', limit: 1000 })).items;

afterEach(async () => {
  await Promise.all(opened.splice(0).map(async (s) => (await s.sink.close(), await s.close())));
});

afterAll(() => scratch.dropAll());

describe('PostgreSQL day partitions', () => {
  it('migrates a store made by the previous release, rows and arrival order included', async () => {
    const schema = newSchema();
    const old: Array<[string, number]> = [
      ['old-c', D0 + 5],
      ['old-a', D0 + 5],
      ['old-b', D0 + 5],
      ['old-next-day', D0 + DAY + 7],
      ['old-far', 8.64e15],
      ['old-bc', Date.parse('0000-06-01T00:00:00.000Z')],
    ];
    await admin(schema, async (c) => {
      await c.query(`CREATE SCHEMA "${schema}"`);
      await runMigrations(
        c as unknown as PoolClient,
        schema,
        MIGRATIONS.filter((m) => m.version <= 6),
      );
      for (const [id, ms] of old) {
        await c.query(
          `INSERT INTO logad_records (id, "timestamp", source, message, anomaly_score, is_anomaly, prediction, model_version, received_at, stored_at)
           VALUES ($1, $2, 'api', 'm', 0.1, false, 1, 'v1', 0, 0)`,
          [id, pgTimestamp(ms)],
        );
      }
    });
    const s = await open(schema);
    expect(s.connection.appliedMigrations).toEqual([7]);
    expect(await partitions(schema)).toEqual(['logad_records_00010601_bc', 'logad_records_20240301', 'logad_records_20240302', 'logad_records_2757600913']);
    expect(await storedIds(schema)).toEqual(old.map(([id]) => id).sort());
    expect(await admin(schema, async (c) => (await c.query(`SELECT to_regclass('logad_records_v6') AS t`)).rows[0].t)).toBeNull();
    // Every row came over with its timestamp; resending one, even stamped anew, stores nothing.
    expect((await allRecords(s)).map((r) => [r.id, Date.parse(r.timestamp)]).sort()).toEqual(old.slice().sort());
    expect(await s.sink.write([makeRecord('old-a', D0 + 3 * DAY), makeRecord('new-z', D0 + 5), makeRecord('new-y', D0 + 5)])).toEqual({
      written: 2,
      duplicates: 1,
    });
    // Arrival numbers moved with the rows, and the sequence goes on after them.
    expect((await s.queries.around('old-a', 10, 10)).map((r) => r.id)).toEqual([
      'old-bc',
      'old-c',
      'old-a',
      'old-b',
      'new-z',
      'new-y',
      'old-next-day',
      'old-far',
    ]);
  });

  it('creates each day once when two workers write the same new days at the same time', async () => {
    const schema = newSchema();
    const [a, b] = await Promise.all([open(schema), open(schema)]);
    // Ten batches each, every batch over the same 20 days, half of the ids sent by both workers.
    const batch = (worker: string, n: number): ScoredRecord[] =>
      Array.from({ length: 40 }, (_, i) => makeRecord(i % 2 ? `${worker}-${n}-${i}` : `both-${n}-${i}`, D0 + (i % 20) * DAY + n));
    const results = await Promise.all([a, b].flatMap((s, w) => Array.from({ length: 10 }, (_, n) => s.sink.write(batch(w === 0 ? 'a' : 'b', n)))));
    const unique = 10 * (20 + 20 + 20);
    expect(results.reduce((sum, r) => sum + r.written, 0)).toBe(unique);
    expect(results.reduce((sum, r) => sum + r.duplicates, 0)).toBe(20 * 40 - unique);
    // The 20 days written and the day after the last.
    const days = Array.from({ length: 21 }, (_, i) => `logad_records_${new Date(D0 + i * DAY).toISOString().slice(0, 10).replace(/-/g, '')}`);
    expect(await partitions(schema)).toEqual(days);
    expect((await storedIds(schema)).length).toBe(unique);
    expect(await admin(schema, async (c) => Number((await c.query('SELECT count(*) AS n FROM logad_records')).rows[0].n))).toBe(unique);
  });

  it('writes on while a long query holds up the creation of the day ahead, and makes it later', async () => {
    const schema = newSchema();
    const s = await open(schema);
    await s.sink.write([makeRecord('first', D0)]);
    expect(await partitions(schema)).toEqual(['logad_records_20240301', 'logad_records_20240302']);
    const reader = new Client({ connectionString: url, options: `-c search_path=${schema}` });
    await reader.connect();
    try {
      // What a long dashboard query holds; creating a partition must wait for it.
      await reader.query('BEGIN; LOCK TABLE logad_records IN ACCESS SHARE MODE');
      const t0 = Date.now();
      expect(await s.sink.write([makeRecord('second', D0 + DAY)])).toEqual({ written: 1, duplicates: 0 });
      expect(Date.now() - t0).toBeLessThan(5000);
      await reader.query('COMMIT');
    } finally {
      await reader.end();
    }
    expect(await partitions(schema)).toEqual(['logad_records_20240301', 'logad_records_20240302']);
    await s.sink.write([makeRecord('third', D0 + DAY + 1)]);
    expect(await partitions(schema)).toEqual(['logad_records_20240301', 'logad_records_20240302', 'logad_records_20240303']);
  });

  it('stores a resent id once, whatever timestamp (so whatever partition) the resend carries', async () => {
    const schema = newSchema();
    const [a, b] = await Promise.all([open(schema), open(schema)]);
    expect(await a.sink.write([makeRecord('x', D0 + 10)])).toEqual({ written: 1, duplicates: 0 });
    expect(await b.sink.write([makeRecord('x', D0 + 2 * DAY)])).toEqual({ written: 0, duplicates: 1 });
    expect(await a.sink.write([makeRecord('x', D0 - DAY), makeRecord('x', D0 + 9 * DAY)])).toEqual({ written: 0, duplicates: 2 });
    // Two workers racing with two timestamps of one new id: one of them stores it.
    const race = await Promise.all([a.sink.write([makeRecord('y', D0 + 3 * DAY)]), b.sink.write([makeRecord('y', D0 + 4 * DAY)])]);
    expect(race.map((r) => r.written).sort()).toEqual([0, 1]);
    const stored = await allRecords(a);
    expect(stored.map((r) => r.id).sort()).toEqual(['x', 'y']);
    expect(stored.find((r) => r.id === 'x')!.timestamp).toBe(new Date(D0 + 10).toISOString());
  });
});

describe('PostgreSQL retention', () => {
  it('drops the whole days before the cutoff with their ids and sessions, and nothing newer', async () => {
    const schema = newSchema();
    const [a, b] = await Promise.all([open(schema), open(schema)]);
    const records = Array.from({ length: 5 }, (_, d) => [makeRecord(`d${d}-1`, D0 + d * DAY + 1), makeRecord(`d${d}-2`, D0 + d * DAY + DAY - 1)]).flat();
    await a.sink.write(records);
    await b.sink.write([makeRecord('d0-3', D0 + 2)]);
    await a.sink.writeSessions([makeSession('old@1', D0 + DAY), makeSession('new@1', D0 + 4 * DAY)]);
    // Mid-way through 03-03: 03-01 and 03-02 end before it, 03-03 does not.
    const cutoff = D0 + 2 * DAY + DAY / 2;
    expect(await a.retention.dropBefore(cutoff)).toEqual({ ran: true, droppedDays: ['2024-03-01', '2024-03-02'], forgottenIds: 5, deletedSessions: 1 });
    expect(await partitions(schema)).toEqual(['logad_records_20240303', 'logad_records_20240304', 'logad_records_20240305', 'logad_records_20240306']);
    const kept = ['d2-1', 'd2-2', 'd3-1', 'd3-2', 'd4-1', 'd4-2'];
    expect(await storedIds(schema)).toEqual(kept);
    expect((await allRecords(b)).map((r) => r.id).sort()).toEqual(kept);
    expect((await b.queries.querySessions({})).items.map((s) => s.id)).toEqual(['new@1']);
    // Again: nothing left to drop.
    expect(await b.retention.dropBefore(cutoff)).toEqual({ ran: true, droppedDays: [], forgottenIds: 0, deletedSessions: 0 });
    // A worker that knew the dropped day finds out at its next write to it: the record is stored again.
    expect(await b.sink.write([makeRecord('d0-3', D0 + 2), makeRecord('d4-1', D0 + 4 * DAY + 1)])).toEqual({ written: 1, duplicates: 1 });
    expect(await storedIds(schema)).toEqual(['d0-3', ...kept]);
  });

  it('lets one worker drop while another holds the retention lock', async () => {
    const schema = newSchema();
    const s = await open(schema);
    await s.sink.write([makeRecord('old', D0), makeRecord('new', D0 + 3 * DAY)]);
    const holder = new Client({ connectionString: url, options: `-c search_path=${schema}` });
    await holder.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(hashtext('logad:retention:' || current_schema()))`);
      expect(await s.retention.dropBefore(D0 + 2 * DAY)).toEqual({ ran: false, droppedDays: [], forgottenIds: 0, deletedSessions: 0 });
      expect(await storedIds(schema)).toEqual(['new', 'old']);
    } finally {
      await holder.end();
    }
    // The holder gone, the lock is free again.
    expect((await s.retention.dropBefore(D0 + 2 * DAY)).droppedDays).toEqual(['2024-03-01', '2024-03-02']);
    // Workers racing: the days are dropped once between them, and neither fails.
    await s.sink.write([makeRecord('again', D0)]);
    const other = await open(schema);
    const race = await Promise.all([s.retention.dropBefore(D0 + 2 * DAY), other.retention.dropBefore(D0 + 2 * DAY)]);
    expect(race.flatMap((r) => r.droppedDays)).toEqual(['2024-03-01', '2024-03-02']);
    expect(await storedIds(schema)).toEqual(['new']);
  });
});
