import { detectLevel } from './detect-level';

describe('detectLevel', () => {
  it.each([
    ['2026-12-06 23:18:26.235 UTC [23109] app@appdb FATAL:  password authentication failed for user "app"', 'FATAL'],
    ['2026/12/06 23:22:27 [error] 24082#24082: *4820 connect() failed (111: Connection refused)', 'ERROR'],
    ['2015-07-29 17:41:44,747 - WARN  [QuorumPeer[myid=1]/0:0:0:0:0:0:0:0:2181:FastLeaderElection@688] - Notification time out', 'WARN'],
    ['time=2026-01-01T00:00:00Z level=warning msg="disk almost full"', 'WARN'],
    ['{"level":"error","msg":"boom"}', 'ERROR'],
    ['<crit> kernel: thermal event', 'FATAL'],
    ['LOG:  checkpoint starting: time', null],
    ['no error was found in the file', null],
    ['Accepted publickey for inctest from 127.0.0.1 port 40022 ssh2', null],
  ])('%s → %s', (line, level) => {
    expect(detectLevel(line)).toBe(level);
  });
});
