// "Accepted means stored, exactly once": the built apps as real processes on loopback against the
// Redis at REDIS_URL, with workers SIGKILLed and SIGTERMed, ml-api stopped and everything restarted;
// then against what they stand on: a Redis of the suite's own SIGKILLed, LOGS_DIR full (a tmpfs,
// root only), a PostgreSQL cluster of the suite's own restarted. A bounded version of
// `npm run test:faults` (tools/faults/main.ts) for CI.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Accounting } from './account-stores';
import { assertBuilt, trainModelInto } from './fault-cluster';
import { FaultSuiteOptions, resolveFaultOptions } from './fault-options';
import { FaultReport, formatFaultReport } from './fault-report';
import { runFaultSuite } from './fault-suite';
import { tmpfsUnavailable } from './logs-tmpfs';

jest.setTimeout(150_000);

function expectExactlyOnce(r: FaultReport): void {
  const a: Accounting = r.accounting;
  // One object, so that a failure shows every figure at once.
  expect({
    lost: a.lost,
    duplicated: a.duplicated,
    unexplained: a.storedNotAcceptedUnexplained,
    foreign: a.foreign,
    acceptedNotSent: a.acceptedNotSent,
    drained: r.drain.drained,
    failedJobs: r.drain.failedJobs,
    problems: r.problems,
  }).toEqual({
    lost: 0,
    duplicated: 0,
    unexplained: 0,
    foreign: 0,
    acceptedNotSent: 0,
    drained: true,
    failedJobs: 0,
    problems: [],
  });
  // Every 202 accounted for, and the shipper got every batch in eventually.
  expect(a.accepted).toBe(a.sent);
  expect(a.stored).toBeGreaterThanOrEqual(a.accepted);
  expect(r.load.mismatchedAnswers).toBe(0);
  expect(r.pass).toBe(true);
}

describe('fault suite (e2e): accepted means stored, exactly once', () => {
  // One model for every case: training is the slowest part of starting a cluster.
  let modelDir: string;
  const run = (o: Partial<FaultSuiteOptions>) => runFaultSuite(resolveFaultOptions({ modelDir, settleTimeoutS: 30, drainTimeoutS: 60, ...o }));
  beforeAll(async () => {
    assertBuilt(); // names the missing dist files and says to run `npm run build`
    modelDir = await mkdtemp(join(tmpdir(), 'logad-faults-model-'));
    await trainModelInto(modelDir);
  });
  afterAll(async () => {
    await rm(modelDir, { recursive: true, force: true });
  });

  it('loses and duplicates nothing through SIGKILLed workers, ml-api down for 6 s, and a restart of everything under load', async () => {
    const report = await run({
      durationS: 25,
      rate: 1500,
      killEveryS: 8,
      mlDownAtS: 9,
      mlDownForS: 6,
      restartAllAtS: 21,
      workers: 2,
    });
    process.stdout.write(formatFaultReport(report) + '\n');
    // The faults did happen.
    const what = report.events.map((e) => e.what);
    expect(what.filter((w) => /^worker-\d SIGKILL/.test(w))).toHaveLength(3);
    expect(what.some((w) => w.startsWith('ml-api SIGTERM'))).toBe(true);
    expect(what.some((w) => w.startsWith('ml-api started again'))).toBe(true);
    expect(what.some((w) => w.startsWith('restart-all: everything up again'))).toBe(true);
    expect(report.accounting.sent).toBe(25 * 1500);
    expectExactlyOnce(report);
  });

  it('a worker SIGTERMed mid-job exits within SHUTDOWN_TIMEOUT_MS, and its jobs complete or come back', async () => {
    const shutdownTimeoutMs = 5_000;
    const report = await run({
      durationS: 8,
      rate: 1500,
      killEveryS: 0,
      mlDownForS: 0,
      termWorkerAtS: [4],
      workers: 1,
      restartAll: false,
      shutdownTimeoutMs,
    });
    process.stdout.write(formatFaultReport(report) + '\n');
    const term = report.shutdowns.find((s) => s.phase === 'sigterm-under-load');
    expect(term).toBeDefined();
    // One worker: the active job(s) at the signal were its own.
    expect(term!.activeJobs).toBeGreaterThanOrEqual(1);
    expect(term!.forced).toBe(false);
    // The deadline is armed at the signal; a little slack for the process to be reaped on a busy machine.
    expect(term!.ms).toBeLessThanOrEqual(shutdownTimeoutMs + 1_000);
    expectExactlyOnce(report);
  });
  it('a worker SIGTERMed while its job hangs on a frozen ml-api exits at SHUTDOWN_TIMEOUT_MS, and the job comes back', async () => {
    const shutdownTimeoutMs = 3_000;
    // ml-api frozen (SIGSTOP) from 3 s to 11 s: the worker's call hangs, so its job cannot finish before the deadline.
    const report = await run({
      durationS: 8,
      rate: 1500,
      killEveryS: 0,
      mlDownAtS: 3,
      mlDownForS: 8,
      mlDownMode: 'freeze',
      termWorkerAtS: [4],
      workers: 1,
      restartAll: false,
      shutdownTimeoutMs,
    });
    process.stdout.write(formatFaultReport(report) + '\n');
    const term = report.shutdowns.find((s) => s.phase === 'sigterm-under-load');
    expect(term).toBeDefined();
    expect(term!.activeJobs).toBeGreaterThanOrEqual(1);
    expect(term!.forced).toBe(false);
    // The shutdown deadline ended it (exit code 1), not the harness, and not much later than the deadline.
    expect(term!.exit).toBe('code 1');
    expect(term!.ms).toBeGreaterThanOrEqual(shutdownTimeoutMs - 100);
    expect(term!.ms).toBeLessThanOrEqual(shutdownTimeoutMs + 1_000);
    expectExactlyOnce(report);
  });

  const alone = { durationS: 10, rate: 1500, killEveryS: 0, mlDownForS: 0, restartAll: false, workers: 2 } as const;

  it("loses and duplicates nothing when the suite's own Redis (AOF, appendfsync everysec) is SIGKILLed mid-load and restarted 3 s later", async () => {
    const report = await run({ ...alone, redisKillAtS: [3], redisDownForS: 3, appendfsync: 'everysec' });
    process.stdout.write(formatFaultReport(report) + '\n');
    expect(report.redis.appendonly).toBe('yes');
    expect(report.events.some((e) => e.what.startsWith('redis SIGKILL'))).toBe(true);
    // Ingest refused while Redis was down (the shipper resent), and the cluster healed.
    expect(report.load.counters.unavailable503).toBeGreaterThan(0);
    expect(report.heals).toHaveLength(1);
    expect(report.heals[0].firstStoredS).toBeDefined();
    expectExactlyOnce(report);
  });

  it('loses and duplicates nothing when the disk under LOGS_DIR is full for 5 s: writes fail, jobs retry, ingest answers 429', async () => {
    const why = await tmpfsUnavailable();
    if (why) {
      process.stdout.write(`SKIPPED the disk-full case: ${why}\n`);
      return;
    }
    const report = await run({ ...alone, durationS: 12, diskFullAtS: 3, diskFullForS: 5, logsTmpfsMb: 64, queueHighWater: 8 });
    process.stdout.write(formatFaultReport(report) + '\n');
    expect(report.workerStats.enospcAttempts).toBeGreaterThan(0);
    expect(report.load.counters.tooMany429).toBeGreaterThan(0);
    expect(report.drain.peakBacklogJobs).toBeGreaterThanOrEqual(8); // the queue grew to the high-water mark
    expect(report.heals[0]?.firstStoredS).toBeDefined();
    expectExactlyOnce(report);
  });

  it("loses and duplicates nothing when the suite's own PostgreSQL is restarted (pg_ctl restart -m immediate) under load", async () => {
    const report = await run({ ...alone, storage: 'postgres', pgRestartAtS: [3], pgRestartMode: 'immediate' });
    process.stdout.write(formatFaultReport(report) + '\n');
    expect(report.events.some((e) => e.what.startsWith('postgres restarted'))).toBe(true);
    expect(report.workerStats.failedAttempts).toBeGreaterThan(0);
    expect(report.heals[0]?.firstStoredS).toBeDefined();
    expectExactlyOnce(report);
  });
});
