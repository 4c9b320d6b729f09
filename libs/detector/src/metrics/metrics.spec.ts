import { InvalidInputError, averagePrecision, bestF1, detectionReport, precisionRecallF1, rocAuc } from '../index';

// Every expected value below is worked out by hand in the comment beside it.
describe('precisionRecallF1', () => {
  it('counts tp/fp/fn/tn', () => {
    // predicted 1,1,0,0,1 vs labels 1,0,0,1,1: tp = {0,4}, fp = {1}, fn = {3}, tn = {2}
    const r = precisionRecallF1([1, 1, 0, 0, 1], [1, 0, 0, 1, 1]);
    expect(r).toMatchObject({ tp: 2, fp: 1, fn: 1, tn: 1 });
    expect(r.precision).toBeCloseTo(2 / 3, 12);
    expect(r.recall).toBeCloseTo(2 / 3, 12);
    expect(r.f1).toBeCloseTo(2 / 3, 12);
  });

  it('takes booleans and returns zeros when nothing is flagged', () => {
    const r = precisionRecallF1([false, false], [1, 0]);
    expect(r).toMatchObject({ tp: 0, fp: 0, fn: 1, tn: 1, precision: 0, recall: 0, f1: 0 });
  });

  it('rejects mismatched or non-binary labels', () => {
    expect(() => precisionRecallF1([1], [1, 0])).toThrow(InvalidInputError);
    expect(() => precisionRecallF1([1], [2])).toThrow(InvalidInputError);
  });
});

describe('bestF1, averagePrecision, rocAuc', () => {
  const scores = [0.9, 0.8, 0.7, 0.6, 0.5];
  const labels = [1, 0, 1, 0, 0];

  it('bestF1 scans every threshold', () => {
    // top-1: P 1, R .5, F .667; top-2: .5/.5/.5; top-3: P 2/3, R 1, F .8; top-4: .5/1/.667; top-5: .4/1/.571
    const b = bestF1(scores, labels);
    expect(b.f1).toBeCloseTo(0.8, 12);
    expect(b.precision).toBeCloseTo(2 / 3, 12);
    expect(b.recall).toBe(1);
    expect(b.threshold).toBe(0.7);
  });

  it('averagePrecision = Σ ΔR · P', () => {
    // R steps .5 at P 1 (k=1), then .5 at P 2/3 (k=3): .5 + .5 · 2/3
    expect(averagePrecision(scores, labels)).toBeCloseTo(0.5 + 1 / 3, 12);
  });

  it('treats tied scores as one threshold', () => {
    // 0.9 → tp 1 of 1 (R .5, P 1); 0.5,0.5 → tp 2 of 3 (R 1, P 2/3); 0.1 → R 1, P .5
    const s = [0.9, 0.5, 0.5, 0.1];
    const y = [1, 1, 0, 0];
    expect(averagePrecision(s, y)).toBeCloseTo(0.5 + 1 / 3, 12);
    expect(bestF1(s, y).f1).toBeCloseTo(0.8, 12);
    // positive pairs: 0.9 beats both negatives (2), 0.5 ties 0.5 (0.5) and beats 0.1 (1): 3.5 / 4
    expect(rocAuc(s, y)).toBeCloseTo(0.875, 12);
  });

  it('rocAuc counts ordered pairs', () => {
    // positives 0.9 and 0.7 against negatives 0.8, 0.6, 0.5: 3 + 2 of 6 pairs
    expect(rocAuc(scores, labels)).toBeCloseTo(5 / 6, 12);
  });

  it('needs a positive', () => {
    expect(() => bestF1([0.1, 0.2], [0, 0])).toThrow(InvalidInputError);
    expect(() => averagePrecision([0.1, 0.2], [0, 0])).toThrow(InvalidInputError);
  });
});

describe('detectionReport', () => {
  it('puts the figures at the threshold next to the threshold-free ones', () => {
    const r = detectionReport([0.9, 0.8, 0.7, 0.6, 0.5], [true, true, false, false, false], [1, 0, 1, 0, 0]);
    expect(r).toMatchObject({ items: 5, positives: 2, flagged: 2, tp: 1, fp: 1, fn: 1 });
    expect(r.f1).toBeCloseTo(0.5, 12);
    expect(r.bestF1).toBeCloseTo(0.8, 12);
    expect(r.rocAuc).toBeCloseTo(5 / 6, 12);
    expect(r.prAuc).toBeCloseTo(0.5 + 1 / 3, 12);
  });
});
