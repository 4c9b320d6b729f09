import { Redis, RedisOptions } from 'ioredis';

/** Redis reached through Sentinel: the sentinels to ask and the name of the primary they watch. */
export interface RedisSentinelOptions {
  readonly sentinels: ReadonlyArray<{ readonly host: string; readonly port: number }>;
  /** The `sentinel monitor <name> …` the sentinels were set up with. */
  readonly name: string;
}

/**
 * One ioredis connection: to `url`, or, with `sentinel`, to whichever server the sentinels name as
 * primary (asked again on every reconnect, which is how a failover is followed). The URL still
 * gives the password, user and database in that case; its host is ignored.
 */
export function createRedisConnection(url: string, sentinel: RedisSentinelOptions | undefined, options: RedisOptions): Redis {
  if (!sentinel) return new Redis(url, options);
  const u = new URL(url);
  return new Redis({
    ...options,
    sentinels: sentinel.sentinels.map((s) => ({ host: s.host, port: s.port })),
    name: sentinel.name,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined,
    tls: u.protocol === 'rediss:' ? {} : undefined,
  });
}

/** `host:port,host:port` (REDIS_SENTINELS) as a list; throws naming the entry that is not one. */
export function parseSentinelList(list: string): RedisSentinelOptions['sentinels'] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const m = /^(.+):(\d{1,5})$/.exec(entry);
      const port = m ? Number(m[2]) : NaN;
      if (!m || port < 1 || port > 65535) throw new Error(`not a host:port sentinel address: ${JSON.stringify(entry)}`);
      return { host: m[1].replace(/^\[(.*)\]$/, '$1'), port };
    });
}

/**
 * The Sentinel settings as every app reads them: `REDIS_SENTINELS` (`host:port,…`; unset = no
 * Sentinel) and `REDIS_SENTINEL_NAME`; a bad list throws naming the variable.
 */
export function sentinelSetting(list: string | undefined, name: string): RedisSentinelOptions | undefined {
  if (list === undefined) return undefined;
  try {
    return { sentinels: parseSentinelList(list), name };
  } catch (err) {
    throw new Error(`REDIS_SENTINELS: ${(err as Error).message}`);
  }
}
