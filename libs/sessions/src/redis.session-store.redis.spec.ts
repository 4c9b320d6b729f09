// Needs a real Redis (REDIS_URL): claiming must be atomic across workers, which only Redis' Lua gives.
import { randomUUID } from 'node:crypto';
import { RedisSessionStore } from './redis.session-store';
import { describeSessionStoreContract } from './session-store.contract';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describeSessionStoreContract(
  'redis',
  async () => new RedisSessionStore({ redisUrl, prefix: `test-sessions-${randomUUID()}` }),
  async (s) => (s as RedisSessionStore).clear(),
);

describe('RedisSessionStore', () => {
  it('shares sessions between two store instances, as two worker processes do', async () => {
    const prefix = `test-sessions-${randomUUID()}`;
    const a = new RedisSessionStore({ redisUrl, prefix });
    const b = new RedisSessionStore({ redisUrl, prefix });
    try {
      await a.append([{ key: 'blk_9', line: { id: '1', message: 'open', level: null, at: 100 } }]);
      await b.append([{ key: 'blk_9', line: { id: '2', message: 'close', level: null, at: 50 } }]);
      const [s] = await b.claim(101, 10);
      expect(s.lines.map((l) => l.id)).toEqual(['1', '2']);
      expect(await a.claim(1e15, 10)).toEqual([]);
    } finally {
      await a.clear();
      await a.close();
      await b.close();
    }
  });
});
