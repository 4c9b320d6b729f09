import { InvalidArgumentError } from './errors/invalid-argument.error';
import { groupingAccuracy } from './grouping-accuracy';

describe('groupingAccuracy (LogHub definition)', () => {
  const truth = ['A', 'A', 'B', 'B', 'C'];

  it('is 1 for a perfect grouping whatever the labels', () => {
    expect(groupingAccuracy(truth, [7, 7, 3, 3, 'x'])).toBe(1);
  });

  it('counts a line only when its group holds exactly its event', () => {
    // B split in two: both B lines wrong; A and C right
    expect(groupingAccuracy(truth, [1, 1, 2, 3, 4])).toBeCloseTo(3 / 5, 12);
    // A and B merged: four lines wrong
    expect(groupingAccuracy(truth, [1, 1, 1, 1, 2])).toBeCloseTo(1 / 5, 12);
    // everything in one group
    expect(groupingAccuracy(truth, [0, 0, 0, 0, 0])).toBe(0);
    // a group that is pure but misses one of its event's lines is wrong
    expect(groupingAccuracy(['A', 'A', 'A'], [1, 1, 2])).toBe(0);
  });

  it('compares predicted labels by value and type', () => {
    expect(groupingAccuracy(['A', 'A'], [1, '1'])).toBe(0);
  });

  it('rejects arrays of different length and empty input', () => {
    expect(() => groupingAccuracy(['A'], [1, 2])).toThrow(InvalidArgumentError);
    expect(() => groupingAccuracy(['A'], [1, 2])).toThrow('groupingAccuracy requires arrays of the same length, got 1 and 2');
    expect(() => groupingAccuracy([], [])).toThrow(InvalidArgumentError);
    expect(() => groupingAccuracy('AB' as unknown as string[], [1, 2])).toThrow(InvalidArgumentError);
  });
});
