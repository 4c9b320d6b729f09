import { LogLimits } from '@logad/contracts';
import { QueueDriver, RedisSentinelOptions, sentinelSetting } from '@logad/queue';
import { ApiKeyGrant, EnvReader, HttpTimeouts, parseApiKeyGrants } from '@logad/server';
import { STORAGE_URL_SCHEMES } from '@logad/storage';

/** The syslog listener's settings (RFC 5424 and 3164 over TCP and UDP). */
export interface SyslogConfig {
  /**
   * One port for both TCP and UDP; 0 = no listener. Syslog carries no credentials: bind it to a
   * trusted interface.
   * @defaultValue 0 (off)
   */
  readonly port: number;
  /** @defaultValue 127.0.0.1 */
  readonly host: string;
  /**
   * Largest frame (TCP) or datagram (UDP), in bytes; a TCP frame over it closes the connection.
   * @defaultValue 65536
   */
  readonly maxMessageBytes: number;
  /** A TCP connection that sends nothing this long is closed. @defaultValue 300000 */
  readonly idleTimeoutMs: number;
  /** A frame begun and not finished this long (a slow sender) closes its connection. @defaultValue 10000 */
  readonly frameTimeoutMs: number;
  /** Open TCP connections past which new ones are refused. @defaultValue 256 */
  readonly maxConnections: number;
}

/** ingest-api's settings, read from the environment in this one place and checked at boot. */
export interface IngestConfig {
  readonly host: string;
  readonly port: number;
  /**
   * A second port that serves only OTLP/HTTP `POST /v1/logs` (the OTLP default, so exporters need
   * no path or port set); 0 = off.
   * @defaultValue 4318, or 0 when `INGEST_PORT` is 0 (an ephemeral instance, as tests start)
   */
  readonly otlpPort: number;
  /** OTLP_PORT was set: a port that is taken fails the boot; the default one taken is only a warning. */
  readonly otlpPortSet: boolean;
  readonly redisUrl: string;
  /** REDIS_SENTINELS set: Redis is the primary these sentinels name (REDIS_SENTINEL_NAME); REDIS_URL gives only password and db. */
  readonly redisSentinel?: RedisSentinelOptions;
  readonly queueDriver: QueueDriver;
  readonly queueName: string;
  readonly recordsPerJob: number;
  readonly maxBodyBytes: number;
  /** How long a request may take to arrive, on both ports (slow senders get 408 and are closed). */
  readonly httpTimeouts: HttpTimeouts;
  readonly limits: LogLimits;
  /**
   * Keys and their scopes (`key` or `key:ingest+read+admin`; a key without scopes has all three);
   * none = open (only sensible on a trusted network). Never logged.
   */
  readonly apiKeys: ApiKeyGrant[];
  /** Keys that were handed out and withdrawn: answered 403, not 401. */
  readonly revokedApiKeys: string[];
  /** Logs per second per key (0 = no limit), with a burst of twice that. */
  readonly rateLimitPerKey: number;
  /**
   * `cluster`: one bucket per key in Redis, shared by every replica; `process`: a bucket per key
   * in each process (N replicas give a key N times its limit). The memory queue is always `process`.
   * @defaultValue 'cluster'
   */
  readonly rateLimitScope: 'cluster' | 'process';
  /** Queue jobs waiting above which ingest answers 429 (back-pressure), summed over every replica. */
  readonly queueHighWater: number;
  /**
   * Jobs one replica may enqueue before it reads the shared queue depth again (it also reads it
   * every 250 ms): N replicas overshoot the high-water mark by at most N × max(this, one request's jobs).
   * @defaultValue 50
   */
  readonly queueHighWaterSlack: number;
  /** Replicas that must confirm each enqueue (Redis WAIT) before the 202; 0 = the primary's word. */
  readonly redisWaitReplicas: number;
  readonly redisWaitTimeoutMs: number;
  readonly shutdownTimeoutMs: number;
  readonly logLevel: string;
  /** Where the worker's JSON Lines files (and `muted_templates.json`) are, for the query API. */
  readonly logsDir: string;
  /** `postgres://…`: the query API reads PostgreSQL; unset: the JSON Lines files in `logsDir`. */
  readonly storageUrl?: string;
  readonly syslog: SyslogConfig;
  /**
   * ml-api, asked for its per-source baselines (`GET /api/v1/baselines`, the dashboard's learning
   * banner); ingestion never calls it.
   * @defaultValue http://127.0.0.1:8000
   */
  readonly mlApiUrl: string;
  /** Sent as `Authorization: Bearer` to ml-api when set (ml-api's ML_API_TOKEN). Never logged. */
  readonly mlApiToken?: string;
}

/** `r` is exposed so that the configuration doc can be checked against what is read. */
export function loadIngestConfig(env: NodeJS.ProcessEnv = process.env, r = new EnvReader(env)): IngestConfig {
  const port = r.int('INGEST_PORT', 8080, 0, 65535);
  const config: IngestConfig = {
    host: r.string('HOST', '127.0.0.1'),
    port,
    otlpPort: r.int('OTLP_PORT', port === 0 ? 0 : 4318, 0, 65535),
    otlpPortSet: env.OTLP_PORT !== undefined && env.OTLP_PORT !== '',
    redisUrl: r.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    redisSentinel: sentinelSetting(r.optionalString('REDIS_SENTINELS'), r.string('REDIS_SENTINEL_NAME', 'logad')),
    queueDriver: r.oneOf('QUEUE_DRIVER', ['redis', 'memory'] as const, 'redis'),
    queueName: r.string('QUEUE_NAME', 'logad-logs'),
    recordsPerJob: r.int('RECORDS_PER_JOB', 500, 1, 10_000),
    maxBodyBytes: r.int('MAX_BODY_BYTES', 10 * 1024 * 1024, 1024),
    httpTimeouts: { headersMs: r.int('HTTP_HEADERS_TIMEOUT_MS', 10_000, 1), requestMs: r.int('HTTP_REQUEST_TIMEOUT_MS', 60_000, 1) },
    limits: {
      maxBatchSize: r.int('MAX_BATCH_SIZE', 10_000, 1),
      maxMessageBytes: r.int('MAX_MESSAGE_BYTES', 64 * 1024, 1),
      maxSourceLength: r.int('MAX_SOURCE_LENGTH', 256, 1),
      maxIdLength: r.int('MAX_ID_LENGTH', 128, 1),
      maxAttributesBytes: r.int('MAX_ATTRIBUTES_BYTES', 16 * 1024, 2),
      maxAttributesDepth: r.int('MAX_ATTRIBUTES_DEPTH', 5, 1, 64),
    },
    apiKeys: parseApiKeyGrants(splitList(r.optionalString('API_KEYS'))),
    revokedApiKeys: splitList(r.optionalString('REVOKED_API_KEYS')),
    rateLimitPerKey: r.int('RATE_LIMIT_PER_KEY', 0, 0),
    rateLimitScope: r.oneOf('RATE_LIMIT_SCOPE', ['cluster', 'process'] as const, 'cluster'),
    queueHighWater: r.int('QUEUE_HIGH_WATER', 4000, 1),
    queueHighWaterSlack: r.int('QUEUE_HIGH_WATER_SLACK', 50, 1),
    redisWaitReplicas: r.int('REDIS_WAIT_REPLICAS', 0, 0, 16),
    redisWaitTimeoutMs: r.int('REDIS_WAIT_TIMEOUT_MS', 1000, 1),
    shutdownTimeoutMs: r.int('SHUTDOWN_TIMEOUT_MS', 25_000, 100),
    logLevel: r.oneOf('LOG_LEVEL', ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'], 'info'),
    logsDir: r.string('LOGS_DIR', 'logs'),
    storageUrl: r.optionalUrl('STORAGE_URL', STORAGE_URL_SCHEMES),
    syslog: {
      port: r.int('SYSLOG_PORT', 0, 0, 65535),
      host: r.string('SYSLOG_HOST', '127.0.0.1'),
      maxMessageBytes: r.int('SYSLOG_MAX_MESSAGE_BYTES', 64 * 1024, 480, 16 * 1024 * 1024),
      idleTimeoutMs: r.int('SYSLOG_IDLE_TIMEOUT_MS', 300_000, 1),
      frameTimeoutMs: r.int('SYSLOG_FRAME_TIMEOUT_MS', 10_000, 1),
      maxConnections: r.int('SYSLOG_MAX_CONNECTIONS', 256, 1),
    },
    mlApiUrl: r.url('ML_API_URL', 'http://127.0.0.1:8000', ['http:', 'https:']),
    mlApiToken: r.optionalString('ML_API_TOKEN'),
  };
  r.done();
  // One process holds the memory queue: there is nothing to share a bucket with.
  return config.queueDriver === 'memory' ? { ...config, rateLimitScope: 'process' } : config;
}

function splitList(v: string | undefined): string[] {
  return (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
