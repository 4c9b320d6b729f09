import { Redis } from 'ioredis';

export interface RedisProbe {
  readonly up: boolean;
  /** Settings that put accepted logs at risk, each as a sentence for the operator. */
  readonly warnings: string[];
}

/** Whether Redis answers at `url` within `timeoutMs`, and whether it is set up not to lose jobs. */
export async function probeRedis(url: string, timeoutMs = 1500): Promise<RedisProbe> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: timeoutMs, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    const warnings: string[] = [];
    const setting = async (name: string) => {
      const v = (await redis.config('GET', name).catch(() => [])) as string[];
      return v[1];
    };
    const policy = await setting('maxmemory-policy');
    if (policy !== undefined && policy !== 'noeviction')
      warnings.push(`Redis maxmemory-policy is ${policy}: under memory pressure Redis may evict queued logs. Set it to noeviction.`);
    const aof = await setting('appendonly');
    if (aof !== undefined && aof !== 'yes')
      warnings.push('Redis appendonly is off: queued logs are lost if Redis restarts. Set appendonly yes (see docs/guarantees.md).');
    return { up: true, warnings };
  } catch {
    return { up: false, warnings: [] };
  } finally {
    redis.disconnect();
  }
}
