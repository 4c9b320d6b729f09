import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { numpyArgsort } from './numpy-argsort';

// np.argsort outputs for tie-heavy inputs, from fixtures/make-fixtures.py
const fx = JSON.parse(readFileSync(join(__dirname, '../fixtures/numpy-argsort-fixtures.json'), 'utf8')) as {
  numpy: string;
  values: number[][];
  argsort: number[][];
};

describe(`numpyArgsort mirrors np.argsort of numpy ${fx.numpy}`, () => {
  it('has fixtures for both the insertion-sort (n <= 16) and the introsort regimes', () => {
    expect(fx.values.some((v) => v.length > 200)).toBe(true);
    expect(fx.values.some((v) => v.length < 16)).toBe(true);
  });

  it('orders tied values exactly as numpy does', () => {
    fx.values.forEach((values, i) => {
      expect({ case: i, order: Array.from(numpyArgsort(Float64Array.from(values))) }).toEqual({ case: i, order: fx.argsort[i] });
    });
  });

  it('is not a stable sort (ties in large inputs leave their original order), like numpy', () => {
    const values = Float64Array.from({ length: 300 }, (_v, i) => i % 3);
    const order = Array.from(numpyArgsort(values));
    const stable = Array.from(values.keys()).sort((a, b) => values[a] - values[b] || a - b);
    expect(order).not.toEqual(stable);
    for (let k = 1; k < order.length; k++) expect(values[order[k - 1]]).toBeLessThanOrEqual(values[order[k]]);
  });
});
