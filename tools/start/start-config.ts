/** What `npm start` needs to know, from the environment (each app reads its own settings too). */
export interface StartConfig {
  readonly root: string;
  readonly redisUrl: string;
  readonly host: string;
  readonly ingestPort: number;
  readonly mlApiPort: number;
  readonly workers: number;
  readonly modelDir: string;
  readonly logsDir: string;
  /** Where workers reach ml-api: ML_API_URL, or this host's ml-api. */
  readonly mlApiUrl: string;
}

export function loadStartConfig(root: string, env: NodeJS.ProcessEnv = process.env): StartConfig {
  const int = (name: string, fallback: number) => {
    const v = env[name];
    if (v === undefined || v === '') return fallback;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name}=${JSON.stringify(v)} must be a non-negative integer`);
    return n;
  };
  const host = env.HOST || '127.0.0.1';
  const mlApiPort = int('ML_API_PORT', 8000);
  // A worker cannot call 0.0.0.0: it reaches a wildcard-bound ml-api on loopback.
  const reach = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    root,
    redisUrl: env.REDIS_URL || 'redis://127.0.0.1:6379',
    host,
    ingestPort: int('INGEST_PORT', 8080),
    mlApiPort,
    mlApiUrl: env.ML_API_URL || `http://${reach}:${mlApiPort}`,
    logsDir: env.LOGS_DIR || 'logs',
    workers: Math.max(1, int('WORKERS', 1)),
    modelDir: env.MODEL_DIR || 'models',
  };
}
