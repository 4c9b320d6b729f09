import { QueuedLog } from '@logad/contracts';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { BenchResult } from './bench-result';
import { LogBatches } from './log-batches';
import { sleep } from './processes';

export interface QueueBenchOptions {
  readonly redisUrl?: string;
  /** Logs through the one-job-per-log reference. @defaultValue 60,000 (quick: 6,000) */
  readonly referenceLogs?: number;
  /** Logs through BullMqLogQueue. @defaultValue 600,000 (quick: 60,000) */
  readonly oursLogs?: number;
  readonly quick?: boolean;
  readonly log?: (line: string) => void;
}

/** The slice of @logad/queue this bench uses (required at run time: tools/ builds without a project reference to it). */
interface LogQueueLike {
  enqueue(records: readonly QueuedLog[]): Promise<void>;
  consume(handler: (job: { records: QueuedLog[] }) => Promise<void>, o?: { concurrency?: number }): Promise<void>;
  counts(): Promise<{ waiting: number; active: number; delayed: number; failed: number }>;
  obliterate(): Promise<void>;
  close(): Promise<void>;
}
interface QueueModule {
  BullMqLogQueue: new (o: { name: string; redisUrl: string; recordsPerJob?: number }) => LogQueueLike;
}

/** 1000-log arrays of realistic queued logs, as ingest-api enqueues them per request. */
function queuedBatches(total: number): QueuedLog[][] {
  const batches = new LogBatches(1000);
  const out: QueuedLog[][] = [];
  const now = Date.now();
  for (let n = 0; n * 1000 < total; n++) {
    const logs = JSON.parse(batches.body(n, 'q')) as Array<{ id: string; timestamp: string; source: string; level: string; message: string }>;
    out.push(
      logs.map((l) => ({ id: l.id, timestamp: l.timestamp, receivedAt: now, source: l.source, level: l.level as QueuedLog['level'], message: l.message })),
    );
  }
  return out;
}

/** BullMQ as the issue measured it: one job per log, producer (addBulk per 1000-log request) and worker in this one process. */
async function oneJobPerLog(redisUrl: string, batches: QueuedLog[][], concurrency: number): Promise<number> {
  const name = `bench-ref-${randomUUID()}`;
  const producer = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const consumer = new Redis(redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(name, { connection: producer, prefix: 'logad-bench' });
  const total = batches.reduce((n, b) => n + b.length, 0);
  let done = 0;
  let finish: (() => void) | undefined;
  const finished = new Promise<void>((r) => (finish = r));
  const worker = new Worker(
    name,
    async () => {
      if (++done === total) finish?.();
    },
    { connection: consumer, prefix: 'logad-bench', concurrency },
  );
  try {
    await worker.waitUntilReady();
    const t0 = performance.now();
    for (const b of batches) await queue.addBulk(b.map((log) => ({ name: 'log', data: log, opts: { removeOnComplete: true, removeOnFail: false } })));
    await finished;
    return total / ((performance.now() - t0) / 1000);
  } finally {
    await worker.close();
    await queue.obliterate({ force: true });
    await queue.close();
    producer.disconnect();
    consumer.disconnect();
  }
}

/** logad's queue: BullMqLogQueue, 500 logs per job, one 1000-log enqueue per request, a consumer with the worker's default concurrency (4). */
async function batchedJobs(redisUrl: string, batches: QueuedLog[][]): Promise<number> {
  /* eslint-disable-next-line @typescript-eslint/no-require-imports */
  const { BullMqLogQueue } = require('@logad/queue') as QueueModule;
  const name = `bench-ours-${randomUUID()}`;
  const q = new BullMqLogQueue({ name, redisUrl, recordsPerJob: 500 });
  const total = batches.reduce((n, b) => n + b.length, 0);
  let done = 0;
  let finish: (() => void) | undefined;
  const finished = new Promise<void>((r) => (finish = r));
  try {
    await q.consume(
      async (job) => {
        done += job.records.length;
        if (done === total) finish?.();
      },
      { concurrency: 4 },
    );
    const t0 = performance.now();
    for (const b of batches) await q.enqueue(b);
    await finished;
    const rate = total / ((performance.now() - t0) / 1000);
    for (let c = await q.counts(); c.waiting + c.active + c.delayed > 0; c = await q.counts()) await sleep(20);
    return rate;
  } finally {
    await q.obliterate().catch(() => undefined);
    await q.close();
  }
}

/** End-to-end logs/s through Redis: one BullMQ job per log (the issue's ~12k/s reference) vs BullMqLogQueue's 500-log jobs. */
export async function runQueueBench(o: QueueBenchOptions = {}): Promise<BenchResult[]> {
  const redisUrl = o.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const log = o.log ?? (() => undefined);
  const refLogs = o.referenceLogs ?? (o.quick ? 6_000 : 60_000);
  const oursLogs = o.oursLogs ?? (o.quick ? 60_000 : 600_000);
  const refBatches = queuedBatches(refLogs);
  const oursBatches = queuedBatches(oursLogs);
  // warm-up of both paths (JIT, Lua scripts loaded), not counted
  await oneJobPerLog(redisUrl, refBatches.slice(0, 1), 50);
  await batchedJobs(redisUrl, oursBatches.slice(0, 4));
  const ref = await oneJobPerLog(redisUrl, refBatches, 50);
  log(`queue: one job per log ${Math.round(ref)} logs/s`);
  const ours = await batchedJobs(redisUrl, oursBatches);
  log(`queue: BullMqLogQueue 500/job ${Math.round(ours)} logs/s`);
  return [
    {
      name: 'queue: BullMQ one job per log (producer + worker, one process)',
      value: Math.round(ref),
      unit: 'logs/s',
      note: `${refLogs} logs, addBulk of 1000 jobs per request, worker concurrency 50, no-op processor; issue's figure ~12k logs/s`,
    },
    {
      name: 'queue: BullMqLogQueue, 500 logs per job (producer + consumer, one process)',
      value: Math.round(ours),
      unit: 'logs/s',
      reference: 'one job per log, same run',
      referenceValue: Math.round(ref),
      ratio: Number((ours / ref).toFixed(2)),
      note: `${oursLogs} logs, 1000 per enqueue, consumer concurrency 4, no-op handler`,
    },
  ];
}
