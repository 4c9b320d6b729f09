import { Redis } from 'ioredis';
import { ClosedSession, SessionLine, SessionStore } from './session-store';

/** Options of {@link RedisSessionStore}. */
export interface RedisSessionStoreOptions {
  readonly redisUrl: string;
  /**
   * A connection to use instead of one to `redisUrl` (e.g. one made through Sentinel); the store closes it.
   * @defaultValue a new connection to `redisUrl`
   */
  readonly connection?: Redis;
  /**
   * Prefix of every key, so that several deployments can share a Redis.
   * @defaultValue 'logad:sessions'
   */
  readonly prefix?: string;
  /**
   * Lines kept per session; later ones are dropped from the session (they are still stored as records).
   * @defaultValue 10000
   */
  readonly maxLinesPerSession?: number;
}

// Atomically takes up to ARGV[2] sessions idle before ARGV[1] (or ended), returns [key, lines, ended]…, deletes them.
// Running as one script is what makes a session go to exactly one of the sweeping workers.
const CLAIM = `
local idle = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[2]))
local ended = redis.call('SMEMBERS', KEYS[2])
local out = {}
local taken = 0
local function take(key, how)
  local lk = ARGV[3] .. key
  local lines = redis.call('LRANGE', lk, 0, -1)
  redis.call('DEL', lk)
  redis.call('ZREM', KEYS[1], key)
  redis.call('SREM', KEYS[2], key)
  table.insert(out, key)
  table.insert(out, cjson.encode(lines))
  table.insert(out, how)
  taken = taken + 1
end
for _, key in ipairs(ended) do
  if taken >= tonumber(ARGV[2]) then break end
  if redis.call('ZSCORE', KEYS[1], key) then take(key, 'end-line') else redis.call('SREM', KEYS[2], key) end
end
for _, key in ipairs(idle) do
  if taken >= tonumber(ARGV[2]) then break end
  if redis.call('ZSCORE', KEYS[1], key) then take(key, 'idle') end
end
return out
`;

/**
 * Open sessions in Redis: a list of lines per session key and a sorted set of last-seen times.
 * Any worker can append; `claim` runs as one Lua script so each session is scored exactly once.
 */
export class RedisSessionStore extends SessionStore {
  private readonly redis: Redis;
  private readonly prefix: string;
  private readonly maxLines: number;

  constructor(o: RedisSessionStoreOptions) {
    super();
    this.redis = o.connection ?? new Redis(o.redisUrl, { maxRetriesPerRequest: 3 });
    this.redis.on('error', () => undefined); // surfaced through rejected commands
    this.prefix = o.prefix ?? 'logad:sessions';
    this.maxLines = o.maxLinesPerSession ?? 10_000;
    this.redis.defineCommand('logadClaimSessions', { numberOfKeys: 2, lua: CLAIM });
  }

  private get lastSeenKey(): string {
    return `${this.prefix}:last-seen`;
  }
  private get endedKey(): string {
    return `${this.prefix}:ended`;
  }
  private linesKey(key: string): string {
    return `${this.prefix}:lines:${key}`;
  }

  async append(lines: ReadonlyArray<{ key: string; line: SessionLine }>): Promise<void> {
    if (lines.length === 0) return;
    const p = this.redis.pipeline();
    const last = new Map<string, number>();
    for (const { key, line } of lines) {
      p.rpush(this.linesKey(key), JSON.stringify(line));
      last.set(key, Math.max(last.get(key) ?? 0, line.at));
    }
    for (const key of last.keys()) p.ltrim(this.linesKey(key), 0, this.maxLines - 1);
    // GT: a late line from a slower worker never moves a session's last-seen time back.
    for (const [key, at] of last) p.zadd(this.lastSeenKey, 'GT', at, key);
    const res = await p.exec();
    const failed = res?.find(([err]) => err);
    if (failed) throw failed[0];
  }

  async end(keys: readonly string[]): Promise<void> {
    if (keys.length > 0) await this.redis.sadd(this.endedKey, ...keys);
  }

  async claim(idleBefore: number, limit: number): Promise<ClosedSession[]> {
    const flat = (await (this.redis as Redis & { logadClaimSessions: (...a: unknown[]) => Promise<string[]> }).logadClaimSessions(
      this.lastSeenKey,
      this.endedKey,
      String(idleBefore),
      String(limit),
      `${this.prefix}:lines:`,
    )) as string[];
    const out: ClosedSession[] = [];
    for (let i = 0; i < flat.length; i += 3) {
      // cjson encodes an empty Lua table as {} rather than [].
      const raw = JSON.parse(flat[i + 1]) as string[] | Record<string, never>;
      const lines = (Array.isArray(raw) ? raw : []).map((l) => JSON.parse(l) as SessionLine);
      out.push({ key: flat[i], lines, closedBy: flat[i + 2] as ClosedSession['closedBy'] });
    }
    return out;
  }

  async openCount(): Promise<number> {
    return this.redis.zcard(this.lastSeenKey);
  }

  /** Deletes every session of this prefix (tests). */
  async clear(): Promise<void> {
    const keys = await this.redis.keys(`${this.prefix}:*`);
    if (keys.length > 0) await this.redis.del(...keys);
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}
