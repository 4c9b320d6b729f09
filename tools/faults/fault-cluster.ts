import { Queue, QueueEvents } from 'bullmq';
import { listStoreFiles } from '@logad/storage';
import { Redis } from 'ioredis';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { StoredLine } from './account-stores';
import { ChildApp, ExitStatus } from './child-app';
import { freePort } from '../bench/processes';
import { LogsTmpfs } from './logs-tmpfs';
import { AppendFsync, OwnRedis } from './own-redis';
import { OwnPostgres } from './own-postgres';
import { readStoreLines } from './read-store-lines';

/** The repository root (this file runs from tools/faults or tools/dist/faults). */
export const ROOT = resolve(__dirname, __dirname.includes(`${join('tools', 'dist')}`) ? '../../..' : '../..');

export const BUILT = {
  ingest: join(ROOT, 'apps/ingest-api/dist/main.js'),
  worker: join(ROOT, 'apps/worker/dist/main.js'),
  mlApi: join(ROOT, 'apps/ml-api/dist/main.js'),
  train: join(ROOT, 'apps/ml-api/dist/train/main.js'),
} as const;

/** Throws naming the missing files when the apps were not built. */
export function assertBuilt(): void {
  const missing = Object.values(BUILT).filter((f) => !existsSync(f));
  if (missing.length > 0)
    throw new Error(
      `the fault suite runs the compiled apps; missing: ${missing.map((f) => f.slice(ROOT.length + 1)).join(', ')}. Run \`npm run build\` first.`,
    );
}

export interface ClusterSettings {
  readonly redisUrl: string;
  readonly workers: number;
  readonly lockMs: number;
  readonly stalledIntervalMs: number;
  readonly shutdownTimeoutMs: number;
  readonly fsync: 'always' | 'never';
  readonly rotateBytes?: number;
  /** Run a Redis of the suite's own (AOF on, this `appendfsync`) instead of the one at `redisUrl`. */
  readonly ownRedis?: AppendFsync;
  /** Mount a tmpfs of this many MiB as LOGS_DIR (needs root). */
  readonly logsTmpfsMb?: number;
  /** Where workers store: JSON Lines in LOGS_DIR, or a PostgreSQL cluster of the suite's own. */
  readonly storage: 'json' | 'postgres';
  /** ingest-api's QUEUE_HIGH_WATER (undefined: its default). */
  readonly queueHighWater?: number;
  /** A directory holding a trained model to serve instead of training one (saves ~5 s per run). */
  readonly modelDir?: string;
}

/** How a SIGTERMed process ended and how long it took. */
export interface TermResult {
  readonly ms: number;
  readonly status: ExitStatus;
  /** The harness had to SIGKILL it: its own shutdown deadline did not end it. */
  readonly forced: boolean;
}

export interface QueueDepth {
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
  readonly failed: number;
}

// logad settings a caller's environment could hold and that would change what is measured.
const NEUTRAL_ENV = {
  STORAGE_ROTATE_BYTES: '',
  SESSION_KEY_FIELD: '',
  API_KEYS: '',
  REVOKED_API_KEYS: '',
  ML_API_TOKEN: '',
  RATE_LIMIT_PER_KEY: '',
  QUEUE_DRIVER: 'redis',
  HOST: '127.0.0.1',
  RECORDS_PER_JOB: '',
  ALERT_WEBHOOK_URL: '',
  QUEUE_HIGH_WATER: '',
  WORKER_CONCURRENCY: '',
  MODEL_RELOAD_MS: '',
};
const START_MS = 60_000;

/**
 * ml-api, workers and ingest-api as real processes of the built apps, on loopback ports, with a
 * temporary LOGS_DIR and MODEL_DIR and a queue of their own on a shared Redis.
 */
export class FaultCluster {
  ml?: ChildApp;
  ingest?: ChildApp;
  readonly workers: Array<ChildApp | undefined>;
  /** From the workers' own log lines: jobs stored on a retry, and records storage dropped as already stored. */
  readonly workerStats = { retriedJobs: 0, duplicatesDropped: 0, starts: 0, failedAttempts: 0, enospcAttempts: 0 };
  /** Jobs the queue handed back after their worker's lock expired (a killed worker's jobs). */
  stalledJobs = 0;
  /** The suite's own Redis, PostgreSQL and LOGS_DIR tmpfs, when the settings ask for them. */
  ownRedis?: OwnRedis;
  ownPostgres?: OwnPostgres;
  logsTmpfs?: LogsTmpfs;
  private readonly redis: Redis;
  private readonly queue: Queue;
  private readonly queueEvents: QueueEvents;

  private constructor(
    readonly settings: ClusterSettings,
    readonly dir: string,
    readonly queueName: string,
    readonly ingestPort: number,
    readonly mlPort: number,
    /** The Redis every process uses: the shared one at `settings.redisUrl`, or the suite's own. */
    readonly redisUrl: string,
  ) {
    this.workers = new Array(settings.workers).fill(undefined);
    this.redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
    this.redis.on('error', () => undefined);
    this.queue = new Queue(queueName, { connection: this.redis, prefix: 'logad' });
    this.queue.on('error', () => undefined);
    this.queueEvents = new QueueEvents(queueName, { connection: this.redis, prefix: 'logad' });
    this.queueEvents.on('error', () => undefined); // it uses a duplicate of the connection, closed with it
    this.queueEvents.on('stalled', () => this.stalledJobs++);
  }

  /** Clusters not yet disposed, so that an interrupted run (Ctrl-C) can still clean up. */
  static readonly live = new Set<FaultCluster>();

  static async create(settings: ClusterSettings): Promise<FaultCluster> {
    assertBuilt();
    const dir = await mkdtemp(join(tmpdir(), 'logad-faults-'));
    const ownRedis = settings.ownRedis ? await OwnRedis.start(settings.ownRedis) : undefined;
    const cluster = new FaultCluster(settings, dir, `faults-${randomUUID()}`, await freePort(), await freePort(), ownRedis?.url ?? settings.redisUrl);
    cluster.ownRedis = ownRedis;
    FaultCluster.live.add(cluster);
    try {
      if (settings.logsTmpfsMb) cluster.logsTmpfs = await LogsTmpfs.mount(cluster.logsDir, settings.logsTmpfsMb);
      if (settings.storage === 'postgres') cluster.ownPostgres = await OwnPostgres.start();
    } catch (err) {
      await cluster.dispose();
      throw err;
    }
    return cluster;
  }

  get logsDir(): string {
    return join(this.dir, 'logs');
  }
  get modelDir(): string {
    return this.settings.modelDir ?? join(this.dir, 'models');
  }
  get ingestUrl(): string {
    return `http://127.0.0.1:${this.ingestPort}/api/v1/logs`;
  }
  /** Every file of both stores, rotated ones included. */
  async storeFiles(): Promise<{ normal: string[]; anomalous: string[] }> {
    return { normal: await listStoreFiles(this.logsDir, 'normal_logs.jsonl'), anomalous: await listStoreFiles(this.logsDir, 'anomalous_logs.jsonl') };
  }

  /** Every stored record: the lines of both stores (rotated files included), or PostgreSQL's rows. */
  async storedLines(): Promise<{ lines: StoredLine[]; files: number }> {
    if (this.ownPostgres) return { lines: await this.ownPostgres.storedLines(), files: 0 };
    const files = await this.storeFiles();
    const lines: StoredLine[] = [];
    for (const [kind, paths] of [
      ['normal', files.normal],
      ['anomalous', files.anomalous],
    ] as const) {
      for (const f of paths) for (const line of await readStoreLines(f, kind)) lines.push(line);
    }
    return { lines, files: files.normal.length + files.anomalous.length };
  }

  /** A figure that grows with every successful store (bytes in the JSON stores, rows in PostgreSQL); undefined when it cannot be read. */
  async storedSoFar(): Promise<number | undefined> {
    if (this.ownPostgres) return this.ownPostgres.count();
    const files = await this.storeFiles().catch(() => undefined);
    if (!files) return undefined;
    let bytes = 0;
    for (const f of [...files.normal, ...files.anomalous]) bytes += (await stat(f).catch(() => ({ size: 0 }))).size;
    return bytes;
  }

  /** Trains the model ml-api serves, unless the settings name one already trained. */
  async trainModel(): Promise<void> {
    if (!this.settings.modelDir) await trainModelInto(this.modelDir);
  }

  async startMl(): Promise<ChildApp> {
    const app = this.spawn('ml-api', BUILT.mlApi, { ML_API_PORT: String(this.mlPort), MODEL_DIR: this.modelDir, LOG_LEVEL: 'warn' });
    this.ml = app;
    await waitHealthy(`http://127.0.0.1:${this.mlPort}/health`, app, (b) => (b as { model_loaded?: boolean }).model_loaded === true);
    return app;
  }

  async startIngest(): Promise<ChildApp> {
    const app = this.spawn('ingest-api', BUILT.ingest, {
      INGEST_PORT: String(this.ingestPort),
      REDIS_URL: this.redisUrl,
      QUEUE_HIGH_WATER: this.settings.queueHighWater === undefined ? '' : String(this.settings.queueHighWater),
      QUEUE_NAME: this.queueName,
      LOG_LEVEL: 'warn',
    });
    this.ingest = app;
    await waitHealthy(`http://127.0.0.1:${this.ingestPort}/health`, app, (b) => (b as { queue?: string }).queue === 'up');
    return app;
  }

  async startWorker(i: number): Promise<ChildApp> {
    const s = this.settings;
    const app = this.spawn(`worker-${i + 1}`, BUILT.worker, {
      REDIS_URL: this.redisUrl,
      QUEUE_NAME: this.queueName,
      LOGS_DIR: this.logsDir,
      STORAGE_URL: this.ownPostgres?.url ?? '',
      ML_API_URL: `http://127.0.0.1:${this.mlPort}`,
      QUEUE_LOCK_MS: String(s.lockMs),
      QUEUE_STALLED_INTERVAL_MS: String(s.stalledIntervalMs),
      STORAGE_FSYNC: s.fsync,
      STORAGE_ROTATE_BYTES: s.rotateBytes === undefined ? '' : String(s.rotateBytes),
      LOG_LEVEL: 'info',
    });
    this.workers[i] = app;
    app.onOutput((line) => this.onWorkerLine(line));
    await app.waitFor(/"msg":"worker consuming"/, START_MS);
    this.workerStats.starts++;
    return app;
  }

  async startAll(): Promise<void> {
    await this.queueEvents.waitUntilReady();
    await this.startMl();
    await Promise.all(this.workers.map((_, i) => this.startWorker(i)));
    await this.startIngest();
  }

  /** SIGTERM in the order an operator would: ingest first (stop taking logs), then workers, then ml-api. */
  async stopAll(): Promise<{ ingest?: TermResult; workers: Array<TermResult | undefined>; ml?: TermResult }> {
    const ingest = await this.ingest?.terminate(this.forceAfterMs);
    const workers = await Promise.all(this.workers.map((w) => w?.terminate(this.forceAfterMs)));
    const ml = await this.ml?.terminate(this.forceAfterMs);
    return { ingest, workers, ml };
  }

  async killWorker(i: number): Promise<ExitStatus | undefined> {
    return this.workers[i]?.kill();
  }

  async termWorker(i: number): Promise<TermResult | undefined> {
    return this.workers[i]?.terminate(this.forceAfterMs);
  }

  async stopMl(): Promise<TermResult | undefined> {
    return this.ml?.terminate(this.forceAfterMs);
  }

  async depth(): Promise<QueueDepth> {
    const c = await this.queue.getJobCounts('waiting', 'prioritized', 'paused', 'active', 'delayed', 'failed');
    return { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0) + (c.paused ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0 };
  }

  /** The Redis settings the guarantees depend on (`unknown` when CONFIG is not allowed). */
  async redisSettings(): Promise<{ version: string; appendonly: string; maxmemoryPolicy: string }> {
    const get = async (k: string) => ((await this.redis.config('GET', k).catch(() => [])) as string[])[1] ?? 'unknown';
    const version = /redis_version:(\S+)/.exec(await this.redis.info('server').catch(() => ''))?.[1] ?? 'unknown';
    return { version, appendonly: await get('appendonly'), maxmemoryPolicy: await get('maxmemory-policy') };
  }

  /**
   * Kills what still runs, deletes the queue from Redis, stops the suite's own Redis and PostgreSQL,
   * unmounts the tmpfs, and removes the temporary directory unless kept. Each step runs even when
   * one before it failed.
   */
  async dispose(keepDir = false): Promise<void> {
    FaultCluster.live.delete(this);
    await Promise.all([this.ingest, this.ml, ...this.workers].map((a) => a?.kill()));
    if (this.ownRedis)
      this.redis.disconnect(); // the whole server goes: nothing to delete, and no command may wait on a dead one
    else {
      await this.queue.obliterate({ force: true }).catch(() => undefined);
      await this.deleteKeys(`logad:sessions:${this.queueName}:*`).catch(() => undefined); // the workers' session store
    }
    await this.queue.close().catch(() => undefined);
    await this.queueEvents.close().catch(() => undefined);
    this.redis.disconnect();
    await this.ownRedis?.dispose().catch(() => undefined);
    await this.ownPostgres?.dispose().catch(() => undefined);
    await this.logsTmpfs?.unmount().catch(() => undefined);
    if (!keepDir) await rm(this.dir, { recursive: true, force: true });
  }

  private async deleteKeys(pattern: string): Promise<void> {
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', pattern, 'COUNT', 500);
      if (keys.length > 0) await this.redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  }

  private get forceAfterMs(): number {
    return this.settings.shutdownTimeoutMs + 5_000;
  }

  private spawn(name: string, script: string, env: Record<string, string>): ChildApp {
    return new ChildApp(name, script, { ...process.env, ...NEUTRAL_ENV, SHUTDOWN_TIMEOUT_MS: String(this.settings.shutdownTimeoutMs), ...env }, ROOT);
  }

  private onWorkerLine(line: string): void {
    if (line.includes('job failed; the queue retries it')) {
      this.workerStats.failedAttempts++;
      if (line.includes('ENOSPC')) this.workerStats.enospcAttempts++;
      return;
    }
    if (!line.includes('job stored after retry')) return;
    try {
      const o = JSON.parse(line) as { duplicates?: number; attempt?: number };
      this.workerStats.retriedJobs++;
      this.workerStats.duplicatesDropped += o.duplicates ?? 0;
    } catch {
      // not one of ours
    }
  }
}

/** Trains a model into `dir`; retried because libs/detector may be mid-change on a shared checkout. */
export async function trainModelInto(dir: string, attempts = 3, waitMs = 20_000): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await promisify(execFile)(process.execPath, [BUILT.train, '--model-dir', dir], {
        cwd: ROOT,
        env: { ...process.env, LOG_LEVEL: 'warn' },
        timeout: 120_000,
      });
      return;
    } catch (err) {
      if (i >= attempts) throw new Error(`training the model failed ${attempts} times: ${(err as Error).message}`);
      await new Promise((r) => setTimeout(r, waitMs));
    }
  }
}

async function waitHealthy(url: string, app: ChildApp, ready: (body: unknown) => boolean): Promise<void> {
  const end = Date.now() + START_MS;
  while (Date.now() < end) {
    if (!app.running) throw new Error(`${app.name} exited while starting; last output:\n${app.lastLines()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      const body: unknown = await res.json();
      if (res.ok && ready(body)) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${app.name} not ready at ${url} within ${START_MS} ms; last output:\n${app.lastLines()}`);
}
