// The whole pipeline on loopback against a real Redis (REDIS_URL): ingest-api -> BullMQ -> worker -> ml-api -> JSON Lines files.
import { LogAnomalyDetector } from '@logad/detector';
import { BullMqLogQueue } from '@logad/queue';
import { JsonFileStorage, readJsonLines } from '@logad/storage';
import { ScoredRecord, derivedTemplateId } from '@logad/contracts';
import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startIngestApi } from '../../apps/ingest-api/src/bootstrap';
import { loadIngestConfig } from '../../apps/ingest-api/src/config/ingest.config';
import { startMlApi } from '../../apps/ml-api/src/bootstrap';
import { loadMlApiConfig } from '../../apps/ml-api/src/config/ml-api.config';
import { ModelStore } from '../../apps/ml-api/src/model/model-store';
import { startWorker } from '../../apps/worker/src/bootstrap';
import { loadWorkerConfig } from '../../apps/worker/src/config/worker.config';
import { WorkerService } from '../../apps/worker/src/worker.service';

jest.setTimeout(60_000);

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const SEED_NORMAL = 'User login successful';
const SEED_ANOMALY = 'DATABASE INTEGRITY ERROR: checksum mismatch in table users, possible data corruption';

describe('pipeline (e2e): ingest-api -> queue -> worker -> ml-api -> storage', () => {
  let dir: string;
  let queueName: string;
  let ml: NestFastifyApplication;
  let mlPort: number;
  let worker: INestApplicationContext;
  let ingest: NestFastifyApplication;
  let ingestUrl: string;
  let hook: Server;
  const alerts: Array<{ type: string; record?: ScoredRecord }> = [];

  const mlEnv = () => ({ ML_API_PORT: String(mlPort), MODEL_DIR: join(dir, 'models'), LOG_LEVEL: 'silent' });

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'logad-e2e-'));
    queueName = `test-${randomUUID()}`;
    const corpus = (await readFile(join(__dirname, '../../data/sample-corpus.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    await new ModelStore(join(dir, 'models')).save(LogAnomalyDetector.train(corpus, { seed: 42 }));

    hook = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        alerts.push(JSON.parse(body));
        res.end('ok');
      });
    });
    await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));

    ml = await startMlApi(loadMlApiConfig({ ML_API_PORT: '0', MODEL_DIR: join(dir, 'models'), LOG_LEVEL: 'silent' }));
    mlPort = (ml.getHttpServer().address() as AddressInfo).port;
    worker = await startWorker(
      loadWorkerConfig({
        REDIS_URL: redisUrl,
        QUEUE_NAME: queueName,
        LOGS_DIR: join(dir, 'logs'),
        ML_API_URL: `http://127.0.0.1:${mlPort}`,
        LOG_LEVEL: 'silent',
        WORKER_PORT: '0',
        ALERT_WEBHOOK_URL: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/alerts`,
        ALERT_GROUP_WINDOW_MS: '0', // every anomaly alerts, so that a missing alert means something
      }),
    );
    ingest = await startIngestApi(loadIngestConfig({ INGEST_PORT: '0', REDIS_URL: redisUrl, QUEUE_NAME: queueName, LOG_LEVEL: 'silent' }));
    ingestUrl = `http://127.0.0.1:${(ingest.getHttpServer().address() as AddressInfo).port}/api/v1/logs`;
  });

  afterAll(async () => {
    await ingest?.close();
    await worker?.close();
    await ml?.close();
    hook?.close();
    const q = new BullMqLogQueue({ name: queueName, redisUrl });
    await q.obliterate();
    await q.close();
    await rm(dir, { recursive: true, force: true });
  });

  async function stored(): Promise<{ normal: ScoredRecord[]; anomalous: ScoredRecord[] }> {
    const read = async (f: string) => {
      const out: ScoredRecord[] = [];
      for await (const r of readJsonLines<ScoredRecord>(join(dir, 'logs', f))) out.push(r);
      return out;
    };
    return { normal: await read('normal_logs.jsonl'), anomalous: await read('anomalous_logs.jsonl') };
  }

  async function waitStored(ids: string[], ms = 30_000) {
    const end = Date.now() + ms;
    for (;;) {
      const s = await stored();
      const all = new Map([...s.normal, ...s.anomalous].map((r) => [r.id, r]));
      if (ids.every((id) => all.has(id))) return { ...s, byId: all };
      if (Date.now() > end) throw new Error(`only ${ids.filter((id) => all.has(id)).length} of ${ids.length} records stored in ${ms} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const post = async (body: unknown) => {
    const res = await fetch(ingestUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(202);
    return ((await res.json()) as { ids: string[] }).ids;
  };

  it("stores the seed's two cases in the right files, with their scores, and alerts on the anomaly", async () => {
    const [normalId] = await post({ message: SEED_NORMAL, source: 'auth-service', level: 'INFO' });
    const [anomalyId] = await post({ message: SEED_ANOMALY, source: 'db', level: 'ERROR' });
    const s = await waitStored([normalId, anomalyId]);
    const normal = s.normal.find((r) => r.id === normalId)!;
    const anomaly = s.anomalous.find((r) => r.id === anomalyId)!;
    expect(normal).toMatchObject({ message: SEED_NORMAL, is_anomaly: false, prediction: 1, source: 'auth-service', level: 'INFO' });
    expect(normal.anomaly_score).toBeGreaterThan(0);
    expect(anomaly).toMatchObject({ message: SEED_ANOMALY, is_anomaly: true, prediction: -1, source: 'db', level: 'ERROR' });
    expect(anomaly.anomaly_score).toBeLessThan(0);
    expect(anomaly.score).toBeGreaterThan(normal.score!);
    expect(anomaly.model_version).toMatch(/\S/);
    expect(s.anomalous.some((r) => r.id === normalId) || s.normal.some((r) => r.id === anomalyId)).toBe(false);
    const end = Date.now() + 10_000;
    while (!alerts.some((a) => a.record?.id === anomalyId) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(alerts.find((a) => a.record?.id === anomalyId)).toMatchObject({ type: 'anomaly', record: { message: SEED_ANOMALY } });
    expect(alerts.some((a) => a.record?.id === normalId)).toBe(false);
  });

  it("carries the request id into the stored record, and the worker's /metrics count what it stored", async () => {
    const res = await fetch(ingestUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'trace-me-1' },
      body: JSON.stringify({ message: SEED_NORMAL }),
    });
    const [id] = ((await res.json()) as { ids: string[] }).ids;
    const s = await waitStored([id]);
    expect(s.byId.get(id)?.request_id).toBe('trace-me-1');
    const http = worker.get(WorkerService).httpUrl!;
    expect((await fetch(`${http}/ready`)).status).toBe(200);
    const metrics = await (await fetch(`${http}/metrics`)).text();
    expect(metrics).toMatch(/logad_logs_processed_total\{[^}]*\} [1-9]/);
    expect(metrics).toMatch(/logad_accepted_to_stored_seconds_count\{[^}]*\} [1-9]/);
    expect(metrics).toMatch(/logad_model_info\{[^}]*version="[^"]+"[^}]*\} 1/);
  });

  it('stores every log of a batch exactly once, and a resent id once', async () => {
    const batch = Array.from({ length: 300 }, (_, i) => ({
      message: `GET /api/v1/orders 200 ${i % 90}ms`,
      source: 'api-gateway',
      level: 'INFO',
      id: `batch-${i}`,
    }));
    const ids = await post(batch);
    expect(ids).toEqual(batch.map((b) => b.id));
    await post(batch.slice(0, 10)); // a shipper's retry
    const s = await waitStored(ids);
    const stored = [...s.normal, ...s.anomalous].filter((r) => r.id.startsWith('batch-'));
    expect(stored).toHaveLength(300);
    // Everyday traffic from the training distribution is overwhelmingly normal.
    expect(stored.filter((r) => r.is_anomaly).length).toBeLessThan(30);
  });

  it('stores and flags an anomaly of a muted template, but raises no alert for it', async () => {
    const [firstId] = await post({ message: SEED_ANOMALY, source: 'db', level: 'ERROR' });
    const first = (await waitStored([firstId])).byId.get(firstId)!;
    expect(first.template).toBeDefined();
    const end = Date.now() + 5000;
    while (!alerts.some((a) => a.record?.id === firstId) && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(alerts.some((a) => a.record?.id === firstId)).toBe(true); // before the mute, it alerts
    // An unseen template gets the id derived from its text, which is what the dashboard mutes by.
    expect(first.template_id).toBe(derivedTemplateId(first.template!));
    const store = new JsonFileStorage({ dir: join(dir, 'logs') });
    await store.muteTemplate(first.template_id!, first.template!, 'known corruption drill');
    await worker.get(WorkerService).mutes.refresh(); // what its 5 s timer does
    const alertsBefore = alerts.length;
    const [mutedId] = await post({ message: SEED_ANOMALY, source: 'db', level: 'ERROR' });
    const muted = (await waitStored([mutedId])).byId.get(mutedId)!;
    expect(muted).toMatchObject({ is_anomaly: true, prediction: -1, muted: true, template_id: first.template_id });
    await new Promise((r) => setTimeout(r, 500));
    expect(alerts.slice(alertsBefore).some((a) => a.record?.id === mutedId)).toBe(false);
  });

  it('keeps logs that arrive while ml-api is down and scores them once it is back', async () => {
    await ml.close();
    const ids = await post([
      { message: SEED_NORMAL, id: `down-${randomUUID()}` },
      { message: SEED_ANOMALY, id: `down-${randomUUID()}` },
    ]);
    await new Promise((r) => setTimeout(r, 1500));
    const during = await stored();
    expect([...during.normal, ...during.anomalous].filter((r) => ids.includes(r.id))).toHaveLength(0);
    ml = await startMlApi(loadMlApiConfig(mlEnv()));
    const s = await waitStored(ids, 45_000);
    expect(s.byId.get(ids[0])?.is_anomaly).toBe(false);
    expect(s.byId.get(ids[1])?.is_anomaly).toBe(true);
  });
});
