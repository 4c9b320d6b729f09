import { InvalidStateError } from './errors/invalid-state.error';
import { IsolationForest } from './isolation-forest';
import type { IsolationForestState } from './isolation-forest-state';
import { mulberry32 } from './mulberry32';

function uniformRows(n: number, d: number, seed: number): number[][] {
  const rand = mulberry32(seed);
  return Array.from({ length: n }, () => Array.from({ length: d }, () => rand() * 10));
}

describe('IsolationForest toJSON / fromJSON', () => {
  const x = uniformRows(300, 4, 1);
  const model = new IsolationForest({ contamination: 0.1, maxFeatures: 0.75 }).fit(x);
  const state = JSON.parse(JSON.stringify(model)) as IsolationForestState;

  it('round-trips through JSON text to identical scores, offset and explanations', () => {
    const back = IsolationForest.fromJSON(state);
    expect(back.isFitted).toBe(true);
    expect(back.nFeatures).toBe(4);
    expect(back.offset).toBe(model.offset);
    expect(Array.from(back.scoreSamples(x))).toEqual(Array.from(model.scoreSamples(x)));
    expect(Array.from(back.predict(x))).toEqual(Array.from(model.predict(x)));
    expect(back.explain(x, 0)).toEqual(model.explain(x, 0));
    expect(back.toJSON()).toEqual(state);
  });

  it('carries a format tag, a version and the options', () => {
    expect(state.format).toBe('logad-iforest');
    expect(state.version).toBe(1);
    expect(state.options).toEqual({ nEstimators: 100, maxSamples: 'auto', maxFeatures: 0.75, contamination: 0.1, bootstrap: false, seed: 42 });
    expect(state.samplesPerTree).toBe(256);
  });

  it('refits a restored model like the original', () => {
    const back = IsolationForest.fromJSON(state).fit(x);
    expect(Array.from(back.scoreSamples(x))).toEqual(Array.from(model.scoreSamples(x)));
  });

  const firstInternal = state.feature.findIndex((f) => f >= 0);
  const firstLeaf = state.feature.findIndex((f) => f < 0);
  const corruptions: Array<[string, (s: Record<string, unknown>) => unknown]> = [
    ['null', () => null],
    ['an array', () => []],
    ['a wrong format tag', (s) => ({ ...s, format: 'other' })],
    ['a future version', (s) => ({ ...s, version: 2 })],
    ['a missing node array', (s) => ({ ...s, threshold: undefined })],
    ['a truncated node array', (s) => ({ ...s, value: (s.value as number[]).slice(1) })],
    ['a non-numeric threshold', (s) => ({ ...s, threshold: (s.threshold as number[]).map((v, i) => (i === 0 ? 'x' : v)) })],
    ['a feature index out of range', (s) => ({ ...s, feature: (s.feature as number[]).map((v, i) => (i === firstInternal ? 4 : v)) })],
    ['a child pointing backwards (a cycle)', (s) => ({ ...s, left: (s.left as number[]).map((v, i) => (i === firstInternal ? 0 : v)) })],
    ['a child past the tree', (s) => ({ ...s, left: (s.left as number[]).map((v, i) => (i === firstInternal ? (s.roots as number[])[1] : v)) })],
    ['a negative leaf value', (s) => ({ ...s, value: (s.value as number[]).map((v, i) => (i === firstLeaf ? -1 : v)) })],
    ['a zero node count', (s) => ({ ...s, count: (s.count as number[]).map((v, i) => (i === firstLeaf ? 0 : v)) })],
    ['roots not starting at 0', (s) => ({ ...s, roots: (s.roots as number[]).map((v) => v + 1) })],
    ['a non-finite offset', (s) => ({ ...s, offset: null })],
    ['nFeatures 0', (s) => ({ ...s, nFeatures: 0 })],
    ['samplesPerTree 1', (s) => ({ ...s, samplesPerTree: 1 })],
    ['bad options', (s) => ({ ...s, options: { ...(s.options as object), contamination: 0.9 } })],
    ['a tree count differing from nEstimators', (s) => ({ ...s, options: { ...(s.options as object), nEstimators: 99 } })],
  ];

  it.each(corruptions)('rejects a state with %s with InvalidStateError', (_, corrupt) => {
    const bad = corrupt(JSON.parse(JSON.stringify(state)) as Record<string, unknown>);
    expect(() => IsolationForest.fromJSON(bad)).toThrow(InvalidStateError);
  });
});
