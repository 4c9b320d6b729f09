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

  it('reads the faults of what the apps stand on; --fault NAME runs one alone, and explicit options win over it', () => {
    const a = parseFaultArgs(
      '--appendfsync always --redis-kill-at 5,9 --redis-down-for 2 --disk-full-at 4 --disk-full-for 6 --logs-tmpfs-mb 32 --queue-high-water 20'.split(' '),
    );
    expect(a.options).toMatchObject({
      ownRedis: true,
      appendfsync: 'always',
      redisKillAtS: [5, 9],
      redisDownForS: 2,
      diskFullAtS: 4,
      diskFullForS: 6,
      logsTmpfsMb: 32,
      queueHighWater: 20,
    });
    expect(parseFaultArgs('--storage postgres --pg-restart-at 3 --pg-restart-mode immediate --pg-down-for 4'.split(' ')).options).toMatchObject({
      storage: 'postgres',
      pgRestartAtS: [3],
      pgRestartMode: 'immediate',
      pgDownForS: 4,
    });
    expect(parseFaultArgs(['--own-redis']).options.ownRedis).toBe(true);
    expect(parseFaultArgs([]).options).toMatchObject({ ownRedis: false, storage: 'json', redisKillAtS: [], pgRestartAtS: [] });
    expect(parseFaultArgs(['--fault', 'redis-kill']).options).toMatchObject({
      ownRedis: true,
      redisKillAtS: [20, 40],
      killEveryS: 0,
      mlDownForS: 0,
      restartAll: false,
    });
    expect(parseFaultArgs(['--fault', 'disk-full', '--disk-full-for', '5']).options).toMatchObject({ diskFullAtS: 20, diskFullForS: 5, queueHighWater: 40 });
    expect(parseFaultArgs(['--fault=pg-restart', '--pg-restart-mode', 'immediate']).options).toMatchObject({ storage: 'postgres', pgRestartMode: 'immediate' });
  });

  it.each([
    [['--fault', 'meteor'], /--fault must be one of redis-kill, disk-full, pg-restart/],
    [['--appendfsync', 'no'], /--appendfsync must be everysec or always/],
    [['--pg-restart-at', '3'], /pgRestartAtS needs storage 'postgres'/],
    [['--storage', 'postgres', '--disk-full-at', '3'], /diskFullAtS fills LOGS_DIR/],
    [['--duration', '10', '--redis-kill-at', '10'], /redisKillAtS must lie within the load/],
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
