import { InvalidArgumentError } from './errors/invalid-argument.error';
import { rocAuc } from './roc-auc';

describe('rocAuc', () => {
  it('is 1 for a perfect ranking, 0 for a reversed one', () => {
    expect(rocAuc([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1])).toBe(1);
    expect(rocAuc([0.9, 0.8, 0.2, 0.1], [0, 0, 1, 1])).toBe(0);
  });

  it('counts ties half and matches a hand count', () => {
    expect(rocAuc([1, 1, 1, 1], [0, 1, 0, 1])).toBe(0.5);
    // positives 0.35, 0.8 vs negatives 0.1, 0.4, 0.35: pairs won 1 + 0 + 0.5 + 1 + 1 + 1 = 4.5 of 6
    expect(rocAuc([0.1, 0.4, 0.35, 0.8, 0.35], [0, 0, 1, 1, 0])).toBeCloseTo(4.5 / 6, 15);
  });

  it('needs both classes and matching lengths', () => {
    expect(() => rocAuc([1, 2], [1, 1])).toThrow(InvalidArgumentError);
    expect(() => rocAuc([1, 2], [1])).toThrow(InvalidArgumentError);
  });
});
