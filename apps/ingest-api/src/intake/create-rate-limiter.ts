import { createRedisConnection } from '@logad/queue';
import { RateLimiter, RedisTokenBucketLimiter, TokenBucketLimiter } from '@logad/server';
import { IngestConfig } from '../config/ingest.config';

/**
 * The per-key limiter `config` asks for, or none (`RATE_LIMIT_PER_KEY=0`). Cluster buckets live
 * under the queue's keys (BullMQ's `logad:<queue>:`), so that installs sharing a Redis never
 * share a bucket and `obliterate` takes them with the queue.
 */
export function createRateLimiter(config: IngestConfig): RateLimiter | undefined {
  const rate = config.rateLimitPerKey;
  if (rate <= 0) return undefined;
  const burst = 2 * rate;
  if (config.rateLimitScope === 'process') return new TokenBucketLimiter(rate, burst);
  return new RedisTokenBucketLimiter({
    redisUrl: config.redisUrl,
    // through the sentinels when set, like the queue, so that a failover moves the buckets' Redis too
    connect: (options) => createRedisConnection(config.redisUrl, config.redisSentinel, options),
    keyPrefix: `logad:${config.queueName}:rate:`, ratePerSecond: rate,
    burst,
  });
}
