// Needs a real PostgreSQL (TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test): the
// schedule drives the PostgreSQL store's retention (day partitions, advisory lock), and the worker
// booted with STORAGE_RETENTION_DAYS runs it. Each test has its own schema, dropped afterwards.
import { PostgresStore, ScratchSchemas } from '@logad/storage';
import { INestApplicationContext } from '@nestjs/common';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { startWorker } from '../bootstrap';
import { loadWorkerConfig } from '../config/worker.config';
import { WorkerService } from '../worker.service';
import { RetentionSchedule } from './retention-schedule';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DAY = 86_400_000;
const NOW = Date.parse('2024-03-10T15:00:00.000Z');
const scratch = new ScratchSchemas(url);
const stores: PostgresStore[] = [];

function record(id: string, ms: number) {
  return {
    id,
    timestamp: new Date(ms).toISOString(),
    source: 'api',
    level: 'INFO' as const,
    message: id,
    anomaly_score: 0.1,
    is_anomaly: false,
    prediction: 1 as const,
    model_version: 'v1',
    received_at: ms,
    stored_at: ms,
  };
}

async function storeWithDays(): Promise<{ schema: string; store: PostgresStore }> {
  const schema = scratch.next();
  const store = new PostgresStore({ url, schema, poolSize: 2 });
  stores.push(store);
  await store.sink.open();
  await store.connect();
  // 03-05 … 03-10: with 3 days kept, the cutoff is 03-07 15:00, so 03-05 and 03-06 go.
  await store.sink.write(Array.from({ length: 6 }, (_, d) => record(`d${5 + d}`, Date.parse('2024-03-05T12:00:00.000Z') + d * DAY)));
  return { schema, store };
}

const ids = async (s: PostgresStore) => (await s.queries.queryRecords({ kind: 'all' })).items.map((r) => r.id).sort();

function capture(): { logger: pino.Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  return { logger: pino({ level: 'debug' }, stream), lines };
}

afterEach(async () => {
  await Promise.all(stores.splice(0).map(async (s) => (await s.sink.close(), await s.close())));
});

afterAll(() => scratch.dropAll());

describe('RetentionSchedule', () => {
  it('drops the days past the limit at start, then again each period, and logs what went', async () => {
    const { store } = await storeWithDays();
    const { logger, lines } = capture();
    let now = NOW;
    const schedule = new RetentionSchedule(store.retention, 3, logger, 40, () => now);
    schedule.start();
    await schedule.idle;
    expect(await ids(store)).toEqual(['d10', 'd7', 'd8', 'd9']);
    expect(lines.find((l) => l.msg === 'retention: dropped old records')).toMatchObject({
      retentionDays: 3,
      droppedDays: ['2024-03-05', '2024-03-06'],
      forgottenIds: 2,
    });
    // A day later the next run takes 03-07 too.
    now += DAY;
    for (let i = 0; i < 100 && (await ids(store)).includes('d7'); i++) await new Promise((r) => setTimeout(r, 20));
    await schedule.stop();
    expect(await ids(store)).toEqual(['d10', 'd8', 'd9']);
  });

  it('logs a failed run and goes on with the next', async () => {
    const { store } = await storeWithDays();
    const { logger, lines } = capture();
    await store.close();
    await store.sink.close();
    stores.splice(0);
    const schedule = new RetentionSchedule(store.retention, 3, logger, 20, () => NOW);
    schedule.start();
    for (let i = 0; i < 100 && lines.filter((l) => l.level === 40).length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    await schedule.stop();
    const warnings = lines.filter((l) => l.msg === 'retention failed; the next run tries again');
    expect(warnings.length).toBeGreaterThanOrEqual(2);
    expect((warnings[0].err as { type: string }).type).toBe('StorageNotOpenError');
  });
});

describe('worker with STORAGE_RETENTION_DAYS', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'logad-retention-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const env = (extra: Record<string, string>) =>
    loadWorkerConfig({ QUEUE_DRIVER: 'memory', LOGS_DIR: dir, WORKER_PORT: '0', LOG_LEVEL: 'silent', STORAGE_RETENTION_DAYS: '3', ...extra });

  it('refuses to boot on a store that keeps everything, naming the variable', async () => {
    await expect(startWorker(env({}))).rejects.toThrow(/STORAGE_RETENTION_DAYS=3 needs a store that drops old records itself/);
  });

  it('runs retention at start on PostgreSQL', async () => {
    const { schema, store } = await storeWithDays();
    await store.sink.write([record('today', Date.now())]);
    const u = new URL(url);
    u.searchParams.set('options', `-c search_path=${schema}`);
    let app: INestApplicationContext | undefined;
    try {
      app = await startWorker(env({ STORAGE_URL: u.toString() }));
      await app.get(WorkerService).retention!.idle;
      // Cut off three days before the real now: the days of 2024 go, today stays.
      expect(await ids(store)).toEqual(['today']);
    } finally {
      await app?.close();
    }
  });
});
