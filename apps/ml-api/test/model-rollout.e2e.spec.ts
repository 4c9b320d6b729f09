// Rolling a model out to every replica: two ml-api instances (in-process, port 0) with MODEL_STORE=redis
// poll one Redis (REDIS_URL, keys under a random prefix, deleted afterwards); `train` publishes there.
import { createLogger } from '@logad/server';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMlApi } from '../src/bootstrap';
import { loadMlApiConfig } from '../src/config/ml-api.config';
import { RedisModelStore } from '../src/model/redis-model-store';
import { runTrain } from '../src/train/run-train';
import { parseTrainArgs } from '../src/train/train-args';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const corpusPath = join(__dirname, '../../../data/sample-corpus.jsonl');
const RELOAD_MS = 250;

describe('model rollout through Redis to every replica (e2e)', () => {
  let dir: string;
  let prefix: string;
  let redis: Redis;
  let apps: NestFastifyApplication[] = [];
  let bases: string[] = [];
  let env: NodeJS.ProcessEnv;
  const silent = createLogger('train-test', 'silent');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'logad-rollout-'));
    const lines = (await readFile(corpusPath, 'utf8')).trim().split('\n');
    await writeFile(join(dir, 'corpus.jsonl'), lines.slice(0, 1500).join('\n') + '\n');
    redis = new Redis(redisUrl);
  });
  beforeEach(async () => {
    prefix = `logad-test:${randomUUID()}:model:`;
    env = { MODEL_STORE: 'redis', REDIS_URL: redisUrl, MODEL_KEY_PREFIX: prefix };
    apps = [];
    bases = [];
    for (let i = 0; i < 2; i++) {
      const app = await startMlApi(
        loadMlApiConfig({ ...env, ML_API_PORT: '0', MODEL_DIR: join(dir, `unused-${i}`), MODEL_RELOAD_MS: String(RELOAD_MS), LOG_LEVEL: 'silent' }),
      );
      apps.push(app);
      bases.push((await app.getUrl()).replace('[::1]', '127.0.0.1'));
    }
  });
  afterEach(async () => {
    await Promise.all(apps.map((a) => a.close()));
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
  });
  afterAll(async () => {
    redis.disconnect();
    await rm(dir, { recursive: true, force: true });
  });

  const train = (seed: number) =>
    runTrain(parseTrainArgs(['--input', join(dir, 'corpus.jsonl'), '--model-dir', join(dir, 'models'), '--seed', String(seed), '--trees', '50']), env, silent);
  const predict = async (base: string) => {
    const res = await fetch(`${base}/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"message":"User login successful"}',
    });
    return { status: res.status, version: res.status === 200 ? ((await res.json()) as { model_version: string }).model_version : null };
  };
  const until = async (cond: () => Promise<boolean>, ms: number) => {
    const start = Date.now();
    while (!(await cond())) {
      if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return Date.now() - start;
  };
  const allServe = (version: string) => async () => (await Promise.all(bases.map(predict))).every((p) => p.version === version);

  it('both replicas pick up each published model within MODEL_RELOAD_MS, answering all along, and refuse a corrupt one', async () => {
    expect((await Promise.all(bases.map(predict))).map((p) => p.status)).toEqual([503, 503]);
    const a = await train(1);
    expect(a.savedTo).toHaveLength(2); // the directory copy, then Redis
    const tookA = await until(allServe(a.version), RELOAD_MS + 2000);

    // Requests run against both replicas without pause while the next model is published.
    const seen: Array<{ replica: number; status: number; version: string | null }> = [];
    let running = true;
    const load = Promise.all(
      bases.map(async (base, replica) => {
        while (running) seen.push({ replica, ...(await predict(base)) });
      }),
    );
    const b = await train(2);
    expect(b.version).not.toBe(a.version);
    const tookB = await until(allServe(b.version), RELOAD_MS + 2000);
    await new Promise((r) => setTimeout(r, 50));
    running = false;
    await load;

    expect(seen.length).toBeGreaterThan(20);
    expect(seen.filter((s) => s.status !== 200)).toEqual([]);
    for (const replica of [0, 1]) {
      const versions = seen.filter((s) => s.replica === replica).map((s) => s.version);
      // Old model until the switch, the new one after it: never back and forth.
      const firstB = versions.indexOf(b.version);
      expect(firstB).toBeGreaterThanOrEqual(0);
      expect(versions.slice(0, firstB).every((v) => v === a.version)).toBe(true);
      expect(versions.slice(firstB).every((v) => v === b.version)).toBe(true);
    }
    // Picked up within the poll interval plus the load (a model of 1500 lines parses in well under a second).
    expect({ tookA: tookA < RELOAD_MS + 1500, tookB: tookB < RELOAD_MS + 1500 }).toEqual({ tookA: true, tookB: true });

    // A corrupt model published by someone else: refused by both, B keeps serving.
    await redis
      .multi()
      .set(`${prefix}v:broken-1`, '{"format":"logad-model","formatVersion":1,"line":{"garbage":true}}')
      .set(`${prefix}current`, 'broken-1')
      .exec();
    await new Promise((r) => setTimeout(r, RELOAD_MS * 4));
    expect(await Promise.all(bases.map(predict))).toEqual([
      { status: 200, version: b.version },
      { status: 200, version: b.version },
    ]);
    expect(await (await fetch(`${bases[0]}/health`)).json()).toMatchObject({ model_loaded: true, model_version: b.version });

    // Rolling back is pointing `current` at an older stored version.
    const store = new RedisModelStore({ url: redisUrl, keyPrefix: prefix });
    try {
      expect((await store.versions()).map((v) => v.version)).toEqual([b.version, a.version]);
      await store.use(a.version);
      await until(allServe(a.version), RELOAD_MS + 2000);
      await expect(store.use('broken-1')).rejects.toThrow(/corrupt|not a logad-model/);
      await expect(store.use('no-such-version')).rejects.toThrow(/no model no-such-version/);
    } finally {
      await store.close();
    }

    // train still wrote the directory copy.
    const files = await readdir(join(dir, 'models'));
    expect(files).toEqual(expect.arrayContaining([`model-${a.version}.json`, `model-${b.version}.json`, 'current.json']));
  }, 30_000);

  it('keeps the newest MODEL_KEEP_VERSIONS versions in Redis', async () => {
    const keep2 = { ...env, MODEL_KEEP_VERSIONS: '2' };
    const train2 = async (seed: number) =>
      (
        await runTrain(
          parseTrainArgs(['--input', join(dir, 'corpus.jsonl'), '--model-dir', join(dir, 'keep'), '--seed', String(seed), '--trees', '10']),
          keep2,
          silent,
        )
      ).version;
    const v1 = await train2(11);
    const v2 = await train2(12);
    expect(await redis.exists(`${prefix}v:${v1}`)).toBe(1);
    const v3 = await train2(13);
    const store = new RedisModelStore({ url: redisUrl, keyPrefix: prefix, keep: 2 });
    try {
      const versions = await store.versions();
      expect(versions.map((v) => [v.version, v.current])).toEqual([
        [v3, true],
        [v2, false],
      ]);
      expect(await redis.exists(`${prefix}v:${v1}`)).toBe(0);
      await expect(store.use(v1)).rejects.toThrow(/no model/);
      await store.use(v2);
      expect(await redis.get(`${prefix}current`)).toBe(v2);
    } finally {
      await store.close();
    }
  }, 30_000);
});
