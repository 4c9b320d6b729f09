import { absorbingForest } from './absorbing-forest';
import { averagePathLength } from './average-path-length';
import { DimensionMismatchError } from './errors/dimension-mismatch.error';
import { InvalidArgumentError } from './errors/invalid-argument.error';
import { InvalidMatrixError } from './errors/invalid-matrix.error';
import { InvalidOptionError } from './errors/invalid-option.error';
import { InvalidStateError } from './errors/invalid-state.error';
import { NonFiniteInputError } from './errors/non-finite-input.error';
import { NotFittedError } from './errors/not-fitted.error';
import { TooFewSamplesError } from './errors/too-few-samples.error';
import { type FeatureContribution, explainPath } from './explain-path';
import { ForestBuffer, type ForestArrays } from './forest-buffer';
import { type IsolationForestOptions, type ResolvedOptions, resolveOptions } from './isolation-forest-options';
import { type IsolationForestState, STATE_FORMAT, STATE_VERSION } from './isolation-forest-state';
import type { MatrixInput } from './matrix';
import { mulberry32 } from './mulberry32';
import { parseState } from './parse-state';
import { partialShuffle } from './partial-shuffle';
import { pathLengthMoments, pathLengthSum } from './path-length';

import { percentile } from './percentile';
import { type PreparedMatrix, prepareInput } from './prepare-input';
import { type ScoringForest, scoreMatrix } from './score-matrix';
import { TreeBuilder } from './tree-builder';

interface Fitted {
  readonly forest: ForestArrays;
  readonly scoring: ScoringForest;
  readonly nFeatures: number;
  readonly samplesPerTree: number;
  /** nTrees * c(psi): divides the summed path lengths. */
  readonly denominator: number;
  offset: number;
  /** nFeatures zeros, the reusable dense image of one sparse row. */
  readonly scratch: Float64Array;
}

/**
 * Isolation Forest (Liu, Ting & Zhou 2008) with scikit-learn 1.2's semantics: scores, offset and
 * predictions mean what `sklearn.ensemble.IsolationForest` means by them. Trees live in flat
 * typed arrays; dense and CSR inputs are scored without densifying the matrix.
 */
export class IsolationForest {
  private readonly opts: ResolvedOptions;
  private fitted: Fitted | null = null;

  constructor(options?: IsolationForestOptions) {
    this.opts = resolveOptions(options);
  }

  get isFitted(): boolean {
    return this.fitted !== null;
  }

  /** Number of columns seen by `fit`; 0 before. */
  get nFeatures(): number {
    return this.fitted?.nFeatures ?? 0;
  }

  /** `decisionFunction = scoreSamples - offset`; NaN before `fit`. */
  get offset(): number {
    return this.fitted?.offset ?? NaN;
  }

  fit(x: MatrixInput): this {
    const data = prepareInput(x, 'fit', true);
    const n = data.nRows;
    if (n < 2) throw new TooFewSamplesError(`fit requires at least 2 samples (got ${n})`);
    if (data.nCols < 1) throw new InvalidMatrixError('fit requires at least 1 feature');
    const psi = this.samplesPerTree(n);
    const nTreeFeatures = this.featuresPerTree(data.nCols);
    const rand = this.generator();
    const { nEstimators, bootstrap } = this.opts;
    const maxDepth = Math.ceil(Math.log2(Math.max(psi, 2)));
    const perTree = Math.min(2 * psi - 1, 2 ** (maxDepth + 1) - 1);
    const buf = new ForestBuffer(Math.min(nEstimators * perTree, 1 << 20));
    const features = Int32Array.from({ length: data.nCols }, (_, i) => i);
    const builder = new TreeBuilder(data, buf, rand, maxDepth, features, nTreeFeatures, psi);
    const rows = Int32Array.from({ length: n }, (_, i) => i);
    const sample = new Int32Array(psi);
    for (let t = 0; t < nEstimators; t++) {
      // draws per tree: its rows, then its features, then its splits (the same for dense and CSR)
      if (bootstrap) {
        for (let i = 0; i < psi; i++) sample[i] = Math.floor(rand() * n);
      } else if (psi < n) {
        partialShuffle(rows, psi, rand);
      }
      if (nTreeFeatures < data.nCols) partialShuffle(features, nTreeFeatures, rand);
      builder.build(bootstrap ? sample : rows, psi);
    }
    const forest = buf.finish();
    const fitted: Fitted = {
      forest,
      scoring: { trees: forest, absorbing: absorbingForest(forest) },
      nFeatures: data.nCols,
      samplesPerTree: psi,
      denominator: nEstimators * averagePathLength(psi),
      offset: -0.5, // the paper's 0.5 threshold, negated like the scores
      scratch: new Float64Array(data.nCols),
    };
    const { contamination } = this.opts;
    if (contamination !== 'auto') fitted.offset = percentile(scoreMatrix(fitted.scoring, data, fitted.denominator, fitted.scratch), 100 * contamination);
    this.fitted = fitted;
    return this;
  }

  /** scikit-learn's `score_samples`: -2^(-E[h(x)] / c(psi)) in [-1, 0); lower = more anomalous. */
  scoreSamples(x: MatrixInput): Float64Array {
    const f = this.requireFitted('scoreSamples');
    const data = this.prepare(x, 'scoreSamples', f);
    return scoreMatrix(f.scoring, data, f.denominator, f.scratch);
  }

  /** `scoreSamples - offset`: negative for rows the model calls anomalies. */
  decisionFunction(x: MatrixInput): Float64Array {
    const f = this.requireFitted('decisionFunction');
    const scores = this.scoreSamples(x);
    for (let i = 0; i < scores.length; i++) scores[i] -= f.offset;
    return scores;
  }

  /** -1 for anomalies (decision < 0), 1 for normal rows. */
  predict(x: MatrixInput): Int8Array {
    this.requireFitted('predict');
    const decision = this.decisionFunction(x);
    const out = new Int8Array(decision.length);
    for (let i = 0; i < decision.length; i++) out[i] = decision[i] < 0 ? -1 : 1;
    return out;
  }

  /**
   * `scoreSamples` of one row without allocating: sparse when `indices` is given (column
   * indices of `values`; duplicates are summed), dense (`values.length === nFeatures`) when null.
   */
  scoreRow(indices: ArrayLike<number> | null, values: ArrayLike<number>): number {
    const f = this.requireFitted('scoreRow');
    const scratch = f.scratch;
    if (indices === null) {
      if (values.length !== f.nFeatures) throw new DimensionMismatchError(`scoreRow requires a dense row of ${f.nFeatures} values (got ${values.length})`);
      for (let i = 0; i < values.length; i++) checkFiniteValue(values[i], i);
      if (values instanceof Float64Array) return -Math.pow(2, -pathLengthSum(f.forest, values, 0) / f.denominator);
      for (let i = 0; i < values.length; i++) scratch[i] = values[i];
      const score = -Math.pow(2, -pathLengthSum(f.forest, scratch, 0) / f.denominator);
      scratch.fill(0);
      return score;
    }
    const nnz = indices.length;
    if (values.length !== nnz) throw new InvalidArgumentError(`scoreRow requires as many values as indices (${values.length} vs ${nnz})`);
    for (let k = 0; k < nnz; k++) {
      const c = indices[k];
      if (!Number.isInteger(c) || c < 0 || c >= f.nFeatures) throw new DimensionMismatchError(`scoreRow requires column indices in [0, ${f.nFeatures}) (got ${c})`);
      checkFiniteValue(values[k], k);
    }
    for (let k = 0; k < nnz; k++) scratch[indices[k]] += values[k];
    const score = -Math.pow(2, -pathLengthSum(f.forest, scratch, 0) / f.denominator);
    for (let k = 0; k < nnz; k++) scratch[indices[k]] = 0;
    return score;
  }

  /**
   * `scoreSamples` of one dense row with its standard error: the score is a mean over random
   * trees, so a row scored near a threshold may fall on either side of it with another seed.
   * The error is the spread of the row's path lengths over the trees (sd / √trees), carried to
   * the score by its derivative (delta method).
   */
  scoreRowWithError(values: Float64Array): { score: number; standardError: number } {
    const f = this.requireFitted('scoreRowWithError');
    if (values.length !== f.nFeatures) throw new DimensionMismatchError(`scoreRowWithError requires a dense row of ${f.nFeatures} values (got ${values.length})`);
    for (let i = 0; i < values.length; i++) checkFiniteValue(values[i], i);
    const { sum, sumSq } = pathLengthMoments(f.forest, values, 0);
    const trees = f.forest.roots.length;
    const score = -Math.pow(2, -sum / f.denominator);
    const mean = sum / trees;
    const variance = trees > 1 ? Math.max(0, (sumSq - trees * mean * mean) / (trees - 1)) : 0;
    const c = f.denominator / trees;
    return { score, standardError: (Math.abs(score) * Math.LN2 * Math.sqrt(variance / trees)) / c };
  }

  /**
   * Features that isolate row `row` of `x`, weights summing to 1 over all features, largest first;
   * at most `topK` entries (default: every feature with a positive weight). DIFFI-style: each split
   * on the row's path credits its feature (1 - nChild/nNode) / h, h being the row's path length in
   * that tree and nChild/nNode the share of training rows that follow the row at that split.
   */
  explain(x: MatrixInput, row: number, topK?: number): Array<{ feature: number; weight: number }> {
    const f = this.requireFitted('explain');
    const data = this.prepare(x, 'explain', f);
    if (!Number.isInteger(row) || row < 0 || row >= data.nRows) throw new InvalidArgumentError(`explain requires row to be an index in [0, ${data.nRows}) (got ${row})`);
    const k = topK ?? f.nFeatures;
    if (!Number.isInteger(k) || k < 1) throw new InvalidArgumentError(`explain requires topK to be an integer >= 1 (got ${k})`);
    let result: FeatureContribution[];
    if (data.kind === 'dense') {
      result = explainPath(f.forest, data.data, row * data.nCols, f.nFeatures, k);
    } else {
      const { indptr, indices, data: values } = data;
      for (let p = indptr[row]; p < indptr[row + 1]; p++) f.scratch[indices[p]] += values[p];
      result = explainPath(f.forest, f.scratch, 0, f.nFeatures, k);
      f.scratch.fill(0);
    }
    return result.map((c) => ({ feature: c.feature, weight: c.weight }));
  }

  toJSON(): IsolationForestState {
    const f = this.requireFitted('toJSON');
    const o = this.opts;
    return {
      format: STATE_FORMAT,
      version: STATE_VERSION,
      options: {
        nEstimators: o.nEstimators,
        maxSamples: o.maxSamples,
        maxFeatures: o.maxFeatures,
        contamination: o.contamination,
        bootstrap: o.bootstrap,
        seed: o.random === undefined ? o.seed : null,
      },
      nFeatures: f.nFeatures,
      samplesPerTree: f.samplesPerTree,
      offset: f.offset,
      roots: Array.from(f.forest.roots),
      feature: Array.from(f.forest.feature),
      threshold: Array.from(f.forest.threshold),
      left: Array.from(f.forest.left),
      value: Array.from(f.forest.value),
      count: Array.from(f.forest.count),
    };
  }

  /** Rebuilds a fitted model from `toJSON` output; throws {@link InvalidStateError} if it is corrupt. */
  static fromJSON(state: unknown): IsolationForest {
    const parsed = parseState(state);
    let model: IsolationForest;
    try {
      model = new IsolationForest(parsed.options);
    } catch (e) {
      throw new InvalidStateError(`fromJSON requires a valid IsolationForestState: options: ${(e as Error).message}`);
    }
    if (model.opts.nEstimators !== parsed.forest.roots.length) {
      throw new InvalidStateError(`fromJSON requires a valid IsolationForestState: ${parsed.forest.roots.length} trees but nEstimators is ${model.opts.nEstimators}`);
    }
    model.fitted = {
      forest: parsed.forest,
      scoring: { trees: parsed.forest, absorbing: absorbingForest(parsed.forest) },
      nFeatures: parsed.nFeatures,
      samplesPerTree: parsed.samplesPerTree,
      denominator: parsed.forest.roots.length * averagePathLength(parsed.samplesPerTree),
      offset: parsed.offset,
      scratch: new Float64Array(parsed.nFeatures),
    };
    return model;
  }

  private requireFitted(fn: string): Fitted {
    if (this.fitted === null) throw new NotFittedError(`${fn} requires a fitted model: call fit() or IsolationForest.fromJSON() first`);
    return this.fitted;
  }

  private prepare(x: MatrixInput, fn: string, f: Fitted): PreparedMatrix {
    if (Array.isArray(x) && x.length === 0) return { kind: 'dense', nRows: 0, nCols: f.nFeatures, data: new Float64Array(0) };
    const data = prepareInput(x, fn, false);
    if (data.nCols !== f.nFeatures) throw new DimensionMismatchError(`${fn} requires rows of ${f.nFeatures} features, as seen by fit (got ${data.nCols})`);
    return data;
  }

  private samplesPerTree(n: number): number {
    const m = this.opts.maxSamples;
    let psi: number;
    if (m === 'auto') psi = Math.min(256, n);
    else if (Number.isInteger(m) && m >= 2) psi = Math.min(m, n);
    else psi = Math.floor(m * n); // a fraction, truncated as sklearn's int(max_samples * n)
    if (psi < 2) throw new TooFewSamplesError(`fit requires maxSamples to leave at least 2 samples per tree (${String(m)} of ${n} rows gives ${psi})`);
    return psi;
  }

  private featuresPerTree(nCols: number): number {
    const m = this.opts.maxFeatures;
    if (Number.isInteger(m) && m >= 2) {
      if (m > nCols) throw new InvalidOptionError(`fit requires maxFeatures (${m}) to be at most the number of features (${nCols})`);
      return m;
    }
    return Math.max(1, Math.floor(m * nCols));
  }

  private generator(): () => number {
    const custom = this.opts.random;
    if (custom === undefined) return mulberry32(this.opts.seed);
    return () => {
      const r = custom();
      if (!(r >= 0 && r < 1)) throw new InvalidOptionError(`fit requires random() to return numbers in [0, 1) (got ${r})`);
      return r;
    };
  }
}

function checkFiniteValue(v: number, i: number): void {
  if (!Number.isFinite(v)) throw new NonFiniteInputError(`scoreRow requires finite values (found ${v} at position ${i})`);
}
