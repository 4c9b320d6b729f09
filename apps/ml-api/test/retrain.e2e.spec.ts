// Automatic retraining: a running ml-api, given a short RETRAIN_EVERY_MS, trains a new model from
// the store (a temp JSON Lines store here) and serves it, with no operator command.
import { ScoredRecord } from '@logad/contracts';
import { JsonLinesStore } from '@logad/storage';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogAnomalyDetector } from '@logad/detector';
import { startMlApi } from '../src/bootstrap';
import { loadMlApiConfig } from '../src/config/ml-api.config';
import { ModelStore } from '../src/model/model-store';

jest.setTimeout(60_000);

describe('automatic retraining (e2e)', () => {
  let dir: string;
  let app: NestFastifyApplication | undefined;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'logad-retrain-'));
  });
  afterEach(async () => {
    await app?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('retrains from the store on its schedule and serves the new model', async () => {
    const corpus = (await readFile(join(__dirname, '../../../data/sample-corpus.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { message: string; source: string });
    const modelDir = join(dir, 'models');
    const logsDir = join(dir, 'logs');
    const first = await new ModelStore(modelDir).save(LogAnomalyDetector.train(corpus.slice(0, 300), { seed: 1 }));
    // the user's own traffic, as the worker stored it
    const store = new JsonLinesStore({ dir: logsDir });
    await store.sink.open();
    const now = Date.now();
    const records: ScoredRecord[] = Array.from({ length: 400 }, (_, i) => ({
      id: `r-${i}`,
      timestamp: new Date(now - 60_000 + i).toISOString(),
      source: 'checkout',
      level: 'INFO',
      message: `order ${1000 + i} paid by card in ${i % 50} ms`,
      anomaly_score: 0.1,
      is_anomaly: false,
      prediction: 1,
      model_version: first.version,
      received_at: now,
      stored_at: now,
    }));
    await store.sink.write(records);
    await store.sink.close();

    app = await startMlApi(
      loadMlApiConfig({ ML_API_PORT: '0', MODEL_DIR: modelDir, LOGS_DIR: logsDir, RETRAIN_EVERY_MS: '1500', MODEL_RELOAD_MS: '200', LOG_LEVEL: 'silent' }),
    );
    const url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}/model`;
    const end = Date.now() + 30_000;
    let model: { version: string; training_lines: number } = await (await fetch(url)).json();
    expect(model.version).toBe(first.version);
    while (model.version === first.version && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 250));
      model = await (await fetch(url)).json();
    }
    expect(model.version).not.toBe(first.version);
    expect(model.training_lines).toBe(400);
  });
});
