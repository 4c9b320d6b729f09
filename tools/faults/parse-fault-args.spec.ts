import { GOAL_OPTIONS, QUICK_OVERRIDES } from './fault-options';
import { FaultArgsError, parseFaultArgs } from './parse-fault-args';

describe('parseFaultArgs', () => {
  it("defaults to the issue's goal", () => {
    const { options } = parseFaultArgs([]);
    expect(options).toMatchObject({ durationS: 60, rate: 5000, killEveryS: 10, mlDownAtS: 20, mlDownForS: 15, workers: 2, restartAll: true });
    expect(options.lockMs).toBe(GOAL_OPTIONS.lockMs);
  });

  it('--quick shortens the run, and explicit options win over it', () => {
    expect(parseFaultArgs(['--quick']).options).toMatchObject(QUICK_OVERRIDES);
    expect(parseFaultArgs(['--quick', '--rate', '2000', '--workers=1']).options).toMatchObject({
      durationS: QUICK_OVERRIDES.durationS,
      rate: 2000,
      workers: 1,
    });
  });

  it('reads every option', () => {
    const a = parseFaultArgs(
      '--duration 30 --rate 100 --batch-size 50 --kill-every 0 --ml-down-at 3 --ml-down-for 4 --workers 3 --term-worker-at 5,9 --restart-all-at 12 --lock-ms 2000 --stalled-interval-ms 1000 --shutdown-timeout-ms 3000 --fsync never --ml-down-mode freeze --drain-timeout 30 --kill-ingest-every 7 --resend-every 4 --rotate-bytes 1000000 --keep --json out.json'.split(
        ' ',
      ),
    );
    expect(a.jsonFile).toBe('out.json');
    expect(a.options).toMatchObject({
      durationS: 30,
      rate: 100,
      batchSize: 50,
      killEveryS: 0,
      mlDownAtS: 3,
      mlDownForS: 4,
      workers: 3,
      termWorkerAtS: [5, 9],
      restartAllAtS: 12,
      lockMs: 2000,
      stalledIntervalMs: 1000,
      shutdownTimeoutMs: 3000,
      fsync: 'never',
      mlDownMode: 'freeze',
      drainTimeoutS: 30,
      killIngestEveryS: 7,
      resendEvery: 4,
      rotateBytes: 1_000_000,
      keepDir: true,
    });
    expect(parseFaultArgs(['--no-restart-all']).options.restartAll).toBe(false);
  });

  it.each([
    [['--rate', 'fast'], /--rate must be a number/],
    [['--rate', '0'], /rate must be a positive number/],
    [['--workers', '1.5'], /workers must be an integer/],
    [['--fsync', 'sometimes'], /--fsync must be always or never/],
    [['--ml-down-mode', 'pause'], /--ml-down-mode must be stop or freeze/],
    [['--duration', '10', '--term-worker-at', '12'], /termWorkerAtS must lie within the load/],
    [['--frobnicate'], /unknown option --frobnicate/],
    [['--rate'], /--rate needs a value/],
    [['stray'], /unexpected argument "stray"/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseFaultArgs(argv)).toThrow(FaultArgsError);
    expect(() => parseFaultArgs(argv)).toThrow(message);
  });
});
