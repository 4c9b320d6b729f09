// The pipeline with STORAGE_URL=postgres://…: a real PostgreSQL (TEST_DATABASE_URL's server) and a real Redis (REDIS_URL).
import { PostgresStore } from '@logad/storage';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { RunningSystem, startSystem } from './system';

jest.setTimeout(60_000);
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('pipeline on PostgreSQL (e2e)', () => {
  const db = `logad_e2e_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const dbUrl = (() => {
    const u = new URL(adminUrl);
    u.pathname = `/${db}`;
    return u.toString();
  })();
  let sys: RunningSystem;
  const admin = async (sql: string) => {
    const c = new Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(sql);
    await c.end();
  };

  beforeAll(async () => {
    await admin(`CREATE DATABASE ${db}`);
    sys = await startSystem({ workerEnv: { STORAGE_URL: dbUrl } });
  });

  afterAll(async () => {
    await sys?.stop();
    await admin(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
  });

  it("stores the seed's cases in PostgreSQL (migrated at start), once each, and answers queries from it", async () => {
    const body = JSON.stringify([
      { message: 'User login successful', source: 'auth-service', level: 'INFO', id: 'pg-normal' },
      { message: 'DATABASE INTEGRITY ERROR: checksum mismatch in table users, possible data corruption', source: 'payments', level: 'ERROR', id: 'pg-anomaly' },
    ]);
    for (let i = 0; i < 2; i++) expect((await fetch(sys.logsUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(202);
    const store = new PostgresStore({ url: dbUrl });
    await store.sink.open();
    try {
      const end = Date.now() + 20_000;
      let all = await store.queries.queryRecords({ kind: 'all' });
      while (all.items.length < 2 && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 100));
        all = await store.queries.queryRecords({ kind: 'all' });
      }
      await new Promise((r) => setTimeout(r, 300)); // the resent batch has been processed too
      all = await store.queries.queryRecords({ kind: 'all' });
      expect(all.items.map((r) => r.id).sort()).toEqual(['pg-anomaly', 'pg-normal']);
      const anomalies = await store.queries.queryRecords({ kind: 'anomalous' });
      expect(anomalies.items.map((r) => [r.id, r.is_anomaly, r.prediction])).toEqual([['pg-anomaly', true, -1]]);
      expect((await store.queries.queryRecords({ kind: 'normal', source: 'auth-service' })).items[0]).toMatchObject({
        id: 'pg-normal',
        level: 'INFO',
        is_anomaly: false,
      });
    } finally {
      await store.sink.close();
    }
  });
});
