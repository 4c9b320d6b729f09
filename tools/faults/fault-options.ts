import { AppendFsync } from './own-redis';
import { PgRestartMode } from './own-postgres';

/** What the fault suite does: load, faults, and the settings the apps run with. */
export interface FaultSuiteOptions {
  /**
   * Seconds of load.
   * @defaultValue 60 (quick: 20)
   */
  readonly durationS: number;
  /**
   * Target logs per second sent to ingest-api.
   * @defaultValue 5000 (quick: 1000)
   */
  readonly rate: number;
  /**
   * Logs per request (each with a unique client `id`).
   * @defaultValue 500
   */
  readonly batchSize: number;
  /**
   * SIGKILL a worker (round robin) every this many seconds of load and start a new one at once; 0: never.
   * @defaultValue 10 (quick: 6)
   */
  readonly killEveryS: number;
  /**
   * Second of load at which ml-api gets SIGTERM; it is started again `mlDownForS` later.
   * @defaultValue 20 (quick: 7)
   */
  readonly mlDownAtS: number;
  /**
   * Seconds ml-api stays down; 0: it is never stopped.
   * @defaultValue 15 (quick: 5)
   */
  readonly mlDownForS: number;
  /**
   * How ml-api goes down: `stop` = SIGTERM, then a new process (connections refused); `freeze` = SIGSTOP, then SIGCONT
   * (connections accepted, never answered: calls hang until ML_API_TIMEOUT_MS).
   * @defaultValue 'stop'
   */
  readonly mlDownMode: 'stop' | 'freeze';
  /**
   * Seconds of load at which a worker gets SIGTERM (once it holds an active job) and is replaced: the graceful-shutdown check.
   * @defaultValue [] (none)
   */
  readonly termWorkerAtS: readonly number[];
  /**
   * SIGKILL ingest-api every this many seconds of load and start it again (answers in flight are lost; the shipper resends); 0: never.
   * @defaultValue 0
   */
  readonly killIngestEveryS: number;
  /**
   * Every this many batches, one is sent again right after its 202, as a shipper that lost the answer would: the same ids reach the queue as two jobs. 0: never.
   * @defaultValue 0
   */
  readonly resendEvery: number;
  /**
   * Worker processes.
   * @defaultValue 2
   */
  readonly workers: number;
  /**
   * SIGTERM every process and start them all again: after the load (undefined) or at this second of load.
   * @defaultValue undefined (after the load)
   */
  readonly restartAllAtS?: number;
  /**
   * Whether to restart everything at all.
   * @defaultValue true
   */
  readonly restartAll: boolean;
  /**
   * Workers' QUEUE_LOCK_MS: a SIGKILLed worker's job comes back after it.
   * @defaultValue 5000
   */
  readonly lockMs: number;
  /**
   * Workers' QUEUE_STALLED_INTERVAL_MS.
   * @defaultValue 2000
   */
  readonly stalledIntervalMs: number;
  /**
   * Every app's SHUTDOWN_TIMEOUT_MS.
   * @defaultValue 10000
   */
  readonly shutdownTimeoutMs: number;
  /**
   * Workers' STORAGE_FSYNC.
   * @defaultValue 'always'
   */
  readonly fsync: 'always' | 'never';
  /**
   * Workers' STORAGE_ROTATE_BYTES: a small value makes the stores rotate during the faults (0: never).
   * @defaultValue undefined (the worker's default, 1 GiB)
   */
  readonly rotateBytes?: number;
  /**
   * Batches being sent or retried at once; past it the generator falls behind its target rate (reported).
   * @defaultValue 64
   */
  readonly maxOutstanding: number;
  /**
   * After the load, how long unanswered batches keep being retried before they are given up (s).
   * @defaultValue 60
   */
  readonly settleTimeoutS: number;
  /**
   * How long the queue may take to drain after the last fault (s).
   * @defaultValue 240
   */
  readonly drainTimeoutS: number;
  /**
   * Redis to use; a random queue name is used and obliterated at the end.
   * @defaultValue $REDIS_URL or 'redis://127.0.0.1:6379'
   */
  readonly redisUrl: string;
  /**
   * Keep the temporary directory (stores, model) for inspection.
   * @defaultValue false
   */
  readonly keepDir: boolean;
  /**
   * Run a Redis of the suite's own (a free port, AOF on, a temporary directory) instead of the one at `redisUrl`.
   * @defaultValue false (true when `redisKillAtS` is set)
   */
  readonly ownRedis: boolean;
  /**
   * The suite's own Redis's `appendfsync`.
   * @defaultValue 'everysec'
   */
  readonly appendfsync: AppendFsync;
  /**
   * Seconds of load at which the suite's own Redis gets SIGKILL; it is started again on the same port and AOF `redisDownForS` later.
   * @defaultValue [] (never)
   */
  readonly redisKillAtS: readonly number[];
  /**
   * Seconds the suite's own Redis stays down after a SIGKILL.
   * @defaultValue 3
   */
  readonly redisDownForS: number;
  /**
   * Second of load at which the tmpfs under LOGS_DIR is made full (a filler file); it is freed `diskFullForS` later. Needs root.
   * @defaultValue undefined (never)
   */
  readonly diskFullAtS?: number;
  /**
   * Seconds LOGS_DIR stays full.
   * @defaultValue 10
   */
  readonly diskFullForS: number;
  /**
   * Size of the tmpfs mounted as LOGS_DIR when `diskFullAtS` is set (MiB).
   * @defaultValue 256
   */
  readonly logsTmpfsMb: number;
  /**
   * ingest-api's QUEUE_HIGH_WATER (jobs waiting or delayed past which it answers 429).
   * @defaultValue undefined (ingest's default, 4000)
   */
  readonly queueHighWater?: number;
  /**
   * Where workers store: JSON Lines files in LOGS_DIR, or a PostgreSQL cluster of the suite's own (`initdb` in a temporary directory).
   * @defaultValue 'json'
   */
  readonly storage: 'json' | 'postgres';
  /**
   * Seconds of load at which the suite's own PostgreSQL is restarted (`storage: 'postgres'`).
   * @defaultValue [] (never)
   */
  readonly pgRestartAtS: readonly number[];
  /**
   * `pg_ctl -m`: `fast` disconnects everyone and rolls back; `immediate` is a crash (recovery on start).
   * @defaultValue 'fast'
   */
  readonly pgRestartMode: PgRestartMode;
  /**
   * Seconds PostgreSQL stays stopped at each restart; 0: `pg_ctl restart` (down for as long as the restart takes).
   * @defaultValue 0
   */
  readonly pgDownForS: number;
  /**
   * A directory with a trained model to serve (tests share one); undefined: train one per run.
   * @defaultValue undefined
   */
  readonly modelDir?: string;
  /** Called with each progress line (fault events as they happen). */
  readonly onProgress?: (line: string) => void;
}

/** The goal: 60 s at 5,000 logs/s, a worker SIGKILLed every 10 s, ml-api down for 15 s, then restart everything. */
export const GOAL_OPTIONS: FaultSuiteOptions = {
  durationS: 60,
  rate: 5000,
  batchSize: 500,
  killEveryS: 10,
  mlDownAtS: 20,
  mlDownForS: 15,
  mlDownMode: 'stop',
  termWorkerAtS: [],
  killIngestEveryS: 0,
  resendEvery: 0,
  workers: 2,
  restartAll: true,
  lockMs: 5000,
  stalledIntervalMs: 2000,
  shutdownTimeoutMs: 10_000,
  fsync: 'always',
  maxOutstanding: 64,
  settleTimeoutS: 60,
  drainTimeoutS: 240,
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  keepDir: false,
  ownRedis: false,
  appendfsync: 'everysec',
  redisKillAtS: [],
  redisDownForS: 3,
  diskFullForS: 10,
  logsTmpfsMb: 256,
  storage: 'json',
  pgRestartAtS: [],
  pgRestartMode: 'fast',
  pgDownForS: 0,
};

/** The faults `--fault NAME` runs at full length, each on its own (no worker kills, ml-api up, no restart-all). */
export type FaultPreset = 'redis-kill' | 'disk-full' | 'pg-restart';
const ALONE: Partial<FaultSuiteOptions> = { durationS: 60, rate: 5000, killEveryS: 0, mlDownForS: 0, restartAll: false };
export const FAULT_PRESETS: Record<FaultPreset, Partial<FaultSuiteOptions>> = {
  /** The suite's own Redis SIGKILLed at 20 s and at 40 s, down 5 s each time. */
  'redis-kill': { ...ALONE, redisKillAtS: [20, 40], redisDownForS: 5 },
  /** LOGS_DIR (a 256 MiB tmpfs) full from 20 s to 35 s; ingest's high-water mark at 40 jobs (20,000 logs, 4 s of load). */
  'disk-full': { ...ALONE, diskFullAtS: 20, diskFullForS: 15, queueHighWater: 40 },
  /** The suite's own PostgreSQL restarted (`pg_ctl restart -m fast`) at 15, 30 and 45 s. */
  'pg-restart': { ...ALONE, storage: 'postgres', pgRestartAtS: [15, 30, 45] },
};

/** A short run for a laptop or CI: same faults, less load. */
export const QUICK_OVERRIDES: Partial<FaultSuiteOptions> = { durationS: 20, rate: 1000, killEveryS: 6, mlDownAtS: 7, mlDownForS: 5, drainTimeoutS: 120 };

/** Options from defaults (quick or goal) and overrides; throws RangeError naming the bad option. */
export function resolveFaultOptions(overrides: Partial<FaultSuiteOptions> = {}, quick = false): FaultSuiteOptions {
  const given = { ...GOAL_OPTIONS, ...(quick ? QUICK_OVERRIDES : {}), ...stripUndefined(overrides) };
  // A Redis kill needs a Redis of the suite's own: the shared one is never touched.
  const o: FaultSuiteOptions = { ...given, ownRedis: given.ownRedis || given.redisKillAtS.length > 0 };
  const positive: Array<keyof FaultSuiteOptions> = [
    'durationS',
    'rate',
    'batchSize',
    'workers',
    'lockMs',
    'stalledIntervalMs',
    'shutdownTimeoutMs',
    'maxOutstanding',
    'drainTimeoutS',
  ];
  for (const k of positive)
    if (!(typeof o[k] === 'number' && (o[k] as number) > 0)) throw new RangeError(`fault suite option ${k} must be a positive number; got ${String(o[k])}`);
  for (const k of [
    'killEveryS',
    'mlDownAtS',
    'mlDownForS',
    'settleTimeoutS',
    'killIngestEveryS',
    'resendEvery',
    'redisDownForS',
    'diskFullForS',
    'pgDownForS',
  ] as const)
    if (!(o[k] >= 0)) throw new RangeError(`fault suite option ${k} must be ≥ 0; got ${o[k]}`);
  if (!Number.isInteger(o.batchSize) || o.batchSize > 10_000)
    throw new RangeError(`fault suite option batchSize must be an integer ≤ 10000 (ingest's MAX_BATCH_SIZE); got ${o.batchSize}`);
  if (!Number.isInteger(o.resendEvery)) throw new RangeError(`fault suite option resendEvery must be an integer; got ${o.resendEvery}`);
  if (!Number.isInteger(o.workers)) throw new RangeError(`fault suite option workers must be an integer; got ${o.workers}`);
  if (o.termWorkerAtS.some((t) => !(t >= 0 && t < o.durationS)))
    throw new RangeError(`fault suite option termWorkerAtS must lie within the load (0 to ${o.durationS} s); got ${o.termWorkerAtS.join(',')}`);
  if (o.rotateBytes !== undefined && !(Number.isInteger(o.rotateBytes) && o.rotateBytes >= 0))
    throw new RangeError(`fault suite option rotateBytes must be an integer ≥ 0; got ${o.rotateBytes}`);
  if (o.restartAllAtS !== undefined && !(o.restartAllAtS >= 0)) throw new RangeError(`fault suite option restartAllAtS must be ≥ 0; got ${o.restartAllAtS}`);
  for (const k of ['redisKillAtS', 'pgRestartAtS'] as const)
    if (o[k].some((t) => !(t >= 0 && t < o.durationS)))
      throw new RangeError(`fault suite option ${k} must lie within the load (0 to ${o.durationS} s); got ${o[k].join(',')}`);
  if (o.diskFullAtS !== undefined && !(o.diskFullAtS >= 0 && o.diskFullAtS < o.durationS))
    throw new RangeError(`fault suite option diskFullAtS must lie within the load (0 to ${o.durationS} s); got ${o.diskFullAtS}`);
  if (!(Number.isInteger(o.logsTmpfsMb) && o.logsTmpfsMb >= 1))
    throw new RangeError(`fault suite option logsTmpfsMb must be an integer ≥ 1; got ${o.logsTmpfsMb}`);
  if (o.queueHighWater !== undefined && !(Number.isInteger(o.queueHighWater) && o.queueHighWater >= 1))
    throw new RangeError(`fault suite option queueHighWater must be an integer ≥ 1; got ${o.queueHighWater}`);
  if (o.pgRestartAtS.length > 0 && o.storage !== 'postgres') throw new RangeError("fault suite option pgRestartAtS needs storage 'postgres'");
  if (o.diskFullAtS !== undefined && o.storage !== 'json') throw new RangeError("fault suite option diskFullAtS fills LOGS_DIR: it needs storage 'json'");
  return o;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
