import { type CsrMatrix, type DenseMatrix, mulberry32 } from '../src';

/** A labelled matrix: label 1 = planted outlier. */
export interface Labelled<M> {
  readonly x: M;
  readonly labels: Uint8Array;
}

function gaussian(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

/**
 * A standard-normal blob in d dimensions with `outlierFraction` of rows uniform in [-2.5, 2.5]^d:
 * the outliers overlap the blob, so ROC-AUC sits near 0.98 rather than at a saturated 1.
 */
export function denseBlob(nRows: number, nCols: number, seed: number, outlierFraction = 0.03): Labelled<DenseMatrix> {
  const rand = mulberry32(seed);
  const data = new Float64Array(nRows * nCols);
  const labels = new Uint8Array(nRows);
  for (let r = 0; r < nRows; r++) {
    const outlier = rand() < outlierFraction;
    labels[r] = outlier ? 1 : 0;
    for (let c = 0; c < nCols; c++) data[r * nCols + c] = outlier ? rand() * 5 - 2.5 : gaussian(rand);
  }
  return { x: { nRows, nCols, data }, labels };
}

/** How `sparseLogs` builds its outliers. */
export type SparseOutlierKind = 'mixed-templates' | 'unseen-words';

/**
 * TF-IDF-like log lines, ~10 non-zeros per row. Normal rows repeat one of 50 templates (6-12 terms
 * of the first 90% of the vocabulary, template frequency ~ 1/sqrt(rank)) plus 0-1 parameter terms
 * from the last 10%. Outliers ('mixed-templates') are a template with up to 9 terms of another
 * template appended, an unusual mix of known words; or ('unseen-words') 6-12 words no normal row
 * uses. Values are tf * smooth idf, L2-normalised per row, as sklearn's TfidfVectorizer.
 */
export function sparseLogs(nRows: number, nCols: number, seed: number, kind: SparseOutlierKind = 'mixed-templates', outlierFraction = 0.03): Labelled<CsrMatrix> {
  const rand = mulberry32(seed);
  const common = Math.floor(nCols * 0.9);
  const pick = (lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo));
  const templates = Array.from({ length: 50 }, () => {
    const terms = new Set<number>();
    const k = pick(6, 13);
    while (terms.size < k) terms.add(pick(0, common));
    return [...terms];
  });
  const used = new Set(templates.flat());
  const unseen = Array.from({ length: common }, (_, t) => t).filter((t) => !used.has(t));
  const weights = templates.map((_, i) => 1 / Math.sqrt(i + 1));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const drawTemplate = () => {
    let u = rand() * totalWeight;
    for (let i = 0; i < weights.length; i++) if ((u -= weights[i]) <= 0) return templates[i];
    return templates[templates.length - 1];
  };
  const rows: Map<number, number>[] = [];
  const labels = new Uint8Array(nRows);
  for (let r = 0; r < nRows; r++) {
    const tf = new Map<number, number>();
    const add = (t: number) => tf.set(t, (tf.get(t) ?? 0) + 1);
    const base = drawTemplate();
    if (rand() < outlierFraction) {
      labels[r] = 1;
      if (kind === 'unseen-words') {
        const k = pick(6, 13);
        for (let i = 0; i < k; i++) add(unseen[pick(0, unseen.length)]);
      } else {
        let other = drawTemplate();
        while (other === base) other = drawTemplate();
        base.forEach(add);
        other.slice(0, 9).forEach(add);
      }
    } else {
      base.forEach(add);
      if (rand() < 0.5) add(pick(common, nCols));
    }
    rows.push(tf);
  }
  const df = new Float64Array(nCols);
  for (const tf of rows) for (const t of tf.keys()) df[t]++;
  const indptr = new Int32Array(nRows + 1);
  const nnz = rows.reduce((a, tf) => a + tf.size, 0);
  const indices = new Int32Array(nnz);
  const data = new Float64Array(nnz);
  let w = 0;
  rows.forEach((tf, r) => {
    const terms = [...tf.keys()].sort((a, b) => a - b);
    let norm = 0;
    for (const t of terms) {
      const v = tf.get(t)! * (Math.log((1 + nRows) / (1 + df[t])) + 1);
      indices[w] = t;
      data[w++] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    for (let k = w - terms.length; k < w; k++) data[k] /= norm;
    indptr[r + 1] = w;
  });
  return { x: { nRows, nCols, indptr, indices, data }, labels };
}
