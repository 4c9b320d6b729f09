// ml-api over loopback HTTP with a real model directory: scoring, model info, 503 without a model, hot reload.
import { LogAnomalyDetector } from '@logad/detector';
import { MSGPACK_TYPE, packMsgpack, unpackMsgpack } from '@logad/server';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMlApi } from '../src/bootstrap';
import { loadMlApiConfig } from '../src/config/ml-api.config';
import { ModelStore } from '../src/model/model-store';

const corpusPath = join(__dirname, '../../../data/sample-corpus.jsonl');

describe('ml-api (e2e)', () => {
  let dir: string;
  let app: NestFastifyApplication;
  let base: string;
  let corpus: Array<{ message: string; level: string }>;

  beforeAll(async () => {
    corpus = (await readFile(corpusPath, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
  });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'logad-ml-'));
    app = await startMlApi(loadMlApiConfig({ ML_API_PORT: '0', MODEL_DIR: dir, MODEL_RELOAD_MS: '100', LOG_LEVEL: 'silent' }));
    base = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });
  afterEach(async () => {
    await app.close();
    await rm(dir, { recursive: true, force: true });
  });

  const post = (path: string, body: unknown) =>
    fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const until = async (cond: () => Promise<boolean>, ms = 5000) => {
    const end = Date.now() + ms;
    while (!(await cond())) {
      if (Date.now() > end) throw new Error('not in time');
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('answers 503 saying how to train when no model is loaded, and picks one up without a restart', async () => {
    const res = await post('/predict', { message: 'x' });
    expect(res.status).toBe(503);
    const body = (await res.json()) as { code: string; message: string };
    expect(body.code).toBe('ml:model-not-loaded');
    expect(body.message).toContain('nx run ml-api:train');
    expect((await fetch(`${base}/model`)).status).toBe(503);
    const notReady = await fetch(`${base}/ready`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toMatchObject({ status: 'error', error: { model: { status: 'down' } } });

    const model = LogAnomalyDetector.train(corpus.slice(0, 3000), { seed: 1 });
    await new ModelStore(dir).save(model);
    await until(async () => (await post('/predict', { message: 'x' })).status === 200);
    const info = (await (await fetch(`${base}/model`)).json()) as Record<string, unknown>;
    expect(info).toMatchObject({ version: model.version, training_lines: 3000 });
    expect(info.vocabulary_size).toBeGreaterThan(10);
    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok', model_loaded: true, model_version: model.version });
    expect((await fetch(`${base}/ready`)).status).toBe(200);
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(new RegExp(`logad_model_info\\{[^}]*version="${model.version}"[^}]*\\} 1`));
    expect(metrics).toMatch(/logad_messages_scored_total\{[^}]*route="predict"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/logad_scoring_seconds_count\{[^}]*route="predict"[^}]*\} [1-9]/);
  });

  it("scores with the seed's contract, single and batch, in order", async () => {
    const model = LogAnomalyDetector.train(corpus, { seed: 42 });
    await new ModelStore(dir).save(model);
    await until(async () => (await post('/predict', { message: 'x' })).status === 200);

    const one = await post('/predict', { message: 'User login successful' });
    expect(one.status).toBe(200);
    const p = (await one.json()) as Record<string, unknown>;
    expect(Object.keys(p)).toEqual(expect.arrayContaining(['is_anomaly', 'anomaly_score', 'prediction', 'score', 'explanation', 'model_version']));
    expect(p.prediction === -1).toBe(p.is_anomaly);
    expect((p.anomaly_score as number) < 0).toBe(p.is_anomaly);

    const messages = ['User login successful', 'DATABASE INTEGRITY ERROR: checksum mismatch in table users, possible data corruption', corpus[5].message];
    const batch = await post('/predict/batch', { messages });
    expect(batch.status).toBe(200);
    const b = (await batch.json()) as { model_version: string; results: Array<{ anomaly_score: number }> };
    expect(b.model_version).toBe(model.version);
    expect(b.results.map((r) => r.anomaly_score)).toEqual(model.score(messages).map((r) => r.anomaly_score));
    const compact = (await (await post('/predict/batch', { messages, compact: true })).json()) as {
      results: Array<{ anomaly_score: number; explanation: { top_features: unknown[]; template?: string } }>;
    };
    expect(compact.results.map((r) => r.anomaly_score)).toEqual(b.results.map((r) => r.anomaly_score));
    expect(compact.results.every((r) => r.explanation.top_features.length === 0 && typeof r.explanation.template === 'string')).toBe(true);
  });

  it('answers 400 naming the field for bad bodies', async () => {
    await new ModelStore(dir).save(LogAnomalyDetector.train(corpus.slice(0, 500), { seed: 1 }));
    for (const [path, body, field] of [
      ['/predict', {}, 'message'],
      ['/predict', { message: '' }, 'message'],
      ['/predict', { message: 42 }, 'message'],
      ['/predict/batch', { messages: 'no' }, 'messages'],
      ['/predict/batch', { messages: [] }, 'messages'],
      ['/predict/batch', { messages: ['a', ''] }, 'messages'],
      ['/predict/batch', { messages: ['a'], levels: ['INFO', 'WARN'] }, 'levels'],
      // /predict/events checks its plain body in one pass (no class instances per event), with the same answers.
      ['/predict/events', { events: 'no' }, 'events'],
      ['/predict/events', { events: [] }, 'events'],
      ['/predict/events', { events: [{ message: 'a' }, { message: '' }] }, 'events'],
      ['/predict/events', { events: [{ message: 'a', timestamp: 'yesterday' }] }, 'events'],
      ['/predict/events', { events: [{ message: 'a' }], compact: 'yes' }, 'compact'],
      ['/predict/events', { events: [{ message: 'a' }], lean: 1 }, 'lean'],
      ['/predict/events', [{ message: 'a' }], '(body)'],
      ['/predict/sessions', { sessions: [{ key: 'blk_1', messages: ['a'], timestamps: ['yesterday'] }] }, 'sessions.0.timestamps'],
    ] as const) {
      const res = await post(path, body);
      expect(res.status).toBe(400);
      const e = (await res.json()) as { code: string; details: Array<{ field: string }> };
      expect(e.code).toBe('http:validation-failed');
      expect(e.details.map((d) => d.field)).toContain(field);
    }
    const second = (await (await post('/predict/events', { events: [{ message: 'a' }, { message: '' }] })).json()) as { details: Array<{ message: string }> };
    expect(second.details[0].message).toBe('events[1].message must be a non-empty string');
    // Valid: answered once the model just saved is picked up.
    const events = { events: [{ message: 'User login successful', level: 'INFO', source: 'auth-service' }], compact: true };
    await until(async () => (await post('/predict/events', events)).status === 200);
    // Old clients get every field per event, as before; `lean: true` gets each template once.
    const batch = corpus.slice(500, 560).map((e, i) => ({ ...e, timestamp: Date.UTC(2026, 11, 7) + i }));
    const full = (await (await post('/predict/events', { events: batch, compact: true })).json()) as { results: Array<Record<string, unknown>> };
    expect(full.results).toHaveLength(60);
    for (const r of full.results) {
      expect(
        Object.keys(r)
          .filter((k) => k !== 'kind' && k !== 'reason')
          .sort(),
      ).toEqual(['anomaly_score', 'is_anomaly', 'learning', 'level', 'prediction', 'score', 'template', 'template_id']);
    }
    const leanRes = await post('/predict/events', { events: batch, lean: true });
    expect(leanRes.status).toBe(200);
    const lean = (await leanRes.json()) as {
      lean: boolean;
      model_version: string;
      templates: Array<[number, string]>;
      results: Array<Record<string, unknown>>;
    };
    expect(lean.lean).toBe(true);
    expect(lean.results).toHaveLength(60);
    expect(new Set(lean.templates.map(([id, text]) => `${id} ${text}`)).size).toBe(lean.templates.length);
    expect(lean.templates.length).toBeLessThan(60);
    for (const r of lean.results) {
      expect(
        Object.keys(r)
          .filter((k) => k !== 'kind' && k !== 'reason')
          .sort(),
      ).toEqual(['anomaly_score', 'is_anomaly', 'score', 't']);
      expect(lean.templates[r.t as number]).toBeDefined();
    }
    const bad = await fetch(`${base}/predict`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"message":' });
    expect(bad.status).toBe(400);
  });

  it('takes MessagePack bodies and answers in MessagePack when asked, the same values as JSON; errors stay JSON', async () => {
    await new ModelStore(dir).save(LogAnomalyDetector.train(corpus.slice(0, 500), { seed: 1 }));
    await until(async () => (await post('/predict', { message: 'x' })).status === 200);
    const mp = (path: string, body: Buffer) =>
      fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': MSGPACK_TYPE, accept: MSGPACK_TYPE }, body });
    const batch = { messages: corpus.slice(500, 540).map((e) => e.message), levels: corpus.slice(500, 540).map((e) => e.level) };
    const viaJson = await (await post('/predict/batch', batch)).json();
    const res = await mp('/predict/batch', packMsgpack(batch));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(MSGPACK_TYPE);
    expect(unpackMsgpack(Buffer.from(await res.arrayBuffer()))).toEqual(viaJson);
    // The worker's call: lean events.
    const events = corpus.slice(540, 560).map((e, i) => ({ ...e, source: 'auth', timestamp: Date.UTC(2026, 11, 8) + i }));
    const lean = unpackMsgpack(Buffer.from(await (await mp('/predict/events', packMsgpack({ events, lean: true }))).arrayBuffer())) as {
      lean: boolean;
      results: unknown[];
    };
    expect(lean).toMatchObject({ lean: true, results: expect.any(Array) });
    expect(lean.results).toHaveLength(20);
    // The same rules as JSON, answered in JSON.
    const invalid = await mp('/predict/events', packMsgpack({ events: [{ message: '' }] }));
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toMatch(/^application\/json/);
    expect(((await invalid.json()) as { code: string }).code).toBe('http:validation-failed');
    const broken = await mp('/predict/events', Buffer.from([0x81, 0xa6]));
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { code: string }).code).toBe('http:malformed-msgpack');
  });

  it('checks the token before reading a MessagePack body, and holds it to the body limit', async () => {
    const guarded = await startMlApi(
      loadMlApiConfig({ ML_API_PORT: '0', MODEL_DIR: dir, MODEL_RELOAD_MS: '0', LOG_LEVEL: 'silent', ML_API_TOKEN: 'tok', ML_API_BODY_LIMIT_BYTES: '2048' }),
    );
    try {
      const url = `${(await guarded.getUrl()).replace('[::1]', '127.0.0.1')}/predict/events`;
      const send = (body: Buffer, token?: string) =>
        fetch(url, { method: 'POST', body, headers: { 'content-type': MSGPACK_TYPE, ...(token ? { authorization: `Bearer ${token}` } : {}) } });
      // Not even a valid body: refused for the missing token, so nothing was decoded.
      expect((await send(Buffer.from([0xc1, 0xc1]))).status).toBe(401);
      expect((await send(packMsgpack({ events: [{ message: 'a' }] }), 'wrong')).status).toBe(401);
      const big = await send(packMsgpack({ events: [{ message: 'x'.repeat(4096) }] }), 'tok');
      expect(big.status).toBe(413);
      const malformed = await send(Buffer.from([0xc1, 0xc1]), 'tok');
      expect(malformed.status).toBe(400);
      expect(((await malformed.json()) as { code: string }).code).toBe('http:malformed-msgpack');
    } finally {
      await guarded.close();
    }
  });

  it('refuses a corrupt model file and keeps serving the previous model', async () => {
    const good = LogAnomalyDetector.train(corpus.slice(0, 2000), { seed: 3 });
    await new ModelStore(dir).save(good);
    await until(async () => (await post('/predict', { message: 'x' })).status === 200);
    await writeFile(join(dir, 'model-broken.json'), '{"format": "something else"}');
    await writeFile(join(dir, 'current.json'), JSON.stringify({ version: 'broken', file: 'model-broken.json' }));
    await new Promise((r) => setTimeout(r, 400));
    const res = await post('/predict', { message: 'User login successful' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { model_version: string }).model_version).toBe(good.version);
  });
});
