import { ModelRegistry } from './model-registry';
import { ModelStore } from './model-store';
import { RedisModelStore } from './redis-model-store';

/** Where models are published and polled, as configured (`MODEL_STORE`). */
export interface ModelStoreConfig {
  /** `dir`: models in `modelDir`; `redis`: in Redis at `redisUrl`, shared by every replica. */
  readonly modelStore: 'dir' | 'redis';
  /** Where trained models live; `current.json` there names the one to serve (`train` always writes a copy here). */
  readonly modelDir: string;
  /** Redis of the `redis` model store. */
  readonly redisUrl: string;
  /** Prefix of the model store's Redis keys. */
  readonly modelKeyPrefix: string;
  /** Versions the Redis model store keeps. */
  readonly modelKeepVersions: number;
}

/** The configured model registry: the model directory, or Redis shared by every replica. */
export function createModelRegistry(c: ModelStoreConfig): ModelRegistry {
  if (c.modelStore === 'redis') return new RedisModelStore({ url: c.redisUrl, keyPrefix: c.modelKeyPrefix, keep: c.modelKeepVersions });
  return new ModelStore(c.modelDir);
}
