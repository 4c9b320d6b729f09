import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { Redis } from 'ioredis';

/** Where the online baselines are kept between restarts and shared between replicas. */
export abstract class BaselineStore {
  /** The saved state's JSON text, or null when none was saved. */
  abstract load(): Promise<string | null>;
  abstract save(state: string): Promise<void>;
  abstract close(): Promise<void>;
  abstract readonly location: string;
}

/** `baselines.json` in the model directory, replaced atomically (write, then rename). */
export class FileBaselineStore extends BaselineStore {
  readonly location: string;

  constructor(dir: string) {
    super();
    this.location = path.join(dir, 'baselines.json');
  }

  async load(): Promise<string | null> {
    try {
      return await fs.readFile(this.location, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }

  async save(state: string): Promise<void> {
    await fs.mkdir(path.dirname(this.location), { recursive: true });
    const tmp = `${this.location}.${process.pid}.tmp`;
    await fs.writeFile(tmp, state);
    await fs.rename(tmp, this.location);
  }

  async close(): Promise<void> {}
}

/** One Redis key (`<prefix>baselines`), read by every replica that uses the Redis model store. */
export class RedisBaselineStore extends BaselineStore {
  private readonly redis: Redis;
  readonly location: string;

  constructor(url: string, private readonly key: string) {
    super();
    this.redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: true });
    this.location = `redis key ${key}`;
  }

  load(): Promise<string | null> {
    return this.redis.get(this.key);
  }

  async save(state: string): Promise<void> {
    await this.redis.set(this.key, state);
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
