// The pipeline with STORAGE_URL=postgres://…: a real PostgreSQL (TEST_DATABASE_URL's server) and a real Redis (REDIS_URL).
import { LogAnomalyDetector } from '@logad/detector';
import { BullMqLogQueue } from '@logad/queue';
import { PostgresStorage } from '@logad/storage';
import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startIngestApi } from '../../apps/ingest-api/src/bootstrap';
import { loadIngestConfig } from '../../apps/ingest-api/src/config/ingest.config';
import { startMlApi } from '../../apps/ml-api/src/bootstrap';
import { loadMlApiConfig } from '../../apps/ml-api/src/config/ml-api.config';
import { ModelStore } from '../../apps/ml-api/src/model/model-store';
import { startWorker } from '../../apps/worker/src/bootstrap';
import { loadWorkerConfig } from '../../apps/worker/src/config/worker.config';

jest.setTimeout(60_000);
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const adminUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

describe('pipeline on PostgreSQL (e2e)', () => {
  const db = `logad_e2e_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const dbUrl = (() => {
    const u = new URL(adminUrl);
    u.pathname = `/${db}`;
    return u.toString();
  })();
  let dir: string;
  let queueName: string;
  let ml: NestFastifyApplication;
  let worker: INestApplicationContext;
  let ingest: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${db}`);
    await admin.end();
    dir = await mkdtemp(join(tmpdir(), 'logad-pg-e2e-'));
    queueName = `test-${randomUUID()}`;
    const corpus = (await readFile(join(__dirname, '../../data/sample-corpus.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    await new ModelStore(join(dir, 'models')).save(LogAnomalyDetector.train(corpus, { seed: 42 }));
    ml = await startMlApi(loadMlApiConfig({ ML_API_PORT: '0', MODEL_DIR: join(dir, 'models'), LOG_LEVEL: 'silent' }));
    const mlUrl = `http://127.0.0.1:${(ml.getHttpServer().address() as AddressInfo).port}`;
    worker = await startWorker(
      loadWorkerConfig({ REDIS_URL: redisUrl, QUEUE_NAME: queueName, STORAGE_URL: dbUrl, ML_API_URL: mlUrl, LOG_LEVEL: 'silent', WORKER_PORT: '0' }),
    );
    ingest = await startIngestApi(loadIngestConfig({ INGEST_PORT: '0', REDIS_URL: redisUrl, QUEUE_NAME: queueName, LOG_LEVEL: 'silent' }));
    url = `http://127.0.0.1:${(ingest.getHttpServer().address() as AddressInfo).port}/api/v1/logs`;
  });

  afterAll(async () => {
    await ingest?.close();
    await worker?.close();
    await ml?.close();
    const q = new BullMqLogQueue({ name: queueName, redisUrl });
    await q.obliterate();
    await q.close();
    const admin = new Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
    await admin.end();
    await rm(dir, { recursive: true, force: true });
  });

  it("stores the seed's cases in PostgreSQL (migrated at start), once each, and answers queries from it", async () => {
    const body = JSON.stringify([
      { message: 'User login successful', source: 'auth-service', level: 'INFO', id: 'pg-normal' },
      { message: 'DATABASE INTEGRITY ERROR: checksum mismatch in table users, possible data corruption', source: 'db', level: 'ERROR', id: 'pg-anomaly' },
    ]);
    for (let i = 0; i < 2; i++) expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).status).toBe(202);
    const store = new PostgresStorage({ url: dbUrl });
    await store.open();
    try {
      const end = Date.now() + 20_000;
      let all = await store.queryRecords({ kind: 'all' });
      while (all.items.length < 2 && Date.now() < end) {
        await new Promise((r) => setTimeout(r, 100));
        all = await store.queryRecords({ kind: 'all' });
      }
      await new Promise((r) => setTimeout(r, 300)); // the resent batch has been processed too
      all = await store.queryRecords({ kind: 'all' });
      expect(all.items.map((r) => r.id).sort()).toEqual(['pg-anomaly', 'pg-normal']);
      const anomalies = await store.queryRecords({ kind: 'anomalous' });
      expect(anomalies.items.map((r) => [r.id, r.is_anomaly, r.prediction])).toEqual([['pg-anomaly', true, -1]]);
      expect((await store.queryRecords({ kind: 'normal', source: 'auth-service' })).items[0]).toMatchObject({
        id: 'pg-normal',
        level: 'INFO',
        is_anomaly: false,
      });
    } finally {
      await store.close();
    }
  });
});
