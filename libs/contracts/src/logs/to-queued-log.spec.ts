import { isoOfMs, toQueuedLog } from './to-queued-log';

const newId = () => 'id';
const ts = (timestamp: string | number) => toQueuedLog({ message: 'm', timestamp } as never, 0, newId).timestamp;

describe('toQueuedLog timestamps', () => {
  it('writes what toISOString writes, for strings and epoch ms', () => {
    for (const s of ['2025-11-26T08:00:00.000Z', '2024-02-29T23:59:59.999Z', '2025-11-26T08:00:00Z', '2025-11-26T09:00:00.123+01:00', '2025-02-30T00:00:00.000Z', '2025-01-01T24:00:00.000Z', '1999-12-31T23:59:60.000Z']) {
      const parsed = Date.parse(s);
      if (Number.isNaN(parsed)) continue;
      expect([s, ts(s)]).toEqual([s, new Date(parsed).toISOString()]);
    }
    for (const ms of [0, 1, 999, 86_399_999, 86_400_000, 1_764_144_000_123, 253_402_300_799_999, 253_402_300_800_000, 8_640_000_000_000_000]) {
      expect([ms, isoOfMs(ms)]).toEqual([ms, new Date(ms).toISOString()]);
      expect(ts(ms)).toBe(new Date(ms).toISOString());
    }
    // across days and back: the cached date part follows
    let ms = 1_764_100_000_000;
    for (let i = 0; i < 2000; i++, ms += 86_399_937 * ((i % 3) - 1) + 12_345) expect(isoOfMs(ms)).toBe(new Date(ms).toISOString());
  });
  it('writes what toISOString writes for times in one second, back and forth, before 1970 and with fractions', () => {
    const times = [1_764_144_000_000, 1_764_144_000_007, 1_764_144_000_999.9, 1_764_144_001_000, 1_764_144_000_500, -1, -1000, -1001, -1.5, 1_764_144_059_999, 1_764_144_060_000];
    for (const ms of times) expect([ms, isoOfMs(ms)]).toEqual([ms, new Date(ms).toISOString()]);
    for (let ms = 1_764_144_000_000; ms < 1_764_144_003_000; ms += 37) expect(isoOfMs(ms)).toBe(new Date(ms).toISOString());
  });
});
