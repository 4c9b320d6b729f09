import { LogLimits } from '@logad/contracts';
import { QueueDriver } from '@logad/queue';
import { EnvReader } from '@logad/server';

/** ingest-api's settings, read from the environment in this one place and checked at boot. */
export interface IngestConfig {
  readonly host: string;
  readonly port: number;
  readonly redisUrl: string;
  readonly queueDriver: QueueDriver;
  readonly queueName: string;
  readonly recordsPerJob: number;
  readonly maxBodyBytes: number;
  readonly limits: LogLimits;
  readonly logLevel: string;
}

export function loadIngestConfig(env: NodeJS.ProcessEnv = process.env): IngestConfig {
  const r = new EnvReader(env);
  const config: IngestConfig = {
    host: r.string('HOST', '127.0.0.1'),
    port: r.int('INGEST_PORT', 8080, 0, 65535),
    redisUrl: r.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    queueDriver: r.oneOf('QUEUE_DRIVER', ['redis', 'memory'] as const, 'redis'),
    queueName: r.string('QUEUE_NAME', 'logad-logs'),
    recordsPerJob: r.int('RECORDS_PER_JOB', 500, 1, 10_000),
    maxBodyBytes: r.int('MAX_BODY_BYTES', 10 * 1024 * 1024, 1024),
    limits: {
      maxBatchSize: r.int('MAX_BATCH_SIZE', 10_000, 1),
      maxMessageBytes: r.int('MAX_MESSAGE_BYTES', 64 * 1024, 1),
      maxSourceLength: r.int('MAX_SOURCE_LENGTH', 256, 1),
      maxIdLength: r.int('MAX_ID_LENGTH', 128, 1),
    },
    logLevel: r.oneOf('LOG_LEVEL', ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'], 'info'),
  };
  r.done();
  return config;
}
