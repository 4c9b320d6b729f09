import { LogAnomalyDetector } from '@logad/detector';
import { redactUrl } from '@logad/storage';
import { Redis } from 'ioredis';
import { InvalidModelFileError } from './invalid-model-file.error';
import { ModelBundle } from './model-bundle';
import { asBundle, parseBundle, serializeBundle } from './model-bundle-codec';
import { CurrentModelPointer, ModelRegistry, StoredModelVersion } from './model-registry';

/** Options of {@link RedisModelStore}. */
export interface RedisModelStoreOptions {
  /** `redis://` or `rediss://` URL. */
  readonly url: string;
  /**
   * Prefix of its keys: `<prefix>current`, `<prefix>versions`, `<prefix>v:<version>`.
   * @defaultValue 'logad:model:'
   */
  readonly keyPrefix?: string;
  /**
   * Versions kept: older ones are deleted after each save (never the current one).
   * @defaultValue 10
   */
  readonly keep?: number;
}

/**
 * Models in Redis, shared by every ml-api replica: each version's state in `<prefix>v:<version>`,
 * the versions with their save time in the sorted set `<prefix>versions`, and `<prefix>current`
 * naming the one to serve. A save writes all three in one MULTI/EXEC, so a replica polling
 * `current` never finds a version whose state is not there yet.
 */
export class RedisModelStore implements ModelRegistry {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly keep: number;

  constructor(private readonly opts: RedisModelStoreOptions) {
    this.prefix = opts.keyPrefix ?? 'logad:model:';
    this.keep = opts.keep ?? 10;
    if (!Number.isInteger(this.keep) || this.keep < 1) throw new RangeError(`RedisModelStore keep must be an integer ≥ 1, got ${this.keep}`);
    // One retry then fail: a poll that cannot reach Redis is logged and tried again at the next tick.
    this.redis = new Redis(opts.url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 5000 });
    this.redis.on('error', () => undefined); // answered per command; ioredis reconnects by itself
  }

  get location(): string {
    return `${redactUrl(this.opts.url)} (keys ${this.prefix}*)`;
  }

  private key(version: string): string {
    return `${this.prefix}v:${version}`;
  }

  async save(model: ModelBundle | LogAnomalyDetector): Promise<CurrentModelPointer> {
    const bundle = asBundle(model);
    const key = this.key(bundle.version);
    const result = await this.redis
      .multi()
      .set(key, serializeBundle(bundle))
      .zadd(`${this.prefix}versions`, Date.now(), bundle.version)
      .set(`${this.prefix}current`, bundle.version)
      .exec();
    const failed = result?.find(([err]) => err);
    if (!result || failed) throw new Error(`publishing model ${bundle.version} to ${this.location} failed: ${failed?.[0]?.message ?? 'transaction aborted'}`);
    await this.trim();
    return { version: bundle.version, file: key };
  }

  async current(): Promise<CurrentModelPointer | null> {
    const version = await this.redis.get(`${this.prefix}current`);
    return version ? { version, file: this.key(version) } : null;
  }

  async load(pointer: CurrentModelPointer): Promise<ModelBundle> {
    const key = this.key(pointer.version);
    const text = await this.redis.get(key);
    if (text === null) throw new InvalidModelFileError(`model ${pointer.version} is not in ${this.location}: key ${key} is missing`);
    return parseBundle(text, `${pointer.version} (Redis key ${key})`);
  }

  async versions(): Promise<StoredModelVersion[]> {
    const [flat, current] = await Promise.all([this.redis.zrange(`${this.prefix}versions`, 0, -1, 'WITHSCORES'), this.redis.get(`${this.prefix}current`)]);
    const out: StoredModelVersion[] = [];
    for (let i = 0; i < flat.length; i += 2) out.push({ version: flat[i], savedAt: new Date(Number(flat[i + 1])).toISOString(), current: flat[i] === current });
    return out.reverse();
  }

  async use(version: string): Promise<CurrentModelPointer> {
    const key = this.key(version);
    const text = await this.redis.get(key);
    if (text === null) throw new InvalidModelFileError(`no model ${version} in ${this.location} (\`train -- --list\` lists the stored versions)`);
    parseBundle(text, `${version} (Redis key ${key})`); // never point replicas at a model they would refuse
    await this.redis.set(`${this.prefix}current`, version);
    return { version, file: key };
  }

  async close(): Promise<void> {
    if (this.redis.status === 'wait' || this.redis.status === 'end') return this.redis.disconnect();
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  /** Deletes all but the newest `keep` versions, never the current one. */
  private async trim(): Promise<void> {
    const versions = await this.redis.zrange(`${this.prefix}versions`, 0, -1);
    if (versions.length <= this.keep) return;
    const current = await this.redis.get(`${this.prefix}current`);
    const old = versions.slice(0, versions.length - this.keep).filter((v) => v !== current);
    if (old.length === 0) return;
    await this.redis
      .multi()
      .del(...old.map((v) => this.key(v)))
      .zrem(`${this.prefix}versions`, ...old)
      .exec();
  }
}
