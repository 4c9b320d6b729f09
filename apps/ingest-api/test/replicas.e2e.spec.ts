// Two ingest-api replicas (two Nest apps, each with its own Redis connections) on one real Redis,
// as behind a load balancer: the per-key rate limit and the queue's high-water mark hold for the
// pair, not for each. A private redis-server (Debian's) is SIGKILLed for the outage case.
import { BullMqLogQueue } from '@logad/queue';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { startIngestApi } from '../src/bootstrap';
import { loadIngestConfig } from '../src/config/ingest.config';
import { REDIS_URL, freePort } from './intake-harness';

interface Replica {
  readonly app: NestFastifyApplication;
  readonly url: string;
}

const KEY = 'replica-test-key';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Load-bound cases on a shared 2-core machine: give them room.
jest.setTimeout(30_000);

async function startReplicas(env: Record<string, string>, n = 2): Promise<Replica[]> {
  const replicas: Replica[] = [];
  for (let i = 0; i < n; i++) {
    const app = await startIngestApi(loadIngestConfig({ INGEST_PORT: '0', LOG_LEVEL: 'silent', API_KEYS: KEY, ...env }));
    replicas.push({ app, url: `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/api/v1/logs` });
  }
  return replicas;
}

async function send(r: Replica, n: number): Promise<{ status: number; retryAfter: string | null; code?: string }> {
  const res = await fetch(r.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
    body: JSON.stringify(Array.from({ length: n }, (_, i) => ({ message: `m${i}` }))),
  });
  const body = (await res.json()) as { code?: string };
  return { status: res.status, retryAfter: res.headers.get('retry-after'), code: body.code };
}

/** `senders` loops, each sending to the replicas in turn, for `ms`; what came back, by status. */
async function load(replicas: Replica[], o: { ms: number; senders: number; batch: number }) {
  const seen = { accepted: 0, limited: 0, other: [] as string[], retryAfters: new Set<string>() };
  const end = Date.now() + o.ms;
  await Promise.all(
    Array.from({ length: o.senders }, async (_, s) => {
      for (let i = s; Date.now() < end; i++) {
        const r = await send(replicas[i % replicas.length], o.batch);
        if (r.status === 202) seen.accepted += o.batch;
        else if (r.status === 429 && r.code === 'auth:rate-limited') {
          seen.limited++;
          seen.retryAfters.add(r.retryAfter ?? 'none');
        } else seen.other.push(`${r.status} ${r.code}`);
      }
    }),
  );
  return seen;
}

describe('two ingest-api replicas on one Redis', () => {
  let replicas: Replica[] = [];
  let queueName: string;
  beforeEach(() => {
    queueName = `test-replicas-${randomUUID()}`;
  });
  afterEach(async () => {
    await Promise.all(replicas.splice(0).map((r) => r.app.close()));
    const q = new BullMqLogQueue({ name: queueName, redisUrl: REDIS_URL });
    await q.obliterate();
    await q.close();
  });

  // Well below what 4 senders offer even on a loaded machine, so that the limit, not the client, sets the figure.
  const RATE = 50; // burst 100
  const MS = 3000;

  it('give a key its rate limit once in total (RATE_LIMIT_SCOPE=cluster), with 429 and Retry-After beyond it', async () => {
    replicas = await startReplicas({ REDIS_URL, QUEUE_NAME: queueName, RATE_LIMIT_PER_KEY: String(RATE) });
    const t0 = Date.now();
    const seen = await load(replicas, { ms: MS, senders: 4, batch: 10 });
    const seconds = (Date.now() - t0) / 1000;
    const allowed = 2 * RATE + RATE * seconds; // the burst, then the rate
    expect(seen.other).toEqual([]);
    expect(seen.accepted).toBeLessThanOrEqual(allowed);
    expect(seen.accepted).toBeGreaterThan(0.85 * allowed);
    expect(seen.limited).toBeGreaterThan(0);
    expect([...seen.retryAfters]).toEqual(['1']); // 10 logs at 50/s: under a second away
  });

  it('give a key its limit in each replica with RATE_LIMIT_SCOPE=process (the gap cluster closes)', async () => {
    replicas = await startReplicas({ REDIS_URL, QUEUE_NAME: queueName, RATE_LIMIT_PER_KEY: String(RATE), RATE_LIMIT_SCOPE: 'process' });
    const t0 = Date.now();
    const seen = await load(replicas, { ms: MS, senders: 4, batch: 10 });
    const seconds = (Date.now() - t0) / 1000;
    expect(seen.other).toEqual([]);
    expect(seen.accepted).toBeGreaterThan(1.6 * (2 * RATE + RATE * seconds));
  });

  it('refuse a batch larger than the burst on every replica, saying so', async () => {
    replicas = await startReplicas({ REDIS_URL, QUEUE_NAME: queueName, RATE_LIMIT_PER_KEY: '10' });
    for (const r of replicas) {
      const res = await fetch(r.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` },
        body: JSON.stringify(Array.from({ length: 21 }, () => ({ message: 'm' }))),
      });
      expect(res.status).toBe(429);
      expect(res.headers.get('retry-after')).toBe('1');
      expect(((await res.json()) as { message: string }).message).toContain('send at most 20 per request');
    }
  });

  it('keep the queue under its high-water mark plus the documented bound with the worker stopped, both answering 429', async () => {
    const highWater = 40;
    const slack = 4;
    const batch = 2;
    replicas = await startReplicas({
      REDIS_URL,
      QUEUE_NAME: queueName,
      QUEUE_HIGH_WATER: String(highWater),
      QUEUE_HIGH_WATER_SLACK: String(slack),
      RECORDS_PER_JOB: '1',
    });
    const full = new Map<number, Set<string>>(); // replica → Retry-After values of its 429s
    let accepted = 0;
    const other: string[] = [];
    await Promise.all(
      Array.from({ length: 16 }, async (_, s) => {
        let refusals = 0;
        for (let i = s; refusals < 4; i++) {
          const which = i % 2;
          const r = await send(replicas[which], batch);
          if (r.status === 202) accepted += batch;
          else if (r.status === 429 && r.code === 'ingest:queue-full') {
            refusals++;
            full.set(which, (full.get(which) ?? new Set()).add(r.retryAfter ?? 'none'));
          } else other.push(`${r.status} ${r.code}`);
        }
      }),
    );
    const q = new BullMqLogQueue({ name: queueName, redisUrl: REDIS_URL });
    const depth = (await q.counts()).waiting;
    await q.close();
    expect(other).toEqual([]);
    expect(depth).toBe(accepted); // one log per job
    // Jobs in flight while a replica read may be counted twice until its next read: it may refuse up to its slack early.
    expect(depth).toBeGreaterThan(highWater - Math.max(slack, batch));
    // docs/scaling.md: N replicas overshoot by less than N × max(QUEUE_HIGH_WATER_SLACK, jobs of one request).
    expect(depth).toBeLessThan(highWater + 2 * Math.max(slack, batch));
    expect([...full.keys()].sort()).toEqual([0, 1]);
    expect([...(full.get(0) ?? []), ...(full.get(1) ?? [])]).toEqual(['2', '2']);
  });

  describe('when Redis goes away', () => {
    let redis: ChildProcess | undefined;
    let port: number;
    const startRedis = async () => {
      redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
      for (let i = 0; i < 100; i++) {
        if (await listening(port)) return;
        await sleep(50);
      }
      throw new Error('redis-server did not start');
    };
    afterEach(() => {
      redis?.kill('SIGKILL');
    });

    it('both replicas answer 503 with Retry-After (rate limit and enqueue alike), then take logs again once it is back', async () => {
      port = await freePort();
      await startRedis();
      const url = `redis://127.0.0.1:${port}`;
      replicas = await startReplicas({ REDIS_URL: url, QUEUE_NAME: queueName, RATE_LIMIT_PER_KEY: '1000' });
      for (const r of replicas) expect((await send(r, 5)).status).toBe(202);
      redis?.kill('SIGKILL');
      await new Promise((r) => redis?.once('exit', r));
      for (const r of replicas) {
        const down = await send(r, 5);
        expect(down).toMatchObject({ status: 503, retryAfter: '5', code: 'auth:rate-limit-unavailable' });
      }
      await startRedis();
      const end = Date.now() + 10_000;
      for (const r of replicas) {
        let status = 0;
        while (status !== 202 && Date.now() < end) {
          status = (await send(r, 5)).status;
          if (status !== 202) await sleep(100);
        }
        expect(status).toBe(202);
      }
      await Promise.all(replicas.splice(0).map((r) => r.app.close()));
    });
  });
});

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(true));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(false)));
  });
}
