import { Redis, RedisOptions } from 'ioredis';
import { RateLimitUnavailableProblem } from './auth.problems';
import { RateDecision, RateLimiter } from './rate-limiter';

/** Options of {@link RedisTokenBucketLimiter}. */
export interface RedisTokenBucketOptions {
  readonly redisUrl: string;
  /**
   * Makes the connection from these options (e.g. through Redis Sentinel, to follow a failover);
   * by default a plain connection to `redisUrl`.
   */
  readonly connect?: (options: RedisOptions) => Redis;
  /**
   * Prefix of every bucket's key, under the queue's own (`logad:<queue>:rate:`), so that two
   * installs sharing one Redis never share buckets.
   */
  readonly keyPrefix: string;
  readonly ratePerSecond: number;
  readonly burst: number;
  /**
   * How long a request waits for Redis to connect before it is refused (ms).
   * @defaultValue 1000
   */
  readonly connectTimeoutMs?: number;
  /**
   * How long a request waits for Redis to answer the script (ms).
   * @defaultValue 2000
   */
  readonly commandTimeoutMs?: number;
}

// Refill and take in one atomic step on Redis's clock (TIME), so that replicas' clocks never
// matter. KEYS[1]: the bucket, a hash {tokens, at (ms)}; ARGV: rate per s, burst, n.
// Returns {1, 0} (taken) or {0, ms until min(n, burst) tokens are there}. A bucket expires when
// it would be full again: a missing bucket reads as full, so idle keys vanish on their own.
const TAKE_SCRIPT = `
redis.replicate_commands()
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local n = tonumber(ARGV[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(b[1])
local at = tonumber(b[2])
if tokens == nil or at == nil then
  tokens = burst
elseif now > at then
  tokens = math.min(burst, tokens + (now - at) * rate / 1000)
end
if n > tokens then
  return {0, math.ceil((math.min(n, burst) - tokens) * 1000 / rate)}
end
tokens = tokens - n
local ttl = math.ceil((burst - tokens) * 1000 / rate)
if ttl > 0 then
  redis.call('HSET', KEYS[1], 'tokens', string.format('%.17g', tokens), 'at', string.format('%.17g', now))
  redis.call('PEXPIRE', KEYS[1], ttl)
else
  redis.call('DEL', KEYS[1])
end
return {1, 0}
`;

type WithTake = Redis & { logadTakeTokens(key: string, rate: number, burst: number, n: number): Promise<[number, number]> };

/**
 * Token buckets kept in Redis, shared by every ingest-api replica: one round trip per request
 * (EVALSHA, EVAL once after a Redis restart, through ioredis `defineCommand`), `n` tokens for a
 * batch of `n` logs. When Redis does not answer the request is refused with 503 (as the enqueue
 * would be), never let through unlimited.
 */
export class RedisTokenBucketLimiter extends RateLimiter {
  readonly ratePerSecond: number;
  readonly burst: number;
  private readonly redis: WithTake;
  private readonly connectTimeoutMs: number;

  constructor(private readonly o: RedisTokenBucketOptions) {
    super();
    this.ratePerSecond = o.ratePerSecond;
    this.burst = o.burst;
    this.connectTimeoutMs = o.connectTimeoutMs ?? 1_000;
    // Fail fast like the queue's producer: no offline queue, one retry, a bounded wait per command.
    const options: RedisOptions = {
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
      connectTimeout: 2_000,
      commandTimeout: o.commandTimeoutMs ?? 2_000,
      disconnectTimeout: 200,
      retryStrategy: (times) => Math.min(times * 200, 2_000),
    };
    const redis = o.connect ? o.connect(options) : new Redis(o.redisUrl, options);
    redis.on('error', () => undefined); // surfaced through rejected commands
    redis.defineCommand('logadTakeTokens', { numberOfKeys: 1, lua: TAKE_SCRIPT });
    this.redis = redis as WithTake;
  }

  async take(key: string, n: number): Promise<RateDecision> {
    let answer: [number, number];
    try {
      await this.whenConnected();
      answer = await this.redis.logadTakeTokens(this.o.keyPrefix + key, this.ratePerSecond, this.burst, n);
    } catch (err) {
      throw new RateLimitUnavailableProblem((err as Error).message);
    }
    const [ok, waitMs] = answer;
    return ok === 1 ? { ok: true } : { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  override async close(): Promise<void> {
    // QUIT lets the socket close cleanly; a connection that never came up is only stopped.
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }

  private async whenConnected(): Promise<void> {
    const c = this.redis;
    if (c.status === 'ready') return;
    if (c.status === 'wait') void c.connect().catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => c.once('ready', () => resolve())),
      new Promise<never>(
        (_, reject) =>
          (timer = setTimeout(() => reject(new Error(`not connected (status ${c.status}) within ${this.connectTimeoutMs} ms`)), this.connectTimeoutMs)),
      ),
    ]).finally(() => clearTimeout(timer));
  }
}
