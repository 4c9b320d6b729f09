import type { StreamOptions } from '@logad/detector';
import { EnvReader } from '@logad/server';
import { ModelStoreConfig } from '../model/create-model-registry';

/** ml-api's settings, read from the environment in this one place and checked at boot. */
export interface MlApiConfig extends ModelStoreConfig {
  readonly host: string;
  readonly port: number;
  /** How often to look for a newer model (ms); 0 turns hot reload off. */
  readonly modelReloadMs: number;
  readonly bodyLimitBytes: number;
  /** When set, scoring and model routes require `Authorization: Bearer <token>` (workers send it). */
  readonly token?: string;
  readonly shutdownTimeoutMs: number;
  readonly logLevel: string;
  /** How often the online baselines are saved to the baseline store (ms); 0 saves only at shutdown. */
  readonly baselineSaveMs: number;
  /** How often the models are retrained from the store (ms); 0 turns automatic retraining off. */
  readonly retrainEveryMs: number;
  /** How far back automatic retraining reads the store (ms). */
  readonly retrainWindowMs: number;
  /** The store retraining reads: `STORAGE_URL` (PostgreSQL), else the JSON files in `logsDir`. */
  readonly storageUrl?: string;
  readonly logsDir: string;
  /** Options of the online baselines when no trained model brings its own. */
  readonly streamOptions: StreamOptions;
}

/** `r` is exposed so that the configuration doc can be checked against what is read. */
export function loadMlApiConfig(env: NodeJS.ProcessEnv = process.env, r = new EnvReader(env)): MlApiConfig {
  const config: MlApiConfig = {
    host: r.string('HOST', '127.0.0.1'),
    port: r.int('ML_API_PORT', 8000, 0, 65535),
    ...readModelStoreConfig(r),
    modelReloadMs: r.int('MODEL_RELOAD_MS', 5000, 0),
    bodyLimitBytes: r.int('ML_API_BODY_LIMIT_BYTES', 64 * 1024 * 1024, 1024),
    token: r.optionalString('ML_API_TOKEN'),
    shutdownTimeoutMs: r.int('SHUTDOWN_TIMEOUT_MS', 25_000, 100),
    logLevel: r.oneOf('LOG_LEVEL', ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'], 'info'),
    baselineSaveMs: r.int('BASELINE_SAVE_MS', 10_000, 0),
    retrainEveryMs: r.int('RETRAIN_EVERY_MS', 21_600_000, 0),
    retrainWindowMs: r.int('RETRAIN_WINDOW_MS', 604_800_000, 1000),
    storageUrl: r.optionalString('STORAGE_URL'),
    logsDir: r.string('LOGS_DIR', 'logs'),
    streamOptions: { learningMs: r.int('LEARNING_PERIOD_MS', 600_000, 0) },
  };
  r.done();
  return config;
}

/** Where models are published and polled; `train` reads the same variables. */
export function readModelStoreConfig(r: EnvReader): ModelStoreConfig {
  return {
    modelDir: r.string('MODEL_DIR', 'models'),
    modelStore: r.oneOf('MODEL_STORE', ['dir', 'redis'] as const, 'dir'),
    redisUrl: r.url('REDIS_URL', 'redis://127.0.0.1:6379', ['redis:', 'rediss:']),
    modelKeyPrefix: r.string('MODEL_KEY_PREFIX', 'logad:model:'),
    modelKeepVersions: r.int('MODEL_KEEP_VERSIONS', 10, 1),
  };
}
