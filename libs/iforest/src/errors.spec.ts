import { DimensionMismatchError } from './errors/dimension-mismatch.error';
import { ERROR_CODES } from './errors/error-codes';
import { IforestError } from './errors/iforest.error';
import { InvalidArgumentError } from './errors/invalid-argument.error';
import { InvalidMatrixError } from './errors/invalid-matrix.error';
import { InvalidOptionError } from './errors/invalid-option.error';
import { InvalidStateError } from './errors/invalid-state.error';
import { NonFiniteInputError } from './errors/non-finite-input.error';
import { NotFittedError } from './errors/not-fitted.error';
import { TooFewSamplesError } from './errors/too-few-samples.error';
import * as barrel from './index';
import { IsolationForest } from './isolation-forest';
import type { IsolationForestOptions } from './isolation-forest-options';

const classes = [NotFittedError, TooFewSamplesError, InvalidOptionError, DimensionMismatchError, NonFiniteInputError, InvalidMatrixError, InvalidStateError, InvalidArgumentError];

describe('error classes', () => {
  it.each(classes.map((c) => [c.name, c] as const))('%s has a code listed in ERROR_CODES and its own name', (name, Cls) => {
    const e = new Cls('boom');
    expect(Object.keys(ERROR_CODES)).toContain(e.code);
    expect(e.code.startsWith('iforest:')).toBe(true);
    expect(e.name).toBe(name);
    expect(e).toBeInstanceOf(IforestError);
    expect(e).toBeInstanceOf(Error);
  });

  it('every listed code has a class, and every class is exported from the barrel', () => {
    expect(new Set(classes.map((C) => new C('').code))).toEqual(new Set(Object.keys(ERROR_CODES)));
    for (const C of classes) expect((barrel as Record<string, unknown>)[C.name]).toBe(C);
  });
});

describe('IsolationForest preconditions', () => {
  const rows = [[0, 1], [1, 0], [2, 2], [3, 1]];
  const fitted = new IsolationForest({ nEstimators: 5 }).fit(rows);

  it.each(['scoreSamples', 'decisionFunction', 'predict', 'toJSON'] as const)('%s before fit throws NotFittedError naming the method', (fn) => {
    const m = new IsolationForest();
    const call = () => (fn === 'toJSON' ? m.toJSON() : m[fn](rows));
    expect(call).toThrow(NotFittedError);
    expect(call).toThrow(new RegExp(`^${fn} requires a fitted model`));
  });

  it('scoreRow and explain before fit throw NotFittedError', () => {
    expect(() => new IsolationForest().scoreRow(null, [1, 2])).toThrow(NotFittedError);
    expect(() => new IsolationForest().explain(rows, 0)).toThrow(NotFittedError);
  });

  it('fit with fewer than 2 samples throws TooFewSamplesError', () => {
    expect(() => new IsolationForest().fit([[1, 2]])).toThrow(TooFewSamplesError);
    expect(() => new IsolationForest().fit([[1, 2]])).toThrow('fit requires at least 2 samples');
    expect(() => new IsolationForest().fit({ nRows: 0, nCols: 3, data: new Float64Array(0) })).toThrow(TooFewSamplesError);
    expect(() => new IsolationForest({ maxSamples: 0.1 }).fit(rows)).toThrow(TooFewSamplesError);
  });

  const badOptions: IsolationForestOptions[] = [
    { nEstimators: 0 }, { nEstimators: 2.5 }, { maxSamples: 0 }, { maxSamples: 1.5 }, { maxSamples: -3 },
    { maxSamples: 'all' as 'auto' }, { maxFeatures: 0 }, { maxFeatures: NaN }, { contamination: 0 },
    { contamination: 0.6 }, { contamination: 'none' as 'auto' }, { bootstrap: 1 as unknown as boolean },
    { seed: 1.5 }, { random: 3 as unknown as () => number },
  ];
  it.each(badOptions)('rejects option %p with InvalidOptionError', (opts) => {
    expect(() => new IsolationForest(opts)).toThrow(InvalidOptionError);
  });

  it('rejects maxFeatures above the feature count and a generator leaving [0, 1) at fit', () => {
    expect(() => new IsolationForest({ maxFeatures: 3 }).fit(rows)).toThrow(InvalidOptionError);
    expect(() => new IsolationForest({ random: () => 1 }).fit(rows)).toThrow(InvalidOptionError);
  });

  it('rejects rows of the wrong width with DimensionMismatchError', () => {
    expect(() => fitted.scoreSamples([[1, 2, 3]])).toThrow(DimensionMismatchError);
    expect(() => fitted.scoreSamples([[1, 2, 3]])).toThrow('scoreSamples requires rows of 2 features');
    expect(() => fitted.predict({ nRows: 1, nCols: 3, indptr: Int32Array.of(0, 0), indices: new Int32Array(0), data: new Float64Array(0) })).toThrow(DimensionMismatchError);
    expect(() => fitted.scoreRow(null, [1, 2, 3])).toThrow(DimensionMismatchError);
    expect(() => fitted.scoreRow([5], [1])).toThrow(DimensionMismatchError);
  });

  it('rejects NaN and Infinity with NonFiniteInputError', () => {
    expect(() => new IsolationForest().fit([[0, 1], [NaN, 2]])).toThrow(NonFiniteInputError);
    expect(() => fitted.scoreSamples([[0, Infinity]])).toThrow(NonFiniteInputError);
    expect(() => fitted.decisionFunction({ nRows: 1, nCols: 2, indptr: Int32Array.of(0, 1), indices: Int32Array.of(1), data: Float64Array.of(-Infinity) })).toThrow(NonFiniteInputError);
    expect(() => fitted.scoreRow(null, [0, NaN])).toThrow(NonFiniteInputError);
    expect(() => fitted.scoreRow([0], [NaN])).toThrow(NonFiniteInputError);
  });

  it('rejects malformed matrices with InvalidMatrixError', () => {
    const m = new IsolationForest();
    expect(() => m.fit([[1, 2], [3]])).toThrow(InvalidMatrixError);
    expect(() => m.fit({ nRows: 2, nCols: 2, data: new Float64Array(3) })).toThrow(InvalidMatrixError);
    expect(() => m.fit({ nRows: 2, nCols: 0, data: new Float64Array(0) })).toThrow('fit requires at least 1 feature');
    expect(() => m.fit({ nRows: 2, nCols: 2, indptr: Int32Array.of(0, 1), indices: Int32Array.of(0), data: Float64Array.of(1) })).toThrow(InvalidMatrixError);
    expect(() => m.fit({ nRows: 2, nCols: 2, indptr: Int32Array.of(0, 1, 2), indices: Int32Array.of(0, 2), data: Float64Array.of(1, 1) })).toThrow(InvalidMatrixError);
    expect(() => m.fit({ nRows: 2, nCols: 2, indptr: Int32Array.of(0, 2, 1), indices: Int32Array.of(0, 1), data: Float64Array.of(1, 1) })).toThrow(InvalidMatrixError);
    expect(() => m.fit(42 as unknown as number[][])).toThrow(InvalidMatrixError);
  });

  it('rejects bad explain and scoreRow arguments with InvalidArgumentError', () => {
    expect(() => fitted.explain(rows, 4)).toThrow(InvalidArgumentError);
    expect(() => fitted.explain(rows, -1)).toThrow(InvalidArgumentError);
    expect(() => fitted.explain(rows, 0, 0)).toThrow(InvalidArgumentError);
    expect(() => fitted.scoreRow([0, 1], [1])).toThrow(InvalidArgumentError);
  });
});
