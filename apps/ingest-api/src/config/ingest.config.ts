import { LogLimits } from '@logad/contracts';
import { QueueDriver, RedisSentinelOptions, parseSentinelList } from '@logad/queue';
import { ApiKeyGrant, EnvReader, parseApiKeyGrants } from '@logad/server';

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
  /** Queue jobs waiting above which ingest answers 429 (back-pressure). */
  readonly queueHighWater: number;
  /** Replicas that must confirm each enqueue (Redis WAIT) before the 202; 0 = the primary's word. */
  readonly redisWaitReplicas: number;
  readonly redisWaitTimeoutMs: number;
  readonly shutdownTimeoutMs: number;
  readonly logLevel: string;
  /** Where the worker's JSON Lines files (and `muted_templates.json`) are, for the query API. */
  readonly logsDir: string;
  /** `postgres://…`: the query API reads PostgreSQL; unset: the JSON Lines files in `logsDir`. */
  readonly storageUrl?: string;
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
    redisSentinel: readSentinel(r),
    queueDriver: r.oneOf('QUEUE_DRIVER', ['redis', 'memory'] as const, 'redis'),
    queueName: r.string('QUEUE_NAME', 'logad-logs'),
    recordsPerJob: r.int('RECORDS_PER_JOB', 500, 1, 10_000),
    maxBodyBytes: r.int('MAX_BODY_BYTES', 10 * 1024 * 1024, 1024),
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
    queueHighWater: r.int('QUEUE_HIGH_WATER', 4000, 1),
    redisWaitReplicas: r.int('REDIS_WAIT_REPLICAS', 0, 0, 16),
    redisWaitTimeoutMs: r.int('REDIS_WAIT_TIMEOUT_MS', 1000, 1),
    shutdownTimeoutMs: r.int('SHUTDOWN_TIMEOUT_MS', 25_000, 100),
    logLevel: r.oneOf('LOG_LEVEL', ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'], 'info'),
    logsDir: r.string('LOGS_DIR', 'logs'),
    storageUrl: r.optionalUrl('STORAGE_URL', ['postgres:', 'postgresql:']),
  };
  r.done();
  return config;
}

function splitList(v: string | undefined): string[] {
  return (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function readSentinel(r: EnvReader): RedisSentinelOptions | undefined {
  const list = r.optionalString('REDIS_SENTINELS');
  const name = r.string('REDIS_SENTINEL_NAME', 'logad');
  if (list === undefined) return undefined;
  try {
    return { sentinels: parseSentinelList(list), name };
  } catch (err) {
    throw new Error(`REDIS_SENTINELS: ${(err as Error).message}`);
  }
}
