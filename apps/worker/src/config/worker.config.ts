import { EnvReader } from '@logad/server';
import { QueueDriver, RedisSentinelOptions, sentinelSetting } from '@logad/queue';
import { ALERT_FORMATS, AlertFormat } from '../alerts/alert-payload';
import { SEGMENT_NAME, STORAGE_URL_SCHEMES } from '@logad/storage';

/** The worker's settings, read from the environment in this one place and checked at boot. */
export interface WorkerConfig {
  readonly redisUrl: string;
  /** REDIS_SENTINELS set: Redis is the primary these sentinels name (REDIS_SENTINEL_NAME); REDIS_URL gives only password and db. */
  readonly redisSentinel?: RedisSentinelOptions;
  readonly queueDriver: QueueDriver;
  readonly queueName: string;
  readonly concurrency: number;
  readonly mlApiUrl: string;
  readonly mlApiTimeoutMs: number;
  /** Sent as `Authorization: Bearer` to ml-api when set (ml-api's ML_API_TOKEN). */
  readonly mlApiToken?: string;
  /** How calls to ml-api are encoded: MessagePack (JSON with an ml-api that answers 415 to it) or JSON. */
  readonly mlApiEncoding: 'msgpack' | 'json';
  /** Most events per `POST /predict/events` (concurrent jobs share a call up to this many). */
  readonly mlBatchSize: number;
  readonly logsDir: string;
  /** `postgres://…` stores records in PostgreSQL; unset keeps the JSON Lines files in `logsDir`. */
  readonly storageUrl?: string;
  readonly fsync: 'always' | 'never';
  /** Size past which a store file is moved aside and a new one started (0 = never). */
  readonly rotateBytes: number;
  /** This worker's own JSON Lines segment (`auto`: the first free `w<n>`); unset: the shared files. */
  readonly storageSegment?: string;
  /** Whole UTC days of records older than this are dropped, at start and hourly (0 = keep forever; PostgreSQL only). */
  readonly retentionDays: number;
  readonly alertWebhookUrl?: string;
  readonly alertWebhookTimeoutMs: number;
  readonly alertWebhookFormat: AlertFormat;
  /** Alertmanager: an alert ends this long after it was last sent (at least two group windows), as logad sends no resolutions. */
  readonly alertResolveAfterMs: number;
  /** ingest-api's URL as people reach it (e.g. `https://logad.example.com`): alerts link to its dashboard. */
  readonly publicUrl?: string;
  /** At most one alert per template per this window (ms); 0 alerts on every anomaly. */
  readonly alertGroupWindowMs: number;
  /** How long a job stays locked to a worker; a killed worker's job is redelivered after it (ms). */
  readonly lockDurationMs: number;
  readonly stalledIntervalMs: number;
  /** Longest a graceful shutdown may take before the process exits anyway (ms). */
  readonly shutdownTimeoutMs: number;
  /** Group records into sessions by this dotted attributes path too (besides the model's key pattern). */
  readonly sessionKeyField?: string;
  /** How often closed sessions are looked for and scored (ms). */
  readonly sessionSweepMs: number;
  readonly host: string;
  /** Port of the worker's /health, /ready and /metrics; 0 picks a free one. */
  readonly port: number;
  readonly logLevel: string;
}

/** `r` is exposed so that the configuration doc can be checked against what is read. */
export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env, r = new EnvReader(env)): WorkerConfig {
  const config: WorkerConfig = {
    redisUrl: r.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    redisSentinel: sentinelSetting(r.optionalString('REDIS_SENTINELS'), r.string('REDIS_SENTINEL_NAME', 'logad')),
    queueDriver: r.oneOf('QUEUE_DRIVER', ['redis', 'memory'] as const, 'redis'),
    queueName: r.string('QUEUE_NAME', 'logad-logs'),
    concurrency: r.int('WORKER_CONCURRENCY', 4, 1, 256),
    mlApiUrl: r.url('ML_API_URL', 'http://127.0.0.1:8000', ['http:', 'https:']),
    mlApiTimeoutMs: r.int('ML_API_TIMEOUT_MS', 10_000, 100),
    mlApiToken: r.optionalString('ML_API_TOKEN'),
    mlApiEncoding: r.oneOf('ML_API_ENCODING', ['msgpack', 'json'] as const, 'msgpack'),
    mlBatchSize: r.int('ML_BATCH_SIZE', 1000, 1, 10_000),
    logsDir: r.string('LOGS_DIR', 'logs'),
    storageUrl: r.optionalUrl('STORAGE_URL', STORAGE_URL_SCHEMES),
    fsync: r.oneOf('STORAGE_FSYNC', ['always', 'never'] as const, 'always'),
    rotateBytes: r.int('STORAGE_ROTATE_BYTES', 1024 * 1024 * 1024, 0),
    storageSegment: r.optionalMatching('STORAGE_SEGMENT', (v) => v === 'auto' || SEGMENT_NAME.test(v), "'auto' or 1–32 letters, digits, '_' or '-'"),
    retentionDays: r.int('STORAGE_RETENTION_DAYS', 0, 0, 100_000),
    alertWebhookUrl: r.optionalUrl('ALERT_WEBHOOK_URL', ['http:', 'https:']),
    alertWebhookTimeoutMs: r.int('ALERT_WEBHOOK_TIMEOUT_MS', 5_000, 100),
    alertWebhookFormat: r.oneOf('ALERT_WEBHOOK_FORMAT', ALERT_FORMATS, 'json'),
    alertResolveAfterMs: r.int('ALERT_RESOLVE_AFTER_MS', 300_000, 1000),
    publicUrl: r.optionalUrl('PUBLIC_URL', ['http:', 'https:']),
    alertGroupWindowMs: r.int('ALERT_GROUP_WINDOW_MS', 60_000, 0),
    lockDurationMs: r.int('QUEUE_LOCK_MS', 30_000, 1000),
    stalledIntervalMs: r.int('QUEUE_STALLED_INTERVAL_MS', 30_000, 1000),
    shutdownTimeoutMs: r.int('SHUTDOWN_TIMEOUT_MS', 25_000, 100),
    sessionKeyField: r.optionalString('SESSION_KEY_FIELD'),
    sessionSweepMs: r.int('SESSION_SWEEP_MS', 1000, 50),
    host: r.string('HOST', '127.0.0.1'),
    port: r.int('WORKER_PORT', 9100, 0, 65535),
    logLevel: r.oneOf('LOG_LEVEL', ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'], 'info'),
  };
  r.done();
  return config;
}
