// The three apps in one test process, on loopback ports, against a real Redis (REDIS_URL): the set-up
// every system end-to-end spec shares.
import { LogAnomalyDetector, StreamDetector } from '@logad/detector';
import { BullMqLogQueue } from '@logad/queue';
import { RedisSessionStore } from '@logad/sessions';
import { INestApplicationContext } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startIngestApi } from '../../apps/ingest-api/src/bootstrap';
import { loadIngestConfig } from '../../apps/ingest-api/src/config/ingest.config';
import { startMlApi } from '../../apps/ml-api/src/bootstrap';
import { loadMlApiConfig } from '../../apps/ml-api/src/config/ml-api.config';
import { ModelBundle, bundleOf } from '../../apps/ml-api/src/model/model-bundle';
import { ModelStore } from '../../apps/ml-api/src/model/model-store';
import { startWorker } from '../../apps/worker/src/bootstrap';
import { loadWorkerConfig } from '../../apps/worker/src/config/worker.config';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const SEED_NORMAL = 'User login successful';
export const SEED_ANOMALY = 'DATABASE INTEGRITY ERROR: checksum mismatch in table users, possible data corruption';

export interface SystemOptions {
  /** The model to serve; default: the line model trained on the shipped sample corpus (seed 42). */
  readonly model?: ModelBundle | LogAnomalyDetector;
  readonly mlEnv?: Record<string, string>;
  readonly workerEnv?: Record<string, string>;
  readonly ingestEnv?: Record<string, string>;
}

export interface RunningSystem {
  readonly dir: string;
  readonly logsDir: string;
  readonly queueName: string;
  ml: NestFastifyApplication;
  readonly worker: INestApplicationContext;
  readonly ingest: NestFastifyApplication;
  /** ingest-api's base URL, e.g. http://127.0.0.1:41234 */
  readonly base: string;
  /** `${base}/api/v1/logs` */
  readonly logsUrl: string;
  /** Stops ml-api (an outage). */
  stopMl(): Promise<void>;
  /** Starts ml-api again on its port. */
  startMl(): Promise<void>;
  /** Stops everything and removes what it made (temp dir, queue, session keys). */
  stop(): Promise<void>;
}

/** What `train` makes of the shipped sample corpus (seed 42): the line model and the corpus's per-source baselines. */
export async function sampleModel(): Promise<ModelBundle> {
  const corpus = await sampleCorpus();
  return bundleOf(LogAnomalyDetector.train(corpus, { seed: 42 }), null, StreamDetector.fromTraining(corpus));
}

export async function sampleCorpus(): Promise<Array<{ message: string; level: string; source: string }>> {
  const text = await readFile(join(__dirname, '../../data/sample-corpus.jsonl'), 'utf8');
  return text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
}

const portOf = (app: NestFastifyApplication) => (app.getHttpServer().address() as AddressInfo).port;

export async function startSystem(o: SystemOptions = {}): Promise<RunningSystem> {
  const dir = await mkdtemp(join(tmpdir(), 'logad-e2e-'));
  const queueName = `test-${randomUUID()}`;
  const logsDir = join(dir, 'logs');
  const modelDir = join(dir, 'models');
  await new ModelStore(modelDir).save(o.model ?? (await sampleModel()));
  const mlEnv = { MODEL_DIR: modelDir, LOG_LEVEL: 'silent', ...o.mlEnv };
  let ml = await startMlApi(loadMlApiConfig({ ML_API_PORT: '0', ...mlEnv }));
  const mlPort = portOf(ml);
  const worker = await startWorker(
    loadWorkerConfig({
      REDIS_URL,
      QUEUE_NAME: queueName,
      LOGS_DIR: logsDir,
      ML_API_URL: `http://127.0.0.1:${mlPort}`,
      LOG_LEVEL: 'silent',
      WORKER_PORT: '0',
      ...o.workerEnv,
    }),
  );
  const ingest = await startIngestApi(
    // ML_API_URL: the query API's /baselines asks ml-api (the dashboard's learning banner).
    loadIngestConfig({
      INGEST_PORT: '0',
      REDIS_URL,
      QUEUE_NAME: queueName,
      LOG_LEVEL: 'silent',
      LOGS_DIR: logsDir,
      ML_API_URL: `http://127.0.0.1:${mlPort}`,
      ...(o.mlEnv?.ML_API_TOKEN ? { ML_API_TOKEN: o.mlEnv.ML_API_TOKEN } : {}),
      ...o.ingestEnv,
    }),
  );
  const base = `http://127.0.0.1:${portOf(ingest)}`;
  let mlUp = true;
  const system: RunningSystem = {
    dir,
    logsDir,
    queueName,
    ml,
    worker,
    ingest,
    base,
    logsUrl: `${base}/api/v1/logs`,
    async stopMl() {
      await ml.close();
      mlUp = false;
    },
    async startMl() {
      ml = await startMlApi(loadMlApiConfig({ ML_API_PORT: String(mlPort), ...mlEnv }));
      system.ml = ml;
      mlUp = true;
    },
    async stop() {
      await ingest.close();
      await worker.close();
      if (mlUp) await ml.close();
      const q = new BullMqLogQueue({ name: queueName, redisUrl: REDIS_URL });
      await q.obliterate();
      await q.close();
      const sessions = new RedisSessionStore({ redisUrl: REDIS_URL, prefix: `logad:sessions:${queueName}` });
      await sessions.clear();
      await sessions.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
  return system;
}

/** A webhook on loopback that records every JSON body posted to it (alert sinks' target). */
export async function startWebhookReceiver<T = unknown>(): Promise<{ url: string; received: T[]; close(): Promise<void> }> {
  const { createServer } = await import('node:http');
  const received: T[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push(JSON.parse(body) as T);
      res.end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`,
    received,
    // closeAllConnections: a client's spare pooled socket would hold close() (Node waits for it).
    close: () => new Promise<void>((r) => (server.close(() => r()), server.closeAllConnections())),
  };
}
