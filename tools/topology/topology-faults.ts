import { startRedis } from './services';
import { TopologyCluster } from './topology-cluster';

/** One fault: `run` injects it, holds it, undoes what an operator (or the host coming back) would, and returns. */
export interface TopologyFault {
  readonly name: string;
  readonly what: string;
  /** About how long it lasts, injection to undo (s): the load is sized on it. */
  readonly expectedS: number;
  run(c: TopologyCluster, log: (line: string) => void): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function waitUntil<T>(what: string, ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`${what} did not happen within ${ms} ms`);
    await sleep(250);
  }
}

/** Every fault the issue lists, in the order the full run injects them. */
export const TOPOLOGY_FAULTS: readonly TopologyFault[] = [
  {
    name: 'worker-host-killed',
    expectedS: 12,
    what: 'worker-1: every process SIGKILLed; the host comes back after 10 s',
    async run(c, log) {
      log(`  SIGKILLed ${await c.net.killHost('worker-1')} process(es) on worker-1`);
      await sleep(10_000);
      await c.restartHost('worker-1');
    },
  },
  {
    name: 'worker-cut-from-redis',
    expectedS: 30,
    what: 'worker-2: packets to the Redis host dropped for 30 s (blackhole route in its namespace)',
    async run(c) {
      await c.net.cut('worker-2', 'redis');
      await sleep(30_000);
      await c.net.heal('worker-2', 'redis');
    },
  },
  {
    name: 'redis-primary-killed',
    expectedS: 8,
    what: 'the Redis primary SIGKILLed; Sentinel promotes the replica; the old primary restarts and becomes a replica',
    async run(c, log) {
      const old = await waitUntil('Sentinel naming a primary', 10_000, () => c.primaryPort());
      await c.redisProcs.get(old)?.kill();
      const t0 = Date.now();
      const now = await waitUntil('a Sentinel failover', 60_000, async () => {
        const p = await c.primaryPort();
        return p !== undefined && p !== old ? p : undefined;
      });
      log(`  Sentinel promoted :${now} ${((Date.now() - t0) / 1000).toFixed(1)} s after the kill`);
      c.redisProcs.set(old, await startRedis(c.redisHost, c.dir, old));
    },
  },
  {
    name: 'postgres-restarted',
    expectedS: 7,
    what: 'PostgreSQL stopped with -m immediate (no checkpoint, clients cut), started again after 5 s',
    async run(c) {
      await c.pg.stop('immediate');
      await sleep(5_000);
      await c.pg.start();
    },
  },
  {
    name: 'ml-host-down',
    expectedS: 16,
    what: 'ml-1: every process SIGKILLed; back after 15 s (nginx sends scoring to ml-2 meanwhile)',
    async run(c) {
      await c.net.killHost('ml-1');
      await sleep(15_000);
      await c.restartHost('ml-1');
    },
  },
  {
    name: 'ingest-host-down',
    expectedS: 16,
    what: 'ingest-1: every process SIGKILLed; back after 15 s (nginx sends intake to ingest-2 meanwhile)',
    async run(c) {
      await c.net.killHost('ingest-1');
      await sleep(15_000);
      await c.restartHost('ingest-1');
    },
  },
];
