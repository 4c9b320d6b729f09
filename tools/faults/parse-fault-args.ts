import { FAULT_PRESETS, FaultPreset, FaultSuiteOptions, resolveFaultOptions } from './fault-options';

export const FAULT_USAGE = `usage: node tools/dist/faults/main.js [options]
  --quick                   a short run: 20 s at 1,000 logs/s, SIGKILL every 6 s, ml-api down at 7 s for 5 s
  --fault redis-kill|disk-full|pg-restart
                            one fault of what the apps stand on, alone, at full length (60 s at 5,000 logs/s):
                              redis-kill: the suite's own Redis SIGKILLed at 20 s and 40 s, restarted 5 s later
                              disk-full:  LOGS_DIR (a 256 MiB tmpfs; root) full from 20 s to 35 s, QUEUE_HIGH_WATER 40
                              pg-restart: PostgreSQL storage (the suite's own cluster), pg_ctl restart at 15, 30, 45 s
                            options given with it override its settings
  --duration S              seconds of load (default 60)
  --rate N                  target logs per second (default 5000)
  --batch-size N            logs per request (default 500)
  --kill-every S            SIGKILL a worker every S seconds and restart it; 0 = never (default 10)
  --ml-down-at S            second at which ml-api gets SIGTERM (default 20)
  --ml-down-for S           seconds ml-api stays down; 0 = never (default 15)
  --ml-down-mode stop|freeze  stop: SIGTERM and a new process later; freeze: SIGSTOP/SIGCONT, calls hang (default stop)
  --workers N               worker processes (default 2)
  --kill-ingest-every S     SIGKILL ingest-api every S seconds and restart it; 0 = never (default 0)
  --resend-every N          send every Nth batch twice, as a shipper that lost the 202 would (default 0 = never)
  --term-worker-at S[,S…]   SIGTERM a worker mid-job at these seconds and restart it (default none)
  --restart-all-at S        restart everything at this second instead of after the load
  --no-restart-all          do not restart everything
  --lock-ms MS              workers' QUEUE_LOCK_MS (default 5000)
  --stalled-interval-ms MS  workers' QUEUE_STALLED_INTERVAL_MS (default 2000)
  --shutdown-timeout-ms MS  every app's SHUTDOWN_TIMEOUT_MS (default 10000)
  --fsync always|never      workers' STORAGE_FSYNC (default always)
  --rotate-bytes N          workers' STORAGE_ROTATE_BYTES, e.g. 8000000 to rotate the stores during the run (default: the worker's)
  --own-redis               run a Redis of the suite's own (free port, AOF on, temp dir) instead of $REDIS_URL
  --appendfsync everysec|always  that Redis's appendfsync (default everysec)
  --redis-kill-at S[,S…]    SIGKILL the suite's own Redis at these seconds (implies --own-redis)
  --redis-down-for S        seconds it stays down before it is started again on the same port and AOF (default 3)
  --disk-full-at S          make LOGS_DIR (a tmpfs the suite mounts; needs root) full at this second
  --disk-full-for S         seconds it stays full (default 10)
  --logs-tmpfs-mb N         size of that tmpfs (default 256)
  --queue-high-water N      ingest-api's QUEUE_HIGH_WATER in jobs (default: ingest's, 4000)
  --storage json|postgres   workers store in LOGS_DIR or in a PostgreSQL cluster the suite makes (initdb) (default json)
  --pg-restart-at S[,S…]    restart that PostgreSQL at these seconds (needs --storage postgres)
  --pg-restart-mode fast|immediate  pg_ctl's -m (default fast)
  --pg-down-for S           keep it stopped this long at each restart; 0 = pg_ctl restart (default 0)
  --drain-timeout S         longest wait for the queue to drain (default 240)
  --keep                    keep the temporary stores and model
  --json FILE               also write the report as JSON to FILE
Needs the built apps (npm run build) and Redis at $REDIS_URL (default redis://127.0.0.1:6379).`;

/** Thrown for arguments that cannot be used; the CLI prints it with the usage. */
export class FaultArgsError extends Error {
  readonly code = 'faults:bad-args';
  override readonly name = this.constructor.name;
}

/** The CLI's options: the suite's, plus where to write the JSON report. */
export interface FaultCliArgs {
  readonly options: FaultSuiteOptions;
  readonly jsonFile?: string;
  readonly help: boolean;
}

const NUMERIC: Record<string, keyof FaultSuiteOptions> = {
  duration: 'durationS',
  rate: 'rate',
  'batch-size': 'batchSize',
  'kill-every': 'killEveryS',
  'ml-down-at': 'mlDownAtS',
  'ml-down-for': 'mlDownForS',
  workers: 'workers',
  'kill-ingest-every': 'killIngestEveryS',
  'resend-every': 'resendEvery',
  'restart-all-at': 'restartAllAtS',
  'lock-ms': 'lockMs',
  'stalled-interval-ms': 'stalledIntervalMs',
  'shutdown-timeout-ms': 'shutdownTimeoutMs',
  'drain-timeout': 'drainTimeoutS',
  'rotate-bytes': 'rotateBytes',
  'redis-down-for': 'redisDownForS',
  'disk-full-at': 'diskFullAtS',
  'disk-full-for': 'diskFullForS',
  'logs-tmpfs-mb': 'logsTmpfsMb',
  'queue-high-water': 'queueHighWater',
  'pg-down-for': 'pgDownForS',
};
const LISTS: Record<string, keyof FaultSuiteOptions> = { 'term-worker-at': 'termWorkerAtS', 'redis-kill-at': 'redisKillAtS', 'pg-restart-at': 'pgRestartAtS' };
const CHOICES: Record<string, { key: keyof FaultSuiteOptions; values: readonly string[] }> = {
  fsync: { key: 'fsync', values: ['always', 'never'] },
  'ml-down-mode': { key: 'mlDownMode', values: ['stop', 'freeze'] },
  appendfsync: { key: 'appendfsync', values: ['everysec', 'always'] },
  storage: { key: 'storage', values: ['json', 'postgres'] },
  'pg-restart-mode': { key: 'pgRestartMode', values: ['fast', 'immediate'] },
};

export function parseFaultArgs(argv: readonly string[]): FaultCliArgs {
  const over: Record<string, unknown> = {};
  let quick = false;
  let help = false;
  let jsonFile: string | undefined;
  let preset: Partial<FaultSuiteOptions> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m) throw new FaultArgsError(`unexpected argument ${JSON.stringify(argv[i])}`);
    const [, name, inline] = m;
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new FaultArgsError(`--${name} needs a value`);
      return v;
    };
    if (name === 'quick') quick = true;
    else if (name === 'help') help = true;
    else if (name === 'keep') over.keepDir = true;
    else if (name === 'no-restart-all') over.restartAll = false;
    else if (name === 'own-redis') over.ownRedis = true;
    else if (name === 'json') jsonFile = value();
    else if (name === 'fault') {
      const v = value();
      if (!(v in FAULT_PRESETS)) throw new FaultArgsError(`--fault must be one of ${Object.keys(FAULT_PRESETS).join(', ')}; got ${v}`);
      preset = FAULT_PRESETS[v as FaultPreset];
    } else if (CHOICES[name]) {
      const v = value();
      const { key, values } = CHOICES[name];
      if (!values.includes(v)) throw new FaultArgsError(`--${name} must be ${values.join(' or ')}; got ${v}`);
      over[key] = v;
    } else if (LISTS[name])
      over[LISTS[name]] = value()
        .split(',')
        .map((s) => toNumber(name, s));
    else if (NUMERIC[name]) over[NUMERIC[name]] = toNumber(name, value());
    else throw new FaultArgsError(`unknown option --${name}`);
  }
  try {
    return { options: resolveFaultOptions({ ...preset, ...(over as Partial<FaultSuiteOptions>) }, quick), jsonFile, help };
  } catch (err) {
    throw new FaultArgsError((err as Error).message);
  }
}

function toNumber(name: string, v: string): number {
  const x = Number(v);
  if (v.trim() === '' || !Number.isFinite(x)) throw new FaultArgsError(`--${name} must be a number; got ${JSON.stringify(v)}`);
  return x;
}
