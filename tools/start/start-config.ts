import { EnvReader } from '@logad/server';

/** What `npm start` needs to know, from the environment (each app reads its own settings too). */
export interface StartConfig {
  readonly root: string;
  readonly redisUrl: string;
  readonly host: string;
  readonly ingestPort: number;
  readonly mlApiPort: number;
  readonly workers: number;
  readonly modelDir: string;
  /** `dir` or `redis`: where `train` publishes and ml-api looks for the current model. */
  readonly modelStore: 'dir' | 'redis';
  readonly modelKeyPrefix: string;
  readonly logsDir: string;
  /** Where workers reach ml-api: ML_API_URL, or this host's ml-api. */
  readonly mlApiUrl: string;
}

export function loadStartConfig(root: string, env: NodeJS.ProcessEnv = process.env, r = new EnvReader(env)): StartConfig {
  const host = r.string('HOST', '127.0.0.1');
  const mlApiPort = r.int('ML_API_PORT', 8000, 0, 65535);
  // A worker cannot call 0.0.0.0: it reaches a wildcard-bound ml-api on loopback.
  const reach = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  const config: StartConfig = {
    root,
    redisUrl: r.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    host,
    ingestPort: r.int('INGEST_PORT', 8080, 0, 65535),
    mlApiPort,
    mlApiUrl: r.url('ML_API_URL', `http://${reach}:${mlApiPort}`, ['http:', 'https:']),
    logsDir: r.string('LOGS_DIR', 'logs'),
    workers: r.int('WORKERS', 1, 1, 64),
    modelDir: r.string('MODEL_DIR', 'models'),
    modelStore: r.oneOf('MODEL_STORE', ['dir', 'redis'] as const, 'dir'),
    modelKeyPrefix: r.string('MODEL_KEY_PREFIX', 'logad:model:'),
  };
  r.done();
  return config;
}
