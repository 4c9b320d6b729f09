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
};

/** A short run for a laptop or CI: same faults, less load. */
export const QUICK_OVERRIDES: Partial<FaultSuiteOptions> = { durationS: 20, rate: 1000, killEveryS: 6, mlDownAtS: 7, mlDownForS: 5, drainTimeoutS: 120 };

/** Options from defaults (quick or goal) and overrides; throws RangeError naming the bad option. */
export function resolveFaultOptions(overrides: Partial<FaultSuiteOptions> = {}, quick = false): FaultSuiteOptions {
  const o: FaultSuiteOptions = { ...GOAL_OPTIONS, ...(quick ? QUICK_OVERRIDES : {}), ...stripUndefined(overrides) };
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
  for (const k of ['killEveryS', 'mlDownAtS', 'mlDownForS', 'settleTimeoutS', 'killIngestEveryS', 'resendEvery'] as const)
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
  return o;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
