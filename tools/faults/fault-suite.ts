import { randomUUID } from 'node:crypto';
import { accountStores } from './account-stores';
import { describeExit } from './child-app';
import { FaultBatches } from './fault-batches';
import { FaultCluster, TermResult } from './fault-cluster';
import { FaultSuiteOptions } from './fault-options';
import { FaultEvent, FaultReport, ShutdownRecord, formatEvent } from './fault-report';
import { LoadGenerator } from './load-generator';
import { scheduleInfraFaults } from './infra-faults';

/**
 * Runs logad's apps as real processes, sends a known set of logs with ids while killing and
 * restarting workers, stopping ml-api and restarting everything, lets the queue drain, and
 * accounts for every id: sent, accepted (202), stored, lost, duplicated.
 */
export async function runFaultSuite(o: FaultSuiteOptions): Promise<FaultReport> {
  const startedAt = new Date().toISOString();
  const cluster = await FaultCluster.create({
    redisUrl: o.redisUrl,
    workers: o.workers,
    lockMs: o.lockMs,
    stalledIntervalMs: o.stalledIntervalMs,
    shutdownTimeoutMs: o.shutdownTimeoutMs,
    fsync: o.fsync,
    rotateBytes: o.rotateBytes,
    ownRedis: o.ownRedis ? o.appendfsync : undefined,
    logsTmpfsMb: o.diskFullAtS !== undefined ? o.logsTmpfsMb : undefined,
    storage: o.storage,
    queueHighWater: o.queueHighWater,
    modelDir: o.modelDir,
  });
  const events: FaultEvent[] = [];
  const shutdowns: ShutdownRecord[] = [];
  const problems: string[] = [];
  let t0 = Date.now();
  const log = (what: string) => {
    const e = { t: (Date.now() - t0) / 1000, what };
    events.push(e);
    o.onProgress?.(formatEvent(e));
  };
  const recordStop = (who: string, phase: ShutdownRecord['phase'], r: TermResult | undefined, activeJobs?: number) => {
    if (!r) return;
    shutdowns.push({ who, phase, ms: r.ms, exit: describeExit(r.status), forced: r.forced, activeJobs });
    if (r.forced || r.ms > o.shutdownTimeoutMs + 2_000)
      problems.push(
        `${who} took ${r.ms} ms to exit after SIGTERM (${phase}); SHUTDOWN_TIMEOUT_MS is ${o.shutdownTimeoutMs}${r.forced ? '; it had to be SIGKILLed' : ''}`,
      );
  };
  // Cluster operations run one at a time: a kill never races a restart-all.
  let ops: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = ops.then(fn);
    ops = run.catch(() => undefined);
    return run;
  };
  let sampling = true;
  // Waits (briefly) for a job to be in flight, so that a signal lands mid-job; returns the active count.
  const waitActive = async (ms: number): Promise<number> => {
    let active = 0;
    for (const end = Date.now() + ms; Date.now() < end && (active = (await cluster.depth()).active) === 0;) await new Promise((r) => setTimeout(r, 10));
    return active;
  };
  const at = (s: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, t0 + s * 1000 - Date.now())));

  const restartAll = async () => {
    log('restart-all: SIGTERM ingest-api, then workers, then ml-api');
    const active = (await cluster.depth()).active;
    const stopped = await cluster.stopAll();
    recordStop('ingest-api', 'restart-all', stopped.ingest, active);
    stopped.workers.forEach((w, i) => recordStop(`worker-${i + 1}`, 'restart-all', w, active));
    recordStop('ml-api', 'restart-all', stopped.ml);
    log(
      `restart-all: all stopped (ingest ${stopped.ingest?.ms} ms, workers ${stopped.workers.map((w) => w?.ms).join('/')} ms, ml-api ${stopped.ml?.ms} ms); starting again`,
    );
    const t = Date.now();
    await cluster.startAll();
    log(`restart-all: everything up again in ${Date.now() - t} ms`);
  };

  try {
    log('training the model');
    await cluster.trainModel();
    await cluster.startAll();
    const redis = await cluster.redisSettings();
    log(`ml-api, ${o.workers} worker(s) and ingest-api up; queue ${cluster.queueName}`);
    const gen = new FaultBatches(randomUUID().slice(0, 8), o.batchSize);
    const load = new LoadGenerator(gen, {
      url: cluster.ingestUrl,
      rate: o.rate,
      durationMs: o.durationS * 1000,
      maxOutstanding: o.maxOutstanding,
      settleTimeoutMs: o.settleTimeoutS * 1000,
      resendEvery: o.resendEvery,
    });
    // Times are relative to the start of the load: what came before gets negative times.
    const shift = (Date.now() - t0) / 1000;
    events.forEach((e, i) => (events[i] = { ...e, t: e.t - shift }));
    t0 = Date.now();
    log(`load starts: ${o.rate} logs/s for ${o.durationS} s`);

    const tracks: Promise<void>[] = [];
    // A failed fault operation fails the run, but only once awaited (not as an unhandled rejection meanwhile).
    const track = (p: Promise<void>) => {
      p.catch(() => undefined);
      tracks.push(p);
    };
    // Runs `fn` every `intervalS` of load; a fault that overran its interval skips the slots it missed, and none runs after the load.
    const every = async (intervalS: number, fn: (n: number) => Promise<void>) => {
      let n = 0;
      for (let k = 1; k * intervalS < o.durationS; k++) {
        await at(k * intervalS);
        await exclusive(() => fn(n++));
        k = Math.max(k, Math.floor((Date.now() - t0) / 1000 / intervalS));
      }
    };
    if (o.killEveryS > 0) {
      track(
        every(o.killEveryS, async (n) => {
          const i = n % o.workers;
          const active = await waitActive(2_000);
          const pid = cluster.workers[i]?.pid;
          await cluster.killWorker(i);
          log(`worker-${i + 1} SIGKILL (pid ${pid}; ${active} jobs active in the queue)`);
          const t = Date.now();
          const app = await cluster.startWorker(i);
          log(`worker-${i + 1} started again (pid ${app.pid}) in ${Date.now() - t} ms`);
        }),
      );
    }
    if (o.mlDownForS > 0 && o.mlDownAtS < o.durationS) {
      track(
        (async () => {
          await at(o.mlDownAtS);
          if (o.mlDownMode === 'freeze') {
            await exclusive(async () => cluster.ml?.signal('SIGSTOP'));
            log(`ml-api SIGSTOP: frozen (its calls hang) for ${o.mlDownForS} s`);
            await at(o.mlDownAtS + o.mlDownForS);
            await exclusive(async () => cluster.ml?.signal('SIGCONT'));
            log('ml-api SIGCONT: answering again');
            return;
          }
          const r = await exclusive(() => cluster.stopMl());
          log(`ml-api SIGTERM: exited in ${r?.ms} ms (${r ? describeExit(r.status) : '?'}); down for ${o.mlDownForS} s`);
          await at(o.mlDownAtS + o.mlDownForS);
          await exclusive(() => cluster.startMl());
          log('ml-api started again and serving');
        })(),
      );
    }
    if (o.killIngestEveryS > 0) {
      track(
        every(o.killIngestEveryS, async () => {
          const pid = cluster.ingest?.pid;
          await cluster.ingest?.kill();
          log(`ingest-api SIGKILL (pid ${pid})`);
          const app = await cluster.startIngest();
          log(`ingest-api started again (pid ${app.pid})`);
        }),
      );
    }
    o.termWorkerAtS.forEach((s, k) => {
      track(
        (async () => {
          await at(s);
          await exclusive(async () => {
            const i = k % o.workers;
            const active = await waitActive(5_000);
            const r = await cluster.termWorker(i);
            recordStop(`worker-${i + 1}`, 'sigterm-under-load', r, active);
            log(`worker-${i + 1} SIGTERM with ${active} jobs active: exited in ${r?.ms} ms (${r ? describeExit(r.status) : '?'})`);
            const app = await cluster.startWorker(i);
            log(`worker-${i + 1} started again (pid ${app.pid})`);
          });
        })(),
      );
    });
    if (o.restartAll && o.restartAllAtS !== undefined && o.restartAllAtS < o.durationS) track(at(o.restartAllAtS).then(() => exclusive(restartAll)));
    const infra = scheduleInfraFaults({ cluster, o, load, now: () => (Date.now() - t0) / 1000, log, at, exclusive, track });

    let peakBacklog = 0;
    const sampler = (async () => {
      for (let k = 1; sampling; k++) {
        const d = await cluster.depth().catch(() => undefined);
        if (d) peakBacklog = Math.max(peakBacklog, d.waiting + d.delayed + d.active);
        if (d && k % 10 === 0)
          o.onProgress?.(
            `  … ${((Date.now() - t0) / 1000).toFixed(0)} s: ${load.acceptedIds.size.toLocaleString('en-US')} accepted; queue ${d.waiting} waiting, ${d.active} active, ${d.delayed} delayed`,
          );
        await new Promise((r) => setTimeout(r, 1_000));
      }
    })();

    await load.run(() => {
      log(`load ends: ${load.sentBatches} batches sent; the unanswered ones are still being retried`);
      // At the end: while the last batches are answered and the queue still holds work.
      if (o.restartAll && (o.restartAllAtS === undefined || o.restartAllAtS >= o.durationS)) track(exclusive(restartAll));
    });
    await Promise.all(tracks);
    await exclusive(async () => undefined);
    log(`every batch answered or given up: ${load.acceptedIds.size} ids accepted`);

    const drainStart = Date.now();
    let drained = false;
    let failedJobs = 0;
    for (let zeros = 0; Date.now() - drainStart < o.drainTimeoutS * 1000;) {
      const d = await cluster.depth();
      failedJobs = d.failed;
      zeros = d.waiting + d.active + d.delayed === 0 ? zeros + 1 : 0;
      if (zeros >= 2) {
        drained = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const drainSeconds = (Date.now() - drainStart) / 1000;
    await infra.finish();
    sampling = false;
    await sampler;
    log(drained ? `queue drained in ${drainSeconds.toFixed(1)} s` : `queue NOT drained after ${o.drainTimeoutS} s`);

    const final = await cluster.stopAll();
    recordStop('ingest-api', 'final', final.ingest);
    final.workers.forEach((w, i) => recordStop(`worker-${i + 1}`, 'final', w));
    recordStop('ml-api', 'final', final.ml);
    log('all processes stopped (SIGTERM); reading the stores');

    const stored = await cluster.storedLines();
    const accounting = accountStores({ sent: load.sentIds(), accepted: load.acceptedIds, ambiguous: load.ambiguousIds(), lines: stored.lines });
    log(
      `accounted ${o.storage === 'postgres' ? 'the PostgreSQL table' : `${stored.files} store files`}: ${accounting.lost} lost, ${accounting.duplicated} duplicated`,
    );

    if (accounting.lost > 0) problems.push(`${accounting.lost} accepted logs were not stored`);
    if (accounting.duplicated > 0) problems.push(`${accounting.duplicated} ids were stored more than once`);
    if (accounting.storedNotAcceptedUnexplained > 0)
      problems.push(`${accounting.storedNotAcceptedUnexplained} ids were stored although their request was refused`);
    if (accounting.foreign > 0 || accounting.acceptedNotSent > 0 || load.mismatchedAnswers > 0)
      problems.push('ids were stored or answered that this run never sent');
    if (!drained) problems.push(`the queue did not drain within ${o.drainTimeoutS} s`);
    if (failedJobs > 0) problems.push(`${failedJobs} jobs failed for good (their logs are not stored)`);
    const lat = [...load.latenciesMs].sort((x, y) => x - y);
    const q = (p: number) => (lat.length ? lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] : 0);
    const { onProgress: _, ...options } = o;
    void _;
    return {
      startedAt,
      finishedAt: new Date().toISOString(),
      options,
      redis,
      queueName: cluster.queueName,
      dir: o.keepDir ? cluster.dir : undefined,
      load: {
        targetRate: o.rate,
        seconds: load.loadSeconds,
        sentBatches: load.sentBatches,
        acceptedRate: load.acceptedIds.size / load.loadSeconds,
        behindBatches: load.behindBatches,
        counters: load.counters,
        abandonedBatches: load.abandoned,
        resentBatches: load.resentBatches,
        mismatchedAnswers: load.mismatchedAnswers,
        latencyMs: { p50: q(0.5), p99: q(0.99), max: lat[lat.length - 1] ?? 0 },
      },
      events,
      shutdowns,
      drain: { drained, seconds: drainSeconds, failedJobs, peakBacklogJobs: peakBacklog },
      heals: infra.heals,
      workerStats: { ...cluster.workerStats, stalledJobs: cluster.stalledJobs },
      accounting,
      problems,
      pass: problems.length === 0 && accounting.ok,
    };
  } finally {
    sampling = false;
    await cluster.dispose(o.keepDir);
  }
}
