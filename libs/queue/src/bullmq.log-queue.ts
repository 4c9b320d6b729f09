import { LogJob, QueuedLog } from '@logad/contracts';
import { Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { chunk } from './chunk';
import { QueueClosedError } from './errors/queue-closed.error';
import { QueueUnavailableError } from './errors/queue-unavailable.error';
import { ConsumeOptions, JobHandler, LogQueue, QueueCounts } from './log-queue';
import { DEFAULT_QUEUE_OPTIONS, LogQueueOptions } from './log-queue.options';
import { RedisSentinelOptions, createRedisConnection } from './redis-connection';
import { retryDelay } from './retry-delay';

/** Options of {@link BullMqLogQueue}. */
export interface BullMqLogQueueOptions extends LogQueueOptions {
  /**
   * Redis to use.
   * @defaultValue 'redis://127.0.0.1:6379'
   */
  readonly redisUrl?: string;
  /**
   * Key prefix in Redis.
   * @defaultValue 'logad'
   */
  readonly prefix?: string;
  /**
   * How long a worker holds a job before it counts as stalled and is handed to another worker (ms).
   * @defaultValue 30000
   */
  readonly lockDurationMs?: number;
  /**
   * How often workers look for stalled jobs (ms).
   * @defaultValue 30000
   */
  readonly stalledIntervalMs?: number;
  /**
   * How long a producer waits for Redis to connect before refusing (ms).
   * @defaultValue 1000
   */
  readonly connectTimeoutMs?: number;
  /**
   * How long a producer waits for Redis to confirm a command (ms).
   * @defaultValue 5000
   */
  readonly commandTimeoutMs?: number;
  /**
   * Reach Redis through Sentinel (the URL then gives only password, user and database).
   * @defaultValue undefined (connect to `redisUrl`)
   */
  readonly sentinel?: RedisSentinelOptions;
  /**
   * Replicas that must confirm an enqueue (Redis `WAIT`) before it resolves; fewer within
   * `waitTimeoutMs` rejects it, as Redis down does, so that ingest answers 503 and the shipper resends.
   * 0: the primary's confirmation is enough (a failover can lose the last writes).
   * @defaultValue 0
   */
  readonly waitReplicas?: number;
  /**
   * How long an enqueue waits for `waitReplicas` replicas (ms).
   * @defaultValue 1000
   */
  readonly waitTimeoutMs?: number;
}

// Retries are unbounded: a log accepted with 202 must not be dropped because ml-api was down.
const UNBOUNDED_ATTEMPTS = 1_000_000_000;
const BACKOFF_TYPE = 'logad';

/**
 * BullMQ on Redis: durable across process restarts, shared by any number of worker processes.
 * Producers fail fast when Redis is unreachable (no offline queue), so ingest can answer 503.
 */
export class BullMqLogQueue extends LogQueue {
  private readonly opts: Required<Omit<BullMqLogQueueOptions, 'sentinel'>>;
  private readonly sentinel?: RedisSentinelOptions;
  private readonly producerConnection: Redis;
  private queueInstance?: Queue<LogJob, unknown, string, LogJob, unknown, string>;
  private readonly workers: Worker<LogJob>[] = [];
  private readonly workerConnections: Redis[] = [];
  private closed = false;

  constructor(options: BullMqLogQueueOptions = {}) {
    super();
    this.opts = {
      redisUrl: 'redis://127.0.0.1:6379',
      prefix: 'logad',
      lockDurationMs: 30_000,
      stalledIntervalMs: 30_000,
      connectTimeoutMs: 1_000,
      commandTimeoutMs: 5_000,
      waitReplicas: 0,
      waitTimeoutMs: 1_000,
      ...DEFAULT_QUEUE_OPTIONS,
      ...options,
    };
    this.sentinel = options.sentinel;
    this.producerConnection = createRedisConnection(this.opts.redisUrl, this.sentinel, {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: 2_000,
      retryStrategy: (times) => Math.min(times * 200, 2_000),
    });
    this.producerConnection.on('error', () => undefined); // surfaced through rejected commands
  }

  // Made on the first successful connection: BullMQ's start-up commands would otherwise fail
  // (no offline queue) and surface as unhandled errors once the queue is closed.
  private get queue(): Queue<LogJob, unknown, string, LogJob, unknown, string> {
    if (!this.queueInstance) {
      this.queueInstance = new Queue<LogJob, unknown, string, LogJob, unknown, string>(this.opts.name, {
        connection: this.producerConnection,
        prefix: this.opts.prefix,
        skipVersionCheck: true,
      });
      this.queueInstance.on('error', () => undefined);
    }
    return this.queueInstance;
  }

  async enqueue(records: readonly QueuedLog[]): Promise<void> {
    if (this.closed) throw new QueueClosedError();
    const jobs = chunk(records, this.opts.recordsPerJob).map((part) => ({
      name: 'logs',
      data: { records: part },
      opts: {
        attempts: UNBOUNDED_ATTEMPTS,
        backoff: { type: BACKOFF_TYPE },
        removeOnComplete: true,
        removeOnFail: false,
      },
    }));
    try {
      await this.whenConnected();
      await withTimeout(this.queue.addBulk(jobs), this.opts.commandTimeoutMs, 'Redis did not confirm the enqueue');
      if (this.opts.waitReplicas > 0) await this.waitForReplicas();
    } catch (err) {
      throw new QueueUnavailableError(`could not enqueue to Redis at ${redactUrl(this.opts.redisUrl)}: ${(err as Error).message}`, { cause: err });
    }
  }

  // WAIT covers every earlier write of this connection, so concurrent enqueues share one wait.
  private async waitForReplicas(): Promise<void> {
    const { waitReplicas, waitTimeoutMs } = this.opts;
    const acked = (await withTimeout(
      this.producerConnection.call('WAIT', String(waitReplicas), String(waitTimeoutMs)),
      waitTimeoutMs + this.opts.commandTimeoutMs,
      'Redis did not answer WAIT',
    )) as number;
    if (acked < waitReplicas) throw new Error(`${acked} of ${waitReplicas} replica(s) confirmed the enqueue within ${waitTimeoutMs} ms`);
  }

  async consume(handler: JobHandler, options: ConsumeOptions = {}): Promise<void> {
    if (this.closed) throw new QueueClosedError();
    // Workers block on Redis, so they need their own connection that retries for ever.
    const connection = createRedisConnection(this.opts.redisUrl, this.sentinel, { maxRetriesPerRequest: null });
    connection.on('error', () => undefined);
    this.workerConnections.push(connection);
    const { backoffMs, maxBackoffMs } = this.opts;
    const worker = new Worker<LogJob>(this.opts.name, async (job: Job<LogJob>) => handler(job.data, { id: job.id ?? '', attempt: job.attemptsMade + 1 }), {
      connection,
      prefix: this.opts.prefix,
      concurrency: options.concurrency ?? 4,
      lockDuration: this.opts.lockDurationMs,
      stalledInterval: this.opts.stalledIntervalMs,
      // A killed worker's job comes back after lockDuration; never fail it for stalling.
      maxStalledCount: UNBOUNDED_ATTEMPTS,
      settings: { backoffStrategy: (attemptsMade: number) => retryDelay(attemptsMade, backoffMs, maxBackoffMs) },
    });
    worker.on('error', () => undefined);
    this.workers.push(worker);
    await worker.waitUntilReady();
  }

  async counts(): Promise<QueueCounts> {
    await this.whenConnected();
    const c = await this.queue.getJobCounts('waiting', 'prioritized', 'paused', 'active', 'delayed', 'failed');
    return { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0) + (c.paused ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0 };
  }

  async ping(): Promise<void> {
    try {
      await this.whenConnected();
      await withTimeout(this.producerConnection.ping(), this.opts.commandTimeoutMs, 'no PONG');
    } catch (err) {
      throw new QueueUnavailableError(`Redis at ${redactUrl(this.opts.redisUrl)} does not answer: ${(err as Error).message}`, { cause: err });
    }
  }

  // BullMQ waits for a connection indefinitely; a producer must rather fail fast and let ingest answer 503.
  private async whenConnected(): Promise<void> {
    const c = this.producerConnection;
    if (c.status === 'ready') return;
    if (c.status === 'wait') void c.connect().catch(() => undefined);
    await withTimeout(new Promise<void>((resolve) => c.once('ready', () => resolve())), this.opts.connectTimeoutMs, `not connected (status ${c.status})`);
  }

  /** Deletes the queue and all its jobs from Redis (tests and `logad reset`). */
  async obliterate(): Promise<void> {
    await this.whenConnected();
    await this.queue.obliterate({ force: true });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled(this.workers.map((w) => w.close()));
    if (this.queueInstance) await Promise.allSettled([this.queueInstance.close()]);
    for (const c of [...this.workerConnections, this.producerConnection]) c.disconnect();
  }
}

function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** A Redis URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(invalid URL)';
  }
}
