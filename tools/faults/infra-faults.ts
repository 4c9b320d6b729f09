import { FaultCluster } from './fault-cluster';
import { FaultSuiteOptions } from './fault-options';
import { HealRecord, describeHeal } from './fault-report';
import { LoadGenerator } from './load-generator';

/** What the schedulers need from the running suite. */
export interface InfraFaultContext {
  readonly cluster: FaultCluster;
  readonly o: FaultSuiteOptions;
  readonly load: LoadGenerator;
  /** Seconds since the load started. */
  readonly now: () => number;
  readonly log: (what: string) => void;
  readonly at: (s: number) => Promise<void>;
  readonly exclusive: <T>(fn: () => Promise<T>) => Promise<T>;
  readonly track: (p: Promise<void>) => void;
}

/** The heal records, and `finish()`: stops the measurements still running (after the drain) and waits for them. */
export interface InfraFaults {
  readonly heals: HealRecord[];
  finish(): Promise<void>;
}

/**
 * Faults of what the apps stand on: the suite's own Redis SIGKILLed and restarted, LOGS_DIR full,
 * the suite's own PostgreSQL restarted. Each one's healing is measured from the moment it ends,
 * beside the run (a fault that never heals must not hold up the drain and the accounting).
 */
export function scheduleInfraFaults(ctx: InfraFaultContext): InfraFaults {
  const { cluster, o, log, at, exclusive, track } = ctx;
  const heals: HealRecord[] = [];
  const measuring: Promise<void>[] = [];
  const stop = { at: Infinity };
  const healed = (fault: string) =>
    measuring.push(
      measureHeal(ctx, fault, stop).then((h) => {
        heals.push(h);
        log(`${fault} healed: ${describeHeal(h)}`);
      }),
    );

  for (const s of o.redisKillAtS) {
    track(
      (async () => {
        const redis = cluster.ownRedis!;
        await at(s);
        await exclusive(() => redis.kill());
        log(`redis SIGKILL (its own, port ${redis.port}, appendfsync ${redis.appendfsync}); down for ${o.redisDownForS} s`);
        await at(s + o.redisDownForS);
        await exclusive(async () => {
          const t = Date.now();
          await redis.start();
          log(`redis started again on the same port and AOF: answering PING after ${Date.now() - t} ms`);
        });
        healed('redis-kill');
      })(),
    );
  }

  if (o.diskFullAtS !== undefined) {
    const fullAt = o.diskFullAtS;
    track(
      (async () => {
        const disk = cluster.logsTmpfs!;
        await at(fullAt);
        const bytes = await disk.fill();
        log(`LOGS_DIR full: a ${(bytes / 2 ** 20).toFixed(1)} MiB filler takes the tmpfs's last byte, for ${o.diskFullForS} s`);
        await at(fullAt + o.diskFullForS);
        await disk.free();
        log('LOGS_DIR has space again: filler deleted');
        healed('disk-full');
      })(),
    );
  }

  for (const s of o.pgRestartAtS) {
    track(
      (async () => {
        const pg = cluster.ownPostgres!;
        await at(s);
        await exclusive(async () => {
          const t = Date.now();
          if (o.pgDownForS > 0) {
            await pg.stop(o.pgRestartMode);
            log(`postgres stopped (pg_ctl stop -m ${o.pgRestartMode}) for ${o.pgDownForS} s`);
            await at(s + o.pgDownForS);
            await pg.start();
            log(`postgres started again: accepting connections after ${Date.now() - t} ms`);
          } else {
            await pg.restart(o.pgRestartMode);
            log(`postgres restarted (pg_ctl restart -m ${o.pgRestartMode}): accepting connections again after ${Date.now() - t} ms`);
          }
        });
        healed('pg-restart');
      })(),
    );
  }
  return {
    heals,
    finish: async () => {
      stop.at = Date.now() + 1_000; // a last look, for a drain that just happened
      await Promise.all(measuring);
    },
  };
}

/**
 * From the end of a fault: when the first 202 came, when the first record was stored, and when the
 * backlog (waiting + delayed jobs) was back to zero; undefined for what did not happen in time.
 */
async function measureHeal(ctx: InfraFaultContext, fault: string, stop: { at: number }): Promise<HealRecord> {
  const { cluster, load, now } = ctx;
  const endedAtS = now();
  const accepted0 = load.counters.accepted202;
  let stored0 = await cluster.storedSoFar();
  let firstAcceptedS: number | undefined;
  let firstStoredS: number | undefined;
  let drainedS: number | undefined;
  const deadline = Date.now() + ctx.o.drainTimeoutS * 1000;
  while (Date.now() < Math.min(deadline, stop.at) && (firstAcceptedS === undefined || firstStoredS === undefined || drainedS === undefined)) {
    const t = now() - endedAtS;
    if (firstAcceptedS === undefined && load.counters.accepted202 > accepted0) firstAcceptedS = t;
    if (firstStoredS === undefined) {
      const stored = await cluster.storedSoFar();
      if (stored !== undefined && stored0 === undefined) stored0 = stored;
      else if (stored !== undefined && stored0 !== undefined && stored > stored0) firstStoredS = t;
    }
    if (drainedS === undefined && firstStoredS !== undefined) {
      const d = await cluster.depth().catch(() => undefined);
      if (d && d.waiting + d.delayed === 0) drainedS = now() - endedAtS;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { fault, endedAtS, firstAcceptedS, firstStoredS, drainedS };
}
