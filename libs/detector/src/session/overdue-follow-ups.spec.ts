import { mulberry32 } from '@logad/iforest';
import { type TimedColumns, mineFollowUps, overdue } from './overdue-follow-ups';

// Columns of a synthetic write: 0 allocate, 1 receiving (within 1 s), 2 stored (2–9 s later),
// 3 deleted (hours later, 60 % of blocks: a workload step, slower than the idle timeout).
const options = { support: 0.99, minShare: 0.005, maxDelayMs: 30_000 };

function block(r: () => number, t0: number): TimedColumns {
  const columns = [0, 1, 2];
  const times: number[] = [t0, t0 + Math.floor(r() * 2) * 1000, t0 + (2 + Math.floor(r() * 8)) * 1000];
  if (r() < 0.6) {
    columns.push(3);
    times.push(t0 + 3_600_000 + Math.floor(r() * 3_600_000));
  }
  return { columns, times };
}

describe('mineFollowUps', () => {
  const r = mulberry32(5);
  const training = Array.from({ length: 1000 }, (_, i) => block(r, i * 10_000));
  // 0.5 % (unlabelled) stalled writes: allocate and receiving, never stored
  for (let i = 0; i < 5; i++) training.push({ columns: [0, 1], times: [i * 1000, i * 1000] });
  const rules = mineFollowUps(training, 4, options);

  it('learns "after allocate, stored within the 99th percentile of delays" despite unlabelled stalls', () => {
    const stored = rules.find((f) => f.from === 0 && f.to === 2);
    expect(stored).toBeDefined();
    expect(stored?.support).toBeGreaterThanOrEqual(0.99);
    expect(stored?.delayMs).toBeGreaterThanOrEqual(8000);
    expect(stored?.delayMs).toBeLessThanOrEqual(9000);
  });

  it('keeps no rule slower than the idle timeout nor one that does not follow in most sessions', () => {
    expect(rules.some((f) => f.to === 3)).toBe(false);
    expect(rules.some((f) => f.from === 2 && f.to === 0)).toBe(false);
    expect(mineFollowUps(training, 4, { ...options, maxDelayMs: 3 * 3_600_000 }).some((f) => f.from === 0 && f.to === 3)).toBe(false);
  });

  it('takes lines of the same second in either order (hosts interleave within a second)', () => {
    const sameSecond = Array.from({ length: 200 }, (_, i) => ({ columns: i % 2 ? [0, 1] : [1, 0], times: [i * 1000, i * 1000] }));
    expect(mineFollowUps(sameSecond, 2, options).map((f) => [f.from, f.to])).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it('ignores sessions with an untimed line, and finds nothing without times', () => {
    const untimed = training.map((s) => ({ columns: s.columns, times: s.times.map(() => null) }));
    expect(mineFollowUps(untimed, 4, options)).toEqual([]);
  });
});

describe('overdue', () => {
  const rule = { from: 0, to: 2, support: 0.995, delayMs: 9000 };

  it('flags a write never stored once the delay has passed, not before (a session cut by the end of the data)', () => {
    const stalled: TimedColumns = { columns: [0, 1], times: [0, 0] };
    expect(overdue(rule, stalled, 60_000)).toBe(true);
    expect(overdue(rule, stalled, 9000)).toBe(false);
  });

  it('lets a stored write, a session without A and an untimed A through', () => {
    expect(overdue(rule, { columns: [0, 1, 2], times: [0, 0, 5000] }, 60_000)).toBe(false);
    expect(overdue(rule, { columns: [1, 2], times: [0, 5000] }, 60_000)).toBe(false);
    expect(overdue(rule, { columns: [0, 1], times: [null, null] }, 60_000)).toBe(false);
  });

  it('needs B at or after A: a B logged only before A does not count', () => {
    expect(overdue(rule, { columns: [2, 0], times: [0, 1000] }, 60_000)).toBe(true);
  });
});
