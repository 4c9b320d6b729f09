// "Accepted means stored, exactly once": the built apps as real processes on loopback against the
// Redis at REDIS_URL, with workers SIGKILLed and SIGTERMed, ml-api stopped and everything restarted.
// A bounded version of `npm run test:faults` (tools/faults/main.ts) for CI.
import { Accounting } from './account-stores';
import { assertBuilt } from './fault-cluster';
import { resolveFaultOptions } from './fault-options';
import { FaultReport, formatFaultReport } from './fault-report';
import { runFaultSuite } from './fault-suite';

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
  beforeAll(() => assertBuilt()); // names the missing dist files and says to run `npm run build`

  it('loses and duplicates nothing through SIGKILLed workers, ml-api down for 6 s, and a restart of everything under load', async () => {
    const report = await runFaultSuite(
      resolveFaultOptions({
        durationS: 25,
        rate: 1500,
        killEveryS: 8,
        mlDownAtS: 9,
        mlDownForS: 6,
        restartAllAtS: 21,
        workers: 2,
        settleTimeoutS: 30,
        drainTimeoutS: 60,
      }),
    );
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
    const report = await runFaultSuite(
      resolveFaultOptions({
        durationS: 8,
        rate: 1500,
        killEveryS: 0,
        mlDownForS: 0,
        termWorkerAtS: [4],
        workers: 1,
        restartAll: false,
        shutdownTimeoutMs,
        settleTimeoutS: 30,
        drainTimeoutS: 60,
      }),
    );
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
    const report = await runFaultSuite(
      resolveFaultOptions({
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
        settleTimeoutS: 30,
        drainTimeoutS: 60,
      }),
    );
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
});
