import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { promisify } from 'node:util';
import { StoredLine } from '../faults/account-stores';
import { BUILT, ROOT, assertBuilt } from '../faults/fault-cluster';
import { HostProcess, startOnHost } from './host-process';
import { Host, Network } from './netns';
import { INGEST_PORT, ML_PORT, PrivatePostgres, REDIS_PORTS, SENTINEL_NAME, SENTINEL_PORT, startNginx, startRedis, startSentinel, waitPort } from './services';

export const INGEST_HOSTS = ['ingest-1', 'ingest-2'] as const;
export const ML_HOSTS = ['ml-1', 'ml-2'] as const;
export const WORKER_HOSTS = ['worker-1', 'worker-2', 'worker-3'] as const;

/** Settings the apps share; the queue ones short so that a killed worker's jobs come back in seconds. */
export interface TopologySettings {
  readonly lockMs: number;
  readonly stalledIntervalMs: number;
  /** ingest-api's REDIS_WAIT_REPLICAS. */
  readonly waitReplicas: number;
}

/**
 * The seed's diagram as namespaces: a client, nginx in front of 2 ingest-api and 2 ml-api hosts,
 * 3 worker hosts, a Redis host (primary, replica, Sentinel) and a PostgreSQL host, every app the
 * built one, every server Debian's.
 */
export class TopologyCluster {
  readonly procs = new Map<string, HostProcess[]>();
  readonly queueName = `topology-${randomUUID()}`;
  redisProcs = new Map<number, HostProcess>();
  private redis?: Redis;
  private queue?: Queue;

  private constructor(
    readonly net: Network,
    readonly dir: string,
    readonly pg: PrivatePostgres,
    readonly settings: TopologySettings,
  ) {}

  static async create(settings: TopologySettings, log: (line: string) => void = () => undefined): Promise<TopologyCluster> {
    assertBuilt();
    const stale = await Network.cleanStale();
    if (stale.length > 0) log(`removed what earlier runs left: ${stale.join(', ')}`);
    const net = await Network.create();
    const dir = await mkdtemp(join(tmpdir(), 'logad-topology-'));
    try {
      for (const name of ['client', 'lb', ...INGEST_HOSTS, ...ML_HOSTS, ...WORKER_HOSTS, 'redis', 'pg']) await net.addHost(name);
      log(`${net.hosts.size} hosts on ${net.subnet}.0/24 (bridge ${net.bridge})`);
      const pg = await PrivatePostgres.create(net.host('pg'), dir);
      const c = new TopologyCluster(net, dir, pg, settings);
      await c.startAll(log);
      return c;
    } catch (err) {
      await net.dispose();
      await rm(dir, { recursive: true, force: true });
      throw err;
    }
  }

  get ingestUrl(): string {
    return `http://${this.net.host('lb').ip}/api/v1/logs`;
  }
  get modelDir(): string {
    return join(this.dir, 'models');
  }
  get redisHost(): Host {
    return this.net.host('redis');
  }

  private async startAll(log: (line: string) => void): Promise<void> {
    const r = this.redisHost;
    await this.pg.start();
    this.redisProcs.set(REDIS_PORTS[0], await startRedis(r, this.dir, REDIS_PORTS[0]));
    this.redisProcs.set(REDIS_PORTS[1], await startRedis(r, this.dir, REDIS_PORTS[1], { ip: r.ip, port: REDIS_PORTS[0] }));
    this.add('redis', await startSentinel(r, this.dir, { ip: r.ip, port: REDIS_PORTS[0] }));
    log(`PostgreSQL, Redis primary + replica and Sentinel up on ${r.ip}`);
    await promisify(execFile)(process.execPath, [BUILT.train, '--model-dir', this.modelDir], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn' },
      timeout: 180_000,
    });
    await Promise.all(ML_HOSTS.map((h) => this.startMl(h)));
    await Promise.all(INGEST_HOSTS.map((h) => this.startIngest(h)));
    this.add(
      'lb',
      await startNginx(
        this.net.host('lb'),
        this.dir,
        INGEST_HOSTS.map((h) => this.net.host(h)),
        ML_HOSTS.map((h) => this.net.host(h)),
      ),
    );
    for (const h of WORKER_HOSTS) await this.startWorker(h); // one at a time: the first runs the migrations
    this.redis = new Redis({ sentinels: [{ host: r.ip, port: SENTINEL_PORT }], name: SENTINEL_NAME, maxRetriesPerRequest: null });
    this.redis.on('error', () => undefined);
    this.queue = new Queue(this.queueName, { connection: this.redis, prefix: 'logad' });
    this.queue.on('error', () => undefined);
    log('2 ml-api, 2 ingest-api behind nginx, 3 workers up');
  }

  /** The environment every app gets: Redis through Sentinel, PostgreSQL storage, nothing from the caller's logad settings. */
  private env(extra: Record<string, string>): NodeJS.ProcessEnv {
    const r = this.redisHost;
    return {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOST: '0.0.0.0',
      REDIS_URL: `redis://${r.ip}:${REDIS_PORTS[0]}`,
      REDIS_SENTINELS: `${r.ip}:${SENTINEL_PORT}`,
      REDIS_SENTINEL_NAME: SENTINEL_NAME,
      QUEUE_NAME: this.queueName,
      STORAGE_URL: this.pg.url,
      SHUTDOWN_TIMEOUT_MS: '5000',
      ...extra,
    };
  }

  async startMl(host: string): Promise<void> {
    const h = this.net.host(host);
    const p = this.spawn(host, [BUILT.mlApi], {
      ML_API_PORT: String(ML_PORT),
      MODEL_DIR: this.modelDir,
      LOG_LEVEL: 'warn',
      RETRAIN_EVERY_MS: '0',
      BASELINE_SAVE_MS: '0',
      STORAGE_URL: '',
    });
    await waitHealthy(`http://${h.ip}:${ML_PORT}/health`, p, (b) => (b as { model_loaded?: boolean }).model_loaded === true);
  }

  async startIngest(host: string): Promise<void> {
    const h = this.net.host(host);
    const p = this.spawn(host, [BUILT.ingest], {
      INGEST_PORT: String(INGEST_PORT),
      OTLP_PORT: '0',
      LOG_LEVEL: 'warn',
      REDIS_WAIT_REPLICAS: String(this.settings.waitReplicas),
      LOGS_DIR: join(this.dir, 'unused-logs'),
    });
    await waitHealthy(`http://${h.ip}:${INGEST_PORT}/health`, p, (b) => (b as { queue?: string }).queue === 'up');
  }

  async startWorker(host: string): Promise<void> {
    const p = this.spawn(host, [BUILT.worker], {
      ML_API_URL: `http://${this.net.host('lb').ip}:${ML_PORT}`,
      QUEUE_LOCK_MS: String(this.settings.lockMs),
      QUEUE_STALLED_INTERVAL_MS: String(this.settings.stalledIntervalMs),
      WORKER_PORT: '9100',
      LOGS_DIR: join(this.dir, 'unused-logs'),
      LOG_LEVEL: 'info',
    });
    await p.waitFor(/"msg":"worker consuming"/, 60_000);
  }

  /** Starts again what runs on an app host (after it was killed). */
  async restartHost(host: string): Promise<void> {
    this.procs.set(host, []);
    if (host.startsWith('worker')) await this.startWorker(host);
    else if (host.startsWith('ingest')) await this.startIngest(host);
    else if (host.startsWith('ml')) await this.startMl(host);
    else throw new Error(`${host} is not an app host`);
  }

  /** The primary Sentinel names now. */
  async primaryPort(): Promise<number | undefined> {
    const s = new Redis({ host: this.redisHost.ip, port: SENTINEL_PORT, lazyConnect: true, maxRetriesPerRequest: 1 });
    s.on('error', () => undefined);
    try {
      const addr = (await s.call('SENTINEL', 'get-master-addr-by-name', SENTINEL_NAME)) as string[] | null;
      return addr ? Number(addr[1]) : undefined;
    } catch {
      return undefined;
    } finally {
      s.disconnect();
    }
  }

  /** Jobs not yet done (waiting, active, delayed), or undefined while Redis does not answer. */
  async backlog(): Promise<{ pending: number; failed: number } | undefined> {
    try {
      const c = await withTimeout(this.queue!.getJobCounts('waiting', 'prioritized', 'paused', 'active', 'delayed', 'failed'), 2_000);
      return { pending: (c.waiting ?? 0) + (c.prioritized ?? 0) + (c.paused ?? 0) + (c.active ?? 0) + (c.delayed ?? 0), failed: c.failed ?? 0 };
    } catch {
      return undefined;
    }
  }

  /** The records stored for one phase's ids (`<tag>-…`), as the fault suite's accounting reads lines. */
  async storedLines(tag: string): Promise<StoredLine[]> {
    const client = new Client({ connectionString: this.pg.url });
    await client.connect();
    try {
      const res = await client.query<{ id: string; is_anomaly: boolean }>(`SELECT id, is_anomaly FROM logad_records WHERE id LIKE $1`, [`${tag}-%`]);
      return res.rows.map((r) => ({ kind: 'record', id: r.id, file: r.is_anomaly ? 'anomalous' : 'normal', isAnomaly: r.is_anomaly }));
    } finally {
      await client.end();
    }
  }

  spawn(host: string, argv: string[], env: Record<string, string>): HostProcess {
    const p = startOnHost(host, this.net.host(host), [process.execPath, ...argv], this.env(env), ROOT);
    this.add(host, p);
    return p;
  }

  private add(host: string, p: HostProcess): void {
    this.procs.set(host, [...(this.procs.get(host) ?? []), p]);
  }

  async dispose(keepDir = false): Promise<void> {
    await this.queue?.obliterate({ force: true }).catch(() => undefined);
    await this.queue?.close().catch(() => undefined);
    this.redis?.disconnect();
    await this.net.dispose();
    if (!keepDir) await rm(this.dir, { recursive: true, force: true });
  }
}

async function waitHealthy(url: string, p: HostProcess, ready: (body: unknown) => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!p.running) throw new Error(`${p.name} exited while starting; last output:\n${p.lastLines()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (res.ok && ready(await res.json())) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${p.name} not ready at ${url} within ${ms} ms; last output:\n${p.lastLines()}`);
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let t: NodeJS.Timeout | undefined;
  return Promise.race([p, new Promise<never>((_, rej) => (t = setTimeout(() => rej(new Error('timeout')), ms)))]).finally(() => clearTimeout(t));
}

export { waitPort };
