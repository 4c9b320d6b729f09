import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogBatches } from './log-batches';
import { LoadResult, generateLoad } from './load-generator';
import { NodeProcess, cpuSeconds, freePort, rssKib, sleep, waitHealthy } from './processes';
import { BUILT, benchScript } from './repo-root';
import { StoredAnalysis, analyseStored } from './stored-analysis';
import { trainModel } from './train-model';

export interface PipelineRunOptions {
  readonly workers: number;
  readonly durationSec: number;
  /** Offered logs/s; undefined for as fast as the pipeline takes them (closed loop held by the backlog cap). */
  readonly rate?: number;
  /** Folder holding a trained model (current.json); by default one is trained for this run (the train command and ml-api then come from the same build). */
  readonly modelDir?: string;
  readonly redisUrl: string;
  /** @defaultValue 8 (closed loop) or 64 (fixed rate: most requests in flight) */
  readonly connections?: number;
  /** Closed loop: the load pauses while more logs than this wait in the queue. @defaultValue 100,000 */
  readonly maxBacklogLogs?: number;
  /** Run every app with --cpu-prof, writing here. */
  readonly profileDir?: string;
  /** Worker RSS sampling period. @defaultValue 1000 */
  readonly rssEveryMs?: number;
  readonly log?: (line: string) => void;
  /** Extra environment for the workers (e.g. WORKER_CONCURRENCY), for experiments; the benches use the defaults. */
  readonly workerEnv?: NodeJS.ProcessEnv;
  /** Extra node flags per app (e.g. `-r` a preload that tries out a change), for experiments. */
  readonly extraNodeArgs?: { readonly mlApi?: readonly string[]; readonly worker?: readonly string[]; readonly ingest?: readonly string[] };
}

export interface WorkerMemory {
  readonly pid: number;
  /** RSS (KiB) once the worker is consuming, before any load. */
  readonly bootKib: number;
  /** RSS at the end of the load, after the queue drained, and the highest seen. */
  readonly endOfLoadKib: number;
  readonly afterDrainKib: number;
  readonly peakKib: number;
  /** [seconds since load start, KiB]. */
  readonly samples: Array<[number, number]>;
}

export interface PipelineRunResult {
  readonly workers: number;
  readonly durationSec: number;
  readonly rate?: number;
  readonly load: Omit<LoadResult, 'statuses'>;
  readonly analysis: StoredAnalysis;
  /** Stored logs / (last stored_at − first received_at). */
  readonly throughput: number;
  /** Accepted logs / load duration. */
  readonly acceptRate: number;
  /** From the end of the load to an empty queue. */
  readonly drainMs: number;
  readonly failedJobs: number;
  readonly workerMemory: WorkerMemory[];
  /** CPU seconds used by each process from load start to drained, and the wall seconds of that span. */
  readonly cpu: Record<string, number>;
  readonly profiles: string[];
  /** JSON Lines files the records were found in (more than 2 when storage rotated). */
  readonly storedFiles: number;
  /** How the model was made. */
  readonly modelNote: string;
}

/** pid of the local redis-server, for its CPU time (read from /proc, nothing is signalled). */
function redisPid(): number | undefined {
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'redis-server') return Number(d);
    } catch {
      // gone
    }
  }
  return undefined;
}

/**
 * One end-to-end run on real processes: ml-api, `workers` workers and ingest-api (compiled apps,
 * default settings: STORAGE_FSYNC=always, 500 logs per job) on a fresh queue and fresh folders;
 * load; wait for the queue to drain; stop; then read every stored line and check it.
 */
export async function runPipeline(o: PipelineRunOptions): Promise<PipelineRunResult> {
  const log = o.log ?? (() => undefined);
  const dir = mkdtempSync(join(tmpdir(), 'logad-bench-pipeline-'));
  const logsDir = join(dir, 'logs');
  const queueName = `bench-pipeline-${randomUUID()}`;
  const idTag = `p${randomBytes(4).toString('hex')}`;
  const [mlPort, ingestPort] = [await freePort(), await freePort()];
  const mlUrl = `http://127.0.0.1:${mlPort}`;
  const ingestUrl = `http://127.0.0.1:${ingestPort}`;
  const common = { REDIS_URL: o.redisUrl, QUEUE_DRIVER: 'redis', QUEUE_NAME: queueName, HOST: '127.0.0.1', LOG_LEVEL: 'info' };
  const nodeArgs = (name: string) =>
    o.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${join(o.profileDir, name)}`, '-r', benchScript('profile-exit.preload.js')] : [];
  const procs: NodeProcess[] = [];
  let modelDir = o.modelDir;
  let modelNote = 'given';
  const redisConn = new Redis(o.redisUrl, { maxRetriesPerRequest: null });
  const queue = new Queue(queueName, { connection: redisConn, prefix: 'logad' });
  const counts = async () => {
    const c = await queue.getJobCounts('waiting', 'prioritized', 'paused', 'active', 'delayed', 'failed');
    return { waiting: (c.waiting ?? 0) + (c.prioritized ?? 0) + (c.paused ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0 };
  };
  let sampler: NodeJS.Timeout | undefined;
  let backlogPoller: NodeJS.Timeout | undefined;
  try {
    if (!modelDir) {
      modelDir = join(dir, 'models');
      modelNote = await trainModel(modelDir);
    }
    const ml = new NodeProcess('ml-api', BUILT.mlApiMain, {
      env: { ...common, ML_API_PORT: String(mlPort), MODEL_DIR: modelDir, MODEL_RELOAD_MS: '0' },
      nodeArgs: [...nodeArgs('ml-api'), ...(o.extraNodeArgs?.mlApi ?? [])],
    });
    procs.push(ml);
    await waitModelLoaded(`${mlUrl}/health`, ml);
    const workers: NodeProcess[] = [];
    for (let i = 0; i < o.workers; i++) {
      const w = new NodeProcess(`worker-${i + 1}`, BUILT.workerMain, {
        env: { ...common, ML_API_URL: mlUrl, LOGS_DIR: logsDir, ...o.workerEnv },
        nodeArgs: [...nodeArgs(`worker-${i + 1}`), ...(o.extraNodeArgs?.worker ?? [])],
      });
      const ready = w.waitFor(/worker consuming/, 30_000);
      procs.push(w);
      workers.push(w);
      await ready;
    }
    const ingest = new NodeProcess('ingest-api', BUILT.ingestMain, {
      env: { ...common, INGEST_PORT: String(ingestPort) },
      nodeArgs: [...nodeArgs('ingest-api'), ...(o.extraNodeArgs?.ingest ?? [])],
    });
    procs.push(ingest);
    await waitHealthy(`${ingestUrl}/health`, 30_000, ingest);
    log(
      `pipeline: ${o.workers} worker(s) up (ml-api ${ml.pid}, workers ${workers.map((w) => w.pid).join(' ')}, ingest ${ingest.pid}); ${o.rate ? `${o.rate} logs/s` : 'max rate'} for ${o.durationSec} s`,
    );

    // Worker memory, sampled through the run.
    const t0 = Date.now();
    const memory = workers.map((w) => ({ pid: w.pid, bootKib: rssKib(w.pid) ?? NaN, samples: [] as Array<[number, number]>, peakKib: 0 }));
    const sample = () => {
      for (const m of memory) {
        const kib = rssKib(m.pid);
        if (kib === undefined) continue;
        m.samples.push([Math.round((Date.now() - t0) / 100) / 10, kib]);
        m.peakKib = Math.max(m.peakKib, kib);
      }
    };
    sampler = setInterval(sample, o.rssEveryMs ?? 1000);
    const redis = redisPid();
    const cpuPids: Record<string, number> = Object.fromEntries(procs.map((p) => [p.name, p.pid]));
    if (redis) cpuPids['redis-server'] = redis;
    const cpuStart = Object.fromEntries(Object.entries(cpuPids).map(([k, pid]) => [k, cpuSeconds(pid) ?? 0]));
    const benchCpuStart = process.cpuUsage();

    // Closed loop: hold the load while the queue's backlog exceeds the cap, so that the run
    // measures what the pipeline sustains rather than how much Redis can hold.
    let waitingLogs = 0;
    const maxBacklog = o.maxBacklogLogs ?? 100_000;
    backlogPoller = setInterval(
      () =>
        void counts().then(
          (c) => (waitingLogs = c.waiting * 500),
          () => undefined,
        ),
      100,
    );
    const gate = async () => {
      while (waitingLogs > maxBacklog) await sleep(10);
    };
    const batches = new LogBatches(1000);
    const load = await generateLoad({
      url: `${ingestUrl}/api/v1/logs`,
      batches,
      idTag,
      durationMs: o.durationSec * 1000,
      connections: o.connections ?? (o.rate === undefined ? 8 : 64),
      rate: o.rate,
      gate: o.rate === undefined ? gate : undefined,
    });
    clearInterval(backlogPoller);
    sample();
    const endOfLoad = memory.map((m) => rssKib(m.pid) ?? NaN);
    log(`pipeline: load done, ${load.acceptedLogs} logs accepted (${JSON.stringify(load.byStatus)}); draining`);

    const drainStart = Date.now();
    let failedJobs = 0;
    for (let emptyPolls = 0; emptyPolls < 2;) {
      const c = await counts();
      failedJobs = c.failed;
      emptyPolls = c.waiting + c.active + c.delayed === 0 ? emptyPolls + 1 : 0;
      if (Date.now() - drainStart > 15 * 60_000) throw new Error(`queue did not drain within 15 min: ${JSON.stringify(c)}`);
      await sleep(100);
    }
    const drainMs = Date.now() - drainStart;
    clearInterval(sampler);
    sample();
    const afterDrain = memory.map((m) => rssKib(m.pid) ?? NaN);
    const wallSec = (Date.now() - load.startedAt) / 1000;
    const cpu: Record<string, number> = { wall: round1(wallSec) };
    // Two decimals: /proc counts in 10-ms ticks, and at 10k logs/s a tenth of a second is 1 µs per log of a 10-s run.
    for (const [k, pid] of Object.entries(cpuPids)) cpu[k] = round2((cpuSeconds(pid) ?? 0) - cpuStart[k]);
    const benchCpu = process.cpuUsage(benchCpuStart);
    cpu['bench (load generator)'] = round1((benchCpu.user + benchCpu.system) / 1e6);

    for (const p of [ingest, ...workers, ml]) await p.stop(o.profileDir ? 'SIGUSR2' : 'SIGTERM');
    // Every JSON Lines file in the folder: the live normal and anomalous files and any rotated ones.
    const files = readdirSync(logsDir)
      .filter((f) => f.endsWith('.jsonl'))
      .map((f) => join(logsDir, f));
    const analysis = await analyseStored(files, idTag, load.statuses, batches.batchSize);
    const spanSec = (analysis.lastStoredAt - analysis.firstReceivedAt) / 1000;
    const { statuses: _statuses, ...loadSummary } = load;
    void _statuses;
    return {
      workers: o.workers,
      durationSec: o.durationSec,
      rate: o.rate,
      load: loadSummary,
      analysis,
      throughput: analysis.stored / spanSec,
      acceptRate: load.acceptedLogs / ((load.endedAt - load.startedAt) / 1000),
      drainMs,
      failedJobs,
      workerMemory: memory.map((m, i) => ({
        pid: m.pid,
        bootKib: m.bootKib,
        endOfLoadKib: endOfLoad[i],
        afterDrainKib: afterDrain[i],
        peakKib: m.peakKib,
        samples: m.samples,
      })),
      cpu,
      profiles: o.profileDir ? listProfiles(o.profileDir) : [],
      storedFiles: files.length,
      modelNote,
    };
  } finally {
    clearInterval(sampler);
    clearInterval(backlogPoller);
    await Promise.all(procs.map((p) => p.stop('SIGTERM', 5_000)));
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    redisConn.disconnect();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function waitModelLoaded(url: string, proc: NodeProcess): Promise<void> {
  const end = Date.now() + 60_000;
  await waitHealthy(url, 60_000, proc);
  while (Date.now() < end) {
    const h = (await (await fetch(url)).json()) as { model_loaded?: boolean };
    if (h.model_loaded) return;
    await sleep(100);
  }
  throw new Error(`ml-api at ${url} loaded no model; last output:\n${proc.lastLines()}`);
}

function listProfiles(root: string): string[] {
  const out: string[] = [];
  for (const d of readdirSync(root)) for (const f of readdirSync(join(root, d))) if (f.endsWith('.cpuprofile')) out.push(join(root, d, f));
  return out;
}

const round1 = (v: number) => Math.round(v * 10) / 10;
const round2 = (v: number) => Math.round(v * 100) / 100;
