// Needs a real Redis (REDIS_URL, default redis://127.0.0.1:6379): the bucket is a Lua script on Redis's clock.
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { RateLimitUnavailableProblem } from './auth.problems';
import { RedisTokenBucketLimiter } from './redis-token-bucket.limiter';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('RedisTokenBucketLimiter', () => {
  const open: RedisTokenBucketLimiter[] = [];
  let admin: Redis;
  let prefix: string;
  const limiter = (ratePerSecond: number, burst: number, keyPrefix = prefix) => {
    const l = new RedisTokenBucketLimiter({ redisUrl, keyPrefix, ratePerSecond, burst });
    open.push(l);
    return l;
  };

  beforeAll(() => {
    admin = new Redis(redisUrl);
  });
  beforeEach(() => {
    prefix = `test-${randomUUID()}:rate:`;
  });
  afterEach(async () => {
    await Promise.all(open.splice(0).map((l) => l.close()));
    const keys = await admin.keys(`${prefix}*`);
    if (keys.length > 0) await admin.del(...keys);
  });
  afterAll(() => admin.disconnect());

  it('lets a burst through, then refuses with the seconds until enough tokens are back', async () => {
    const l = limiter(10, 20);
    expect(await l.take('k', 20)).toEqual({ ok: true });
    expect(await l.take('k', 1)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(await l.take('other', 20)).toEqual({ ok: true }); // buckets are per key
  });

  it('refills at the rate, measured on Redis', async () => {
    const l = limiter(10, 10);
    const t0 = Date.now();
    expect(await l.take('k', 10)).toEqual({ ok: true });
    await sleep(500);
    expect(await l.take('k', 4)).toEqual({ ok: true }); // ≥ 5 tokens are back after ≥ 500 ms
    // At most elapsed × rate came back, so that many more (less the 4 taken, plus one) cannot pass.
    const refilled = Math.ceil(((Date.now() - t0) / 1000) * 10);
    expect((await l.take('k', refilled - 4 + 1)).ok).toBe(false);
  });

  it('takes a batch of n logs as n tokens at once, and refuses a batch larger than the burst with the wait for a full bucket', async () => {
    const l = limiter(10, 20);
    expect(await l.take('k', 25)).toEqual({ ok: false, retryAfterSeconds: 1 }); // even from a full bucket
    expect(await l.take('k', 15)).toEqual({ ok: true });
    // 5 left: a full bucket (20) is 1.5 s away, whatever the batch beyond it asks.
    expect(await l.take('k', 25)).toEqual({ ok: false, retryAfterSeconds: 2 });
    expect(await l.take('k', 10)).toEqual({ ok: false, retryAfterSeconds: 1 });
    expect(await l.take('k', 5)).toEqual({ ok: true });
  });

  it('keeps a bucket only until it would be full again, under the given prefix', async () => {
    const l = limiter(10, 20);
    await l.take('k', 5);
    expect(await admin.exists(`${prefix}k`)).toBe(1);
    const ttl = await admin.pttl(`${prefix}k`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(500); // 5 tokens at 10/s
    await sleep(600);
    expect(await admin.exists(`${prefix}k`)).toBe(0);
    expect(await l.take('k', 20)).toEqual({ ok: true }); // and a vanished bucket is a full one
    expect(await admin.pttl(`${prefix}k`)).toBeGreaterThan(1500);
  });

  it('is one bucket for every limiter (replica) on the same prefix, and another for another install', async () => {
    const a = limiter(10, 20);
    const b = limiter(10, 20);
    const otherInstall = limiter(10, 20, `test-${randomUUID()}:rate:`);
    expect(await a.take('k', 15)).toEqual({ ok: true });
    expect((await b.take('k', 10)).ok).toBe(false);
    expect(await b.take('k', 5)).toEqual({ ok: true });
    expect(await otherInstall.take('k', 20)).toEqual({ ok: true });
    await admin.del(`${otherInstall['o'].keyPrefix}k`);
  });

  it('loads the script again after Redis forgot it (EVALSHA falls back to EVAL)', async () => {
    const l = limiter(10, 20);
    expect(await l.take('k', 1)).toEqual({ ok: true });
    await admin.script('FLUSH');
    expect(await l.take('k', 1)).toEqual({ ok: true });
  });

  it('refuses with 503 (never lets through unlimited) when Redis does not answer', async () => {
    const l = limiter(10, 20, 'unused:');
    const down = new RedisTokenBucketLimiter({ redisUrl: 'redis://127.0.0.1:1', keyPrefix: 'x:', ratePerSecond: 10, burst: 20, connectTimeoutMs: 200 });
    open.push(down, l);
    const t0 = Date.now();
    const err = await down.take('k', 1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitUnavailableProblem);
    expect(err).toMatchObject({ code: 'auth:rate-limit-unavailable', statusCode: 503, headers: { 'Retry-After': '5' } });
    expect(Date.now() - t0).toBeLessThan(1500);
  });
});
