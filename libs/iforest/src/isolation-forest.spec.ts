import { averagePathLength } from './average-path-length';
import type { CsrMatrix, DenseMatrix } from './matrix';
import { IsolationForest } from './isolation-forest';
import { mulberry32 } from './mulberry32';

/** n rows of d standard normals; rows listed in `outliers` get `shift` added to feature `feature`. */
function blob(n: number, d: number, seed: number, outliers: number[] = [], feature = 0, shift = 0): DenseMatrix {
  const rand = mulberry32(seed);
  const data = new Float64Array(n * d);
  for (let i = 0; i < n * d; i++) data[i] = Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  for (const r of outliers) data[r * d + feature] += shift;
  return { nRows: n, nCols: d, data };
}

/** Sparse rows (~nnz per row, some explicit duplicates left for canonicalisation) and their dense twin. */
function sparsePair(n: number, d: number, nnz: number, seed: number): { csr: CsrMatrix; dense: DenseMatrix } {
  const rand = mulberry32(seed);
  const indptr = new Int32Array(n + 1);
  const indices: number[] = [];
  const values: number[] = [];
  const dense = new Float64Array(n * d);
  for (let r = 0; r < n; r++) {
    for (let k = 0; k < nnz; k++) {
      const c = Math.floor(rand() * d);
      const v = Math.round(rand() * 1000) / 1000;
      indices.push(c); // unsorted, possibly repeated: summed like scipy
      values.push(v);
      dense[r * d + c] += v;
    }
    indptr[r + 1] = indices.length;
  }
  return {
    csr: { nRows: n, nCols: d, indptr, indices: Int32Array.from(indices), data: Float64Array.from(values) },
    dense: { nRows: n, nCols: d, data: dense },
  };
}

/** Depth of every leaf, from the JSON state (the public view of the trees). */
function leafDepths(model: IsolationForest): number[] {
  const s = model.toJSON();
  const depth = new Array<number>(s.feature.length).fill(0);
  const out: number[] = [];
  for (let i = 0; i < s.feature.length; i++) {
    if (s.feature[i] >= 0) depth[s.left[i]] = depth[s.left[i] + 1] = depth[i] + 1;
    else out.push(depth[i]);
  }
  return out;
}

describe('IsolationForest', () => {
  const x = blob(600, 5, 1);

  it('gives identical scores for the same seed and different scores for another seed', () => {
    const a = new IsolationForest({ seed: 7 }).fit(x).scoreSamples(x);
    const b = new IsolationForest({ seed: 7 }).fit(x).scoreSamples(x);
    const c = new IsolationForest({ seed: 8 }).fit(x).scoreSamples(x);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it('uses an injected generator instead of the seed', () => {
    const a = new IsolationForest({ seed: 1, random: mulberry32(99) }).fit(x).scoreSamples(x);
    const b = new IsolationForest({ seed: 2, random: mulberry32(99) }).fit(x).scoreSamples(x);
    const c = new IsolationForest({ seed: 99 }).fit(x).scoreSamples(x);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).toEqual(Array.from(c));
  });

  it.each([
    [{}, 8],
    [{ maxSamples: 100 }, 7],
    [{ maxSamples: 0.5 }, 9], // 300 rows
    [{ maxSamples: 600 }, 10],
    [{ bootstrap: true, maxSamples: 64 }, 6],
  ])('bounds tree height by ceil(log2(maxSamples)) with %j', (opts, limit) => {
    const model = new IsolationForest({ nEstimators: 20, ...opts }).fit(x);
    const depths = leafDepths(model);
    expect(Math.max(...depths)).toBeLessThanOrEqual(limit);
    expect(Math.max(...depths)).toBeGreaterThanOrEqual(limit - 1); // the limit is actually reached
  });

  it('stores leaf path lengths as depth + c(leaf size) and scores with c(psi)', () => {
    const train = blob(16, 2, 3);
    const model = new IsolationForest({ nEstimators: 3, maxSamples: 16 }).fit(train);
    const s = model.toJSON();
    // route every training row ourselves and count who lands in which leaf, at which depth
    const hits = new Map<number, { depth: number; rows: number }>();
    const expected: number[] = [];
    for (let r = 0; r < 16; r++) {
      let sum = 0;
      for (const root of s.roots) {
        let node = root;
        let depth = 0;
        while (s.feature[node] >= 0) {
          node = train.data[r * 2 + s.feature[node]] <= s.threshold[node] ? s.left[node] : s.left[node] + 1;
          depth++;
        }
        hits.set(node, { depth, rows: (hits.get(node)?.rows ?? 0) + 1 });
        sum += s.value[node];
      }
      expected.push(-Math.pow(2, -sum / (3 * averagePathLength(16))));
    }
    for (const [node, { depth, rows }] of hits) {
      expect(s.value[node]).toBeCloseTo(depth + averagePathLength(rows), 12);
      expect(s.count[node]).toBe(rows);
    }
    expect([...hits.values()].some((h) => h.rows > 1)).toBe(true); // the depth limit (4) left some leaves unsplit
    const scores = model.scoreSamples(train);
    for (let r = 0; r < 16; r++) expect(scores[r]).toBeCloseTo(expected[r], 12);
  });

  it('scores in [-1, 0) and ranks a far point as more anomalous than the centre', () => {
    const model = new IsolationForest().fit(x);
    const s = model.scoreSamples(x);
    for (const v of s) {
      expect(v).toBeGreaterThanOrEqual(-1);
      expect(v).toBeLessThan(0);
    }
    const [far, centre] = model.scoreSamples([[9, 9, 9, 9, 9], [0, 0, 0, 0, 0]]);
    expect(far).toBeLessThan(-0.6);
    expect(centre).toBeGreaterThan(-0.5);
  });

  it('treats constant features as unsplittable and a fully constant node as a leaf', () => {
    const rows = Array.from({ length: 50 }, (_, i) => [3, i % 2 === 0 ? 1 : 2]);
    const model = new IsolationForest({ nEstimators: 5 }).fit(rows);
    const s = model.toJSON();
    expect(s.feature.filter((f) => f === 0)).toHaveLength(0);
    expect(s.feature.filter((f) => f === 1)).toHaveLength(5); // one split per tree, then leaves of equal rows
  });

  it('predict is -1 exactly where decisionFunction < 0, and decision = score - offset', () => {
    const model = new IsolationForest({ contamination: 0.05 }).fit(x);
    const score = model.scoreSamples(x);
    const decision = model.decisionFunction(x);
    const labels = model.predict(x);
    for (let i = 0; i < x.nRows; i++) {
      expect(decision[i]).toBeCloseTo(score[i] - model.offset, 12);
      expect(labels[i]).toBe(decision[i] < 0 ? -1 : 1);
    }
  });

  it("uses offset -0.5 for contamination 'auto'", () => {
    expect(new IsolationForest().fit(x).offset).toBe(-0.5);
  });

  it.each([0.01, 0.05, 0.1, 0.25, 0.5])('flags about a %p fraction of training rows with that contamination', (c) => {
    const model = new IsolationForest({ contamination: c }).fit(x);
    const flagged = model.predict(x).filter((v) => v === -1).length;
    expect(Math.abs(flagged - c * x.nRows)).toBeLessThanOrEqual(1);
  });

  it('gives bit-identical scores for CSR and dense forms of the same data', () => {
    const { csr, dense } = sparsePair(400, 40, 4, 5);
    for (const opts of [{}, { maxFeatures: 0.5 }, { bootstrap: true }, { maxSamples: 1 }]) {
      const a = new IsolationForest({ seed: 3, ...opts }).fit(csr);
      const b = new IsolationForest({ seed: 3, ...opts }).fit(dense);
      expect(a.toJSON()).toEqual(b.toJSON());
      expect(Array.from(a.scoreSamples(csr))).toEqual(Array.from(b.scoreSamples(dense)));
      expect(Array.from(a.scoreSamples(dense))).toEqual(Array.from(a.scoreSamples(csr)));
    }
  });

  it('scoreRow matches scoreSamples for dense and sparse rows and leaves no state behind', () => {
    const { csr, dense } = sparsePair(200, 30, 3, 9);
    const model = new IsolationForest().fit(csr);
    const expected = model.scoreSamples(csr);
    for (let r = 0; r < 200; r++) {
      const lo = csr.indptr[r];
      const hi = csr.indptr[r + 1];
      expect(model.scoreRow(csr.indices.subarray(lo, hi), csr.data.subarray(lo, hi))).toBe(expected[r]);
      const row = dense.data.subarray(r * 30, r * 30 + 30);
      expect(model.scoreRow(null, row)).toBe(expected[r]);
      expect(model.scoreRow(null, Array.from(row))).toBe(expected[r]);
    }
    expect(Array.from(model.scoreSamples(dense))).toEqual(Array.from(expected));
  });

  it('accepts arrays of rows like a dense matrix', () => {
    const rows = Array.from({ length: 100 }, (_, r) => Array.from(x.data.subarray(r * 5, r * 5 + 5)));
    const a = new IsolationForest().fit(rows);
    const head: DenseMatrix = { nRows: 100, nCols: 5, data: x.data.slice(0, 500) };
    expect(Array.from(a.scoreSamples(rows))).toEqual(Array.from(new IsolationForest().fit(head).scoreSamples(head)));
    expect(a.scoreSamples([])).toHaveLength(0);
  });

  it('uses only maxFeatures features per tree', () => {
    const s = new IsolationForest({ nEstimators: 30, maxFeatures: 2 }).fit(x).toJSON();
    for (let t = 0; t < s.roots.length; t++) {
      const end = t + 1 < s.roots.length ? s.roots[t + 1] : s.feature.length;
      const used = new Set(s.feature.slice(s.roots[t], end).filter((f) => f >= 0));
      expect(used.size).toBeLessThanOrEqual(2);
    }
  });

  it('explain ranks the feature that makes a planted outlier odd first', () => {
    for (const feature of [0, 3, 7]) {
      const data = blob(500, 8, 11 + feature, [17], feature, 9);
      const model = new IsolationForest().fit(data);
      const top = model.explain(data, 17, 3);
      expect(top).toHaveLength(3);
      expect(top[0].feature).toBe(feature);
      expect(top[0].weight).toBeGreaterThan(1.5 * top[1].weight);
      const all = model.explain(data, 17);
      expect(all.reduce((a, c) => a + c.weight, 0)).toBeCloseTo(1, 12);
      for (let i = 1; i < all.length; i++) expect(all[i].weight).toBeLessThanOrEqual(all[i - 1].weight);
    }
  });

  it('explain gives the same answer for CSR and dense rows', () => {
    const { csr, dense } = sparsePair(300, 20, 3, 2);
    const model = new IsolationForest().fit(csr);
    expect(model.explain(csr, 5)).toEqual(model.explain(dense, 5));
  });

  it('reports its state', () => {
    const model = new IsolationForest();
    expect(model.isFitted).toBe(false);
    expect(model.nFeatures).toBe(0);
    expect(model.offset).toBeNaN();
    model.fit(x);
    expect(model.isFitted).toBe(true);
    expect(model.nFeatures).toBe(5);
  });
});

describe('IsolationForest.scoreRowWithError', () => {
  const x = blob(400, 3, 21);
  const row = (r: number): Float64Array => x.data.slice(r * 3, r * 3 + 3);

  it('gives the same score as scoreRow and a standard error that shrinks with more trees', () => {
    const few = new IsolationForest({ nEstimators: 25, seed: 4 }).fit(x);
    const many = new IsolationForest({ nEstimators: 400, seed: 4 }).fit(x);
    let ratio = 0;
    for (let r = 0; r < 20; r++) {
      const a = few.scoreRowWithError(row(r));
      expect(a.score).toBe(few.scoreRow(null, row(r)));
      expect(a.standardError).toBeGreaterThan(0);
      ratio += a.standardError / many.scoreRowWithError(row(r)).standardError / 20;
    }
    // sd / √trees: 16 times the trees, about a quarter of the error
    expect(ratio).toBeGreaterThan(3);
    expect(ratio).toBeLessThan(5);
  });

  it('covers the spread of scores over seeds: most rows lie within 3 standard errors of another seed', () => {
    const a = new IsolationForest({ nEstimators: 100, seed: 1 }).fit(x);
    const b = new IsolationForest({ nEstimators: 100, seed: 2 }).fit(x);
    let within = 0;
    for (let r = 0; r < 100; r++) {
      const p = a.scoreRowWithError(row(r));
      const q = b.scoreRowWithError(row(r));
      if (Math.abs(p.score - q.score) <= 3 * Math.hypot(p.standardError, q.standardError)) within++;
    }
    expect(within).toBeGreaterThanOrEqual(95);
  });

  it('refuses a row of the wrong width', () => {
    const m = new IsolationForest({ nEstimators: 10, seed: 1 }).fit(x);
    expect(() => m.scoreRowWithError(new Float64Array(2))).toThrow(/dense row of 3/);
  });
});
