import { Accounting } from './account-stores';
import { FaultSuiteOptions } from './fault-options';
import { LoadCounters } from './load-generator';

/** One thing the harness did or saw, `t` seconds after the load started (negative: before it). */
export interface FaultEvent {
  readonly t: number;
  readonly what: string;
}

/** How long a fault of what the apps stand on (Redis, the disk, PostgreSQL) took to heal, in seconds after it ended. */
export interface HealRecord {
  readonly fault: string;
  /** Seconds of load at which the fault ended (Redis answering again, space back, PostgreSQL accepting). */
  readonly endedAtS: number;
  readonly firstAcceptedS?: number;
  readonly firstStoredS?: number;
  /** The backlog (waiting + delayed jobs) back to zero. */
  readonly drainedS?: number;
}

/** A process that was asked to stop with SIGTERM, and how it went. */
export interface ShutdownRecord {
  readonly who: string;
  /** Why it was stopped: a graceful-shutdown check under load, restart-all, or the end of the run. */
  readonly phase: 'sigterm-under-load' | 'restart-all' | 'final';
  readonly ms: number;
  /** e.g. `signal SIGTERM` (Nest re-raised it after an orderly close) or `code 1` (shutdown deadline). */
  readonly exit: string;
  /** The harness had to SIGKILL it. */
  readonly forced: boolean;
  /** Jobs active in the queue when the signal was sent. */
  readonly activeJobs?: number;
}

/** Everything one run measured. */
export interface FaultReport {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly options: Omit<FaultSuiteOptions, 'onProgress'>;
  readonly redis: { readonly version: string; readonly appendonly: string; readonly maxmemoryPolicy: string };
  readonly queueName: string;
  /** The temporary directory, when kept. */
  readonly dir?: string;
  readonly load: {
    readonly targetRate: number;
    readonly seconds: number;
    readonly sentBatches: number;
    /** Accepted logs per second of load. */
    readonly acceptedRate: number;
    /** Batches the schedule wanted but could not issue (outstanding cap). */
    readonly behindBatches: number;
    readonly counters: LoadCounters;
    readonly abandonedBatches: number;
    /** Batches sent twice on purpose (`resendEvery`). */
    readonly resentBatches: number;
    readonly mismatchedAnswers: number;
    readonly latencyMs: { readonly p50: number; readonly p99: number; readonly max: number };
  };
  readonly events: readonly FaultEvent[];
  readonly shutdowns: readonly ShutdownRecord[];
  readonly drain: { readonly drained: boolean; readonly seconds: number; readonly failedJobs: number; readonly peakBacklogJobs: number };
  /** One per Redis kill, disk-full or PostgreSQL restart. */
  readonly heals: readonly HealRecord[];
  readonly workerStats: {
    readonly retriedJobs: number;
    readonly duplicatesDropped: number;
    readonly starts: number;
    /** Jobs handed back by the queue after their worker's lock expired (a SIGKILL landed mid-job). */
    readonly stalledJobs: number;
    /** Job attempts that threw (and were retried), and how many of them for want of space (ENOSPC). */
    readonly failedAttempts: number;
    readonly enospcAttempts: number;
  };
  readonly accounting: Accounting;
  /** Why the run failed; empty when it passed. */
  readonly problems: readonly string[];
  readonly pass: boolean;
}

const n = (x: number) => x.toLocaleString('en-US');

/** The report as text: the accounting first, then the load, the shutdowns and the fault timeline. */
export function formatFaultReport(r: FaultReport): string {
  const a = r.accounting;
  const o = r.options;
  const c = r.load.counters;
  const other =
    Object.entries(c.otherStatus)
      .map(([s, k]) => `${s}: ${n(k)}`)
      .join(', ') || 'none';
  const lines = [
    `logad fault suite — ${r.pass ? 'PASS' : 'FAIL'}  (${r.startedAt} → ${r.finishedAt})`,
    `  load ${o.durationS} s at ${n(o.rate)} logs/s in batches of ${o.batchSize}; ${o.workers} worker(s); ${o.killEveryS ? `SIGKILL a worker every ${o.killEveryS} s` : 'no worker SIGKILL'}; ml-api ${o.mlDownForS ? `${o.mlDownMode === 'freeze' ? 'frozen' : 'down'} at ${o.mlDownAtS} s for ${o.mlDownForS} s` : 'never down'}; ${o.killIngestEveryS ? `SIGKILL ingest-api every ${o.killIngestEveryS} s; ` : ''}${o.resendEvery ? `every ${o.resendEvery}th batch sent twice; ` : ''}restart-all ${o.restartAll ? (o.restartAllAtS === undefined ? 'after the load' : `at ${o.restartAllAtS} s`) : 'off'}`,
    ...infraLine(r),
    `  QUEUE_LOCK_MS=${o.lockMs} QUEUE_STALLED_INTERVAL_MS=${o.stalledIntervalMs} SHUTDOWN_TIMEOUT_MS=${o.shutdownTimeoutMs} STORAGE_FSYNC=${o.fsync}; Redis ${r.redis.version} appendonly=${r.redis.appendonly} maxmemory-policy=${r.redis.maxmemoryPolicy}`,
    '',
    'accounting (distinct record ids)',
    `  sent                        ${n(a.sent)}`,
    `  accepted (in 202 answers)   ${n(a.accepted)}`,
    `  stored (${o.storage === 'postgres' ? 'PostgreSQL rows' : 'both files'})${o.storage === 'postgres' ? '    ' : '         '}${n(a.stored)}   (${n(a.normalLines)} normal + ${n(a.anomalousLines)} anomalous ${o.storage === 'postgres' ? 'rows' : 'lines'})`,
    `  lost (accepted, not stored) ${n(a.lost)}${a.samples.lost.length ? `   e.g. ${a.samples.lost.join(', ')}` : ''}`,
    `  duplicated                  ${n(a.duplicated)}${a.duplicated ? ` (${n(a.extraCopies)} extra lines)   e.g. ${a.samples.duplicated.join(', ')}` : ''}`,
    `  stored, never accepted      ${n(a.storedNotAccepted)}   (answer lost: ${n(a.storedNotAcceptedExplained)}; unexplained: ${n(a.storedNotAcceptedUnexplained)}${a.samples.unexplained.length ? ` e.g. ${a.samples.unexplained.join(', ')}` : ''})`,
    `  every 202 accounted for     ${a.lost === 0 ? 'yes' : 'NO'}`,
    `  torn lines                  ${n(a.tornLines)}${a.samples.torn.length ? `   ${a.samples.torn.join('; ')}` : ''}`,
    `  foreign ids / 202s naming unsent ids / misfiled records: ${n(a.foreign)} / ${n(a.acceptedNotSent)} / ${n(a.misfiled)}`,
    '',
    'load',
    `  ${n(r.load.sentBatches)} batches in ${r.load.seconds.toFixed(1)} s; accepted ${n(Math.round(r.load.acceptedRate))} logs/s (target ${n(r.load.targetRate)})${r.load.behindBatches ? `; ${n(r.load.behindBatches)} batches behind schedule` : ''}`,
    `  requests ${n(c.requests)}: 202 ${n(c.accepted202)}, 429 ${n(c.tooMany429)}, 503 ${n(c.unavailable503)}, refused ${n(c.refused)}, answer lost ${n(c.answerLost)}, other ${other}`,
    `  202 latency p50 ${r.load.latencyMs.p50} ms, p99 ${r.load.latencyMs.p99} ms, max ${r.load.latencyMs.max} ms; batches given up: ${n(r.load.abandonedBatches)}; sent twice on purpose: ${n(r.load.resentBatches)}; 202s with wrong ids: ${n(r.load.mismatchedAnswers)}`,
    `  queue: peak backlog ${n(r.drain.peakBacklogJobs)} jobs; ${r.drain.drained ? `drained ${r.drain.seconds.toFixed(1)} s after the last fault and the last 202` : 'NOT drained'}; failed jobs ${n(r.drain.failedJobs)}`,
    `  workers: ${n(r.workerStats.failedAttempts)} job attempts failed and were retried (${n(r.workerStats.enospcAttempts)} of them ENOSPC)`,
    ...r.heals.map((h) => `  ${h.fault} at +${h.endedAtS.toFixed(1)} s healed: ${describeHeal(h)}`),
    `  workers: ${r.workerStats.starts} starts; ${n(r.workerStats.stalledJobs)} jobs came back stalled (killed mid-job); ${n(r.workerStats.retriedJobs)} jobs stored on a retry or redelivery, ${n(r.workerStats.duplicatesDropped)} already-stored records dropped by storage`,
    '',
    'shutdowns (SIGTERM)',
    ...r.shutdowns.map(
      (s) =>
        `  ${s.phase.padEnd(18)} ${s.who.padEnd(10)} ${String(s.ms).padStart(6)} ms  ${s.exit}${s.forced ? '  FORCED (SIGKILL)' : ''}${s.activeJobs === undefined ? '' : `  (${s.activeJobs} active jobs at the signal)`}`,
    ),
    '',
    'events',
    ...r.events.map(formatEvent),
  ];
  if (r.problems.length > 0) lines.push('', 'problems', ...r.problems.map((p) => `  - ${p}`));
  if (r.dir) lines.push('', `files kept in ${r.dir}`);
  return lines.join('\n');
}

function infraLine(r: FaultReport): string[] {
  const o = r.options;
  const parts: string[] = [];
  if (o.ownRedis)
    parts.push(
      `the suite's own Redis (appendfsync ${o.appendfsync})${o.redisKillAtS.length ? ` SIGKILLed at ${o.redisKillAtS.join(', ')} s, down ${o.redisDownForS} s each` : ''}`,
    );
  if (o.diskFullAtS !== undefined) parts.push(`LOGS_DIR a ${o.logsTmpfsMb} MiB tmpfs, full at ${o.diskFullAtS} s for ${o.diskFullForS} s`);
  if (o.storage === 'postgres')
    parts.push(
      `PostgreSQL storage (the suite's own cluster)${o.pgRestartAtS.length ? `, ${o.pgDownForS ? `stopped for ${o.pgDownForS} s` : 'restarted'} -m ${o.pgRestartMode} at ${o.pgRestartAtS.join(', ')} s` : ''}`,
    );
  if (o.queueHighWater !== undefined) parts.push(`QUEUE_HIGH_WATER=${o.queueHighWater}`);
  return parts.length ? [`  ${parts.join('; ')}`] : [];
}

export function describeHeal(h: HealRecord): string {
  const s = (x?: number) => (x === undefined ? 'never' : `+${x.toFixed(1)} s`);
  return `first 202 ${s(h.firstAcceptedS)}, first store ${s(h.firstStoredS)}, backlog drained ${s(h.drainedS)} after the fault ended`;
}

export function formatEvent(e: FaultEvent): string {
  return `  ${(e.t >= 0 ? '+' : '') + e.t.toFixed(1).padStart(6)} s  ${e.what}`;
}
