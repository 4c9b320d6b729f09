import { type ReviewItem, simulateReviews } from './simulate-reviews';

const item = (group: string, score: number, flagged: boolean, label: boolean): ReviewItem => ({ group, score, flagged, label });

describe('simulateReviews', () => {
  // a: 2 flagged normal lines (top score); b: 3 anomalous lines, one flagged; c: 1 normal line, unflagged.
  const items = [item('a', 90, true, false), item('a', 80, true, false), item('b', 70, true, true), item('b', 40, false, true), item('b', 30, false, true), item('c', 20, false, false)];

  it('mutes the top group when most of it is normal, then confirms one that is mostly anomalous, and stops when no alert is left', () => {
    const steps = simulateReviews(items, 5);
    expect(steps.map((s) => [s.group, s.action, s.flagged])).toEqual([
      [null, null, 3],
      ['a', 'mute', 1],
      ['b', 'confirm', 3],
    ]);
    expect(steps[0].f1).toBeCloseTo(2 / 6, 10); // P 1/3, R 1/3
    expect(steps[2].f1).toBe(1);
  });

  it('takes the group with the most flagged lines first with order size', () => {
    const more = [...items, item('b', 60, true, true), item('b', 50, true, true)];
    expect(simulateReviews(more, 1, 'size')[1]).toMatchObject({ group: 'b', action: 'confirm', groupSize: 5 });
  });

  it('reports the figures before any review with K = 0', () => {
    expect(simulateReviews(items, 0)).toHaveLength(1);
  });
});
