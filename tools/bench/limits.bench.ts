import autocannon from 'autocannon';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { BenchResult } from './bench-result';
import { LogBatches } from './log-batches';
import { NodeProcess } from './processes';
import { benchScript } from './repo-root';

export interface LimitsBenchOptions {
  /** Seconds of load per variant and round. @defaultValue 8 (quick: 2) */
  readonly durationSec?: number;
  /** Rounds; variants alternate within a round; the best round counts. @defaultValue 2 (quick: 1) */
  readonly rounds?: number;
  readonly quick?: boolean;
  readonly redisUrl?: string;
  readonly log?: (line: string) => void;
}

type Limiter = 'off' | 'process' | 'cluster';
const VARIANTS: readonly Limiter[] = ['off', 'process', 'cluster'];
const LABEL: Record<Limiter, string> = {
  off: 'no rate limit',
  process: 'RATE_LIMIT_SCOPE=process (bucket in the process)',
  cluster: 'RATE_LIMIT_SCOPE=cluster (one Redis script per request)',
};

async function measure(
  limiter: Limiter,
  body: string,
  batchSize: number,
  seconds: number,
  redisUrl: string,
): Promise<{ logsPerSec: number; p99Ms: number; non2xx: number }> {
  const queueName = `bench-limits-${randomUUID()}`;
  const server = new NodeProcess(`ingest-${limiter}`, benchScript('targets/ingest-redis.target.js'), {
    env: { BENCH_LIMITER: limiter, BENCH_QUEUE_NAME: queueName, REDIS_URL: redisUrl },
  });
  try {
    const port = Number((await server.waitFor(/^READY (\d+)/, 60_000))[1]);
    const opts = {
      url: `http://127.0.0.1:${port}/api/v1/logs`,
      method: 'POST' as const,
      headers: { 'content-type': 'application/json' },
      body,
      connections: 8,
    };
    await autocannon({ ...opts, duration: Math.min(2, seconds) }); // warm-up (JIT), not counted
    const r = await autocannon({ ...opts, duration: seconds });
    return { logsPerSec: (r['2xx'] * batchSize) / r.duration, p99Ms: r.latency.p99, non2xx: r.non2xx };
  } finally {
    await server.stop();
    const redis = new Redis(redisUrl);
    const keys = await redis.keys(`logad:${queueName}:*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  }
}

/**
 * ingest-api on the Redis queue with no rate limit, the in-process bucket and the Redis bucket
 * shared by replicas: what the shared limit costs the intake, measured in the same run.
 */
export async function runLimitsBench(o: LimitsBenchOptions = {}): Promise<BenchResult[]> {
  const seconds = o.durationSec ?? (o.quick ? 2 : 8);
  const rounds = o.rounds ?? (o.quick ? 1 : 2);
  const redisUrl = o.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const log = o.log ?? (() => undefined);
  const batches = new LogBatches(1000);
  const body = batches.body(0);
  const seen: Record<Limiter, Array<{ logsPerSec: number; p99Ms: number; non2xx: number }>> = { off: [], process: [], cluster: [] };
  for (let round = 1; round <= rounds; round++) {
    for (const v of VARIANTS) {
      const m = await measure(v, body, batches.batchSize, seconds, redisUrl);
      seen[v].push(m);
      log(`limits round ${round}: ${v} ${Math.round(m.logsPerSec).toLocaleString('en-US')} logs/s (p99 ${m.p99Ms} ms, non-2xx ${m.non2xx})`);
    }
  }
  const best = (v: Limiter) => seen[v].reduce((a, b) => (b.logsPerSec > a.logsPerSec ? b : a));
  const off = best('off');
  const setup = `1000-log JSON bodies, one key, autocannon 8 connections, ${seconds} s per run, best of ${rounds} round(s), BullMQ queue on Redis`;
  return VARIANTS.map((v) => {
    const b = best(v);
    const runs = seen[v].map((m) => `${Math.round(m.logsPerSec / 1000)}k`).join(', ');
    const base = { name: `limits: ingest-api, ${LABEL[v]}`, value: Math.round(b.logsPerSec), unit: 'logs/s' };
    if (v === 'off') return { ...base, note: `p99 ${b.p99Ms} ms; runs: ${runs}; ${setup}` };
    const perRound = seen[v].map((m, i) => (m.logsPerSec / seen.off[i].logsPerSec).toFixed(2)).join(', ');
    return {
      ...base,
      reference: 'no rate limit, same run',
      referenceValue: Math.round(off.logsPerSec),
      ratio: Number((b.logsPerSec / off.logsPerSec).toFixed(3)),
      note: `same-round ratios ${perRound}; p99 ${b.p99Ms} ms; runs: ${runs}; non-2xx ${b.non2xx}`,
    };
  });
}
