import { percentile } from './percentile';

describe('percentile (numpy linear)', () => {
  it('interpolates between order statistics', () => {
    const v = [4, 1, 3, 2]; // sorted 1 2 3 4, virtual index (n-1) p / 100
    expect(percentile(v, 0)).toBe(1);
    expect(percentile(v, 100)).toBe(4);
    expect(percentile(v, 50)).toBe(2.5);
    expect(percentile(v, 10)).toBeCloseTo(1.3, 15);
    expect(percentile(v, 90)).toBeCloseTo(3.7, 15);
  });

  it('does not reorder its input', () => {
    const v = [3, 1, 2];
    percentile(v, 50);
    expect(v).toEqual([3, 1, 2]);
  });
});
