import { type MaskedText, termTokens } from '@logad/text';
import { buildVocabulary } from './build-vocabulary';
import type { CsrMatrix } from './csr-matrix';
import { emitDocTokens } from './emit-doc-tokens';
import { emitTokenArray } from './emit-token-array';
import { EmptyCorpusError } from './errors/empty-corpus.error';
import { InvalidInputError } from './errors/invalid-input.error';
import { InvalidOptionError } from './errors/invalid-option.error';
import { NotFittedError } from './errors/not-fitted.error';
import { UnserializableTokenizerError } from './errors/unserializable-tokenizer.error';
import { parseTfidfState } from './parse-tfidf-state';
import { resolveVectorizerOptions, type ResolvedVectorizerOptions } from './resolve-vectorizer-options';
import { RowCollector } from './row-collector';
import { serializeOptions } from './serialize-options';
import { SKLEARN_TOKEN_PATTERN } from './sklearn-token-pattern';
import type { SparseVector } from './sparse-vector';
import { TermCounter } from './term-counter';
import { TermTable } from './term-table';
import type { TfidfState } from './tfidf-state';
import type { TfidfVectorizerOptions } from './tfidf-vectorizer-options';
import { writeWeightedRow, type Weighting } from './write-weighted-row';

interface Fitted {
  readonly table: TermTable;
  /** table id → feature index (-1: pruned) */
  readonly toFeature: Int32Array;
  readonly names: readonly string[];
  readonly idf: Float64Array | null;
  readonly weighting: Weighting;
  readonly collector: RowCollector;
}

/** Extra inputs of {@link TfidfVectorizer.fromJSON}. */
export interface TfidfFromJsonOptions {
  /** Required when the state was saved with a custom tokenizer function (the state only holds the marker 'custom'). */
  readonly tokenizer?: (doc: string) => string[];
}

/**
 * TF-IDF with the semantics of scikit-learn 1.2's TfidfVectorizer (code-point-sorted
 * vocabulary, min_df/max_df/max_features pruning, smoothed idf, sublinear tf, l1/l2 norm),
 * over log-aware tokens by default. Rows come out as CSR with ascending column indices.
 */
export class TfidfVectorizer {
  private readonly opts: ResolvedVectorizerOptions;
  private fitted: Fitted | null = null;
  private nDocs = 0;

  constructor(options?: TfidfVectorizerOptions) {
    this.opts = resolveVectorizerOptions(options);
  }

  get vocabularySize(): number {
    return this.fitted === null ? 0 : this.fitted.names.length;
  }

  get isFitted(): boolean {
    return this.fitted !== null;
  }

  /** Learns vocabulary and idf. */
  fit(docs: ReadonlyArray<string>): this {
    this.fitCorpus(docs, false, 'fit');
    return this;
  }

  /** fit then transform of the same documents, tokenising each document once. */
  fitTransform(docs: ReadonlyArray<string>): CsrMatrix {
    const { counter, remap } = this.fitCorpus(docs, true, 'fitTransform');
    const { collector, weighting } = this.fitted as Fitted;
    const { rowIds, rowCounts, indptr } = counter;
    const { dense } = collector;
    let cols = collector.cols;
    let start = 0;
    let w = 0;
    // Rewrites the counter's own buffers in place: a row never grows, so writes trail reads.
    for (let r = 0; r < counter.nDocs; r++) {
      const end = indptr[r + 1];
      if (cols.length < end - start) cols = collector.cols = new Int32Array(2 * (end - start));
      let n = 0;
      for (let k = start; k < end; k++) {
        const j = remap[rowIds[k]];
        if (j >= 0) {
          cols[n++] = j;
          dense[j] = rowCounts[k];
        }
      }
      w += writeWeightedRow(cols, n, dense, rowIds, rowCounts, w, weighting);
      indptr[r + 1] = w;
      start = end;
    }
    return { nRows: counter.nDocs, nCols: this.vocabularySize, indptr, indices: trim(rowIds, w), data: trim(rowCounts, w) };
  }

  /** tf-idf rows of `docs` over the fitted vocabulary; unknown terms are ignored. */
  transform(docs: ReadonlyArray<string>): CsrMatrix {
    const f = this.need('transform');
    checkDocs(docs, 'transform');
    const c = f.collector;
    const indptr = new Int32Array(docs.length + 1);
    let idx = new Int32Array(Math.max(16, docs.length * 8));
    let val = new Float64Array(idx.length);
    let nnz = 0;
    try {
      for (let r = 0; r < docs.length; r++) {
        const doc = docs[r];
        if (typeof doc !== 'string') throw new InvalidInputError(`transform requires every document to be a string (document ${r} is ${typeof doc})`);
        emitDocTokens(doc, this.opts, c, 'transform');
        if (nnz + c.n > idx.length) {
          const cap = Math.max(nnz + c.n, Math.ceil(idx.length * 1.5));
          idx = growInto(idx, new Int32Array(cap));
          val = growInto(val, new Float64Array(cap));
        }
        nnz += writeWeightedRow(c.cols, c.n, c.dense, idx, val, nnz, f.weighting);
        c.n = 0;
        indptr[r + 1] = nnz;
      }
    } catch (e) {
      c.clear();
      throw e;
    }
    return { nRows: docs.length, nCols: f.names.length, indptr, indices: trim(idx, nnz), data: trim(val, nnz) };
  }

  /** One document's tf-idf row: the online-scoring hot path (scratch buffers are reused). */
  transformOne(doc: string): SparseVector {
    const f = this.need('transformOne');
    if (typeof doc !== 'string') throw new InvalidInputError('transformOne requires doc to be a string');
    return this.rowOf(f, () => emitDocTokens(doc, this.opts, f.collector, 'transformOne'));
  }

  /**
   * The terms this vectorizer's own tokenizer gives `doc` (sklearn's `build_analyzer()`): with the `'log'`
   * tokenizer, the text stage's terms under the mask rules the vectorizer was fitted or saved with, so a loaded
   * model reads new lines exactly as it read its training lines. `masked` (`doc` as a Masker left it) saves
   * masking `doc` again when it is this vectorizer's own Masker, i.e. the same rules; it is ignored otherwise.
   */
  analyze(doc: string, masked?: MaskedText | null): string[] {
    if (typeof doc !== 'string') throw new InvalidInputError('analyze requires doc to be a string');
    const o = this.opts;
    if (o.tokenizer === 'log') return termTokens(doc, o.tokenizeOptions, masked);
    if (o.tokenizer === 'sklearn') return doc.toLowerCase().match(SKLEARN_TOKEN_PATTERN) ?? [];
    const tokens = (o.customTokenizer as (d: string) => string[])(doc);
    if (!Array.isArray(tokens)) throw new InvalidInputError('analyze requires the custom tokenizer to return an array of strings');
    return tokens;
  }

  /** Like transformOne, from tokens computed already (e.g. by {@link analyze}). */
  transformTokens(tokens: ReadonlyArray<string>): SparseVector {
    const f = this.need('transformTokens');
    if (!Array.isArray(tokens)) throw new InvalidInputError('transformTokens requires an array of tokens');
    return this.rowOf(f, () => emitTokenArray(tokens, f.collector, 'transformTokens'));
  }

  /** Feature index → term, in sklearn's (code point) order. */
  featureNames(): string[] {
    return this.need('featureNames').names.slice();
  }

  /** Feature index of `term`, or -1 when it is not in the vocabulary. */
  termIndex(term: string): number {
    const f = this.need('termIndex');
    if (typeof term !== 'string') return -1;
    const id = f.table.find(term);
    return id < 0 ? -1 : f.toFeature[id];
  }

  /** Copy of the idf vector; all ones when useIdf is false (the factor actually applied). */
  idf(): Float64Array {
    const f = this.need('idf');
    return f.idf === null ? new Float64Array(f.names.length).fill(1) : f.idf.slice();
  }

  /** Versioned snapshot. A custom tokenizer is stored as the marker 'custom'; pass the function back to fromJSON. */
  toJSON(): TfidfState {
    const f = this.need('toJSON');
    return {
      format: 'logad-tfidf',
      version: 1,
      options: serializeOptions(this.opts),
      vocabulary: f.names.slice(),
      idf: f.idf === null ? null : Array.from(f.idf),
      nDocs: this.nDocs,
    };
  }

  /** Restores a vectorizer saved by toJSON; a corrupt state throws InvalidStateError. */
  static fromJSON(state: unknown, options: TfidfFromJsonOptions = {}): TfidfVectorizer {
    const { state: s, maskRules, idf } = parseTfidfState(state);
    const o = s.options;
    if (o.tokenizer === 'custom' && typeof options.tokenizer !== 'function') {
      throw new UnserializableTokenizerError('TfidfVectorizer.fromJSON requires options.tokenizer: the state was saved with a custom tokenizer function');
    }
    if (o.tokenizer !== 'custom' && options.tokenizer !== undefined) {
      throw new InvalidOptionError(`TfidfVectorizer.fromJSON accepts options.tokenizer only for a custom-tokenizer state (this one uses '${o.tokenizer}')`);
    }
    const t = o.tokenizeOptions;
    const v = new TfidfVectorizer({
      tokenizer: o.tokenizer === 'custom' ? options.tokenizer : o.tokenizer,
      ...(t === null ? {} : { tokenizeOptions: { lowercase: t.lowercase, mask: t.mask, minTokenLength: t.minTokenLength, maskRules: maskRules ?? [] } }),
      minDf: o.minDf,
      maxDf: o.maxDf,
      maxFeatures: o.maxFeatures ?? undefined,
      sublinearTf: o.sublinearTf,
      smoothIdf: o.smoothIdf,
      useIdf: o.useIdf,
      norm: o.norm,
    });
    const names = s.vocabulary.slice();
    v.install(TermTable.fromTerms(names), identity(names.length), names, idf, s.nDocs);
    return v;
  }

  /** Counts the corpus, builds vocabulary and idf, installs them; returns the counts and the id remap. */
  private fitCorpus(docs: ReadonlyArray<string>, keepRows: boolean, caller: string): { counter: TermCounter; remap: Int32Array } {
    checkDocs(docs, caller);
    if (docs.length === 0) throw new EmptyCorpusError(`${caller} requires at least 1 document, got an empty corpus`);
    const counter = new TermCounter(docs.length, keepRows);
    for (let r = 0; r < docs.length; r++) {
      const doc = docs[r];
      if (typeof doc !== 'string') throw new InvalidInputError(`${caller} requires every document to be a string (document ${r} is ${typeof doc})`);
      emitDocTokens(doc, this.opts, counter, caller);
      counter.endDoc();
    }
    const built = buildVocabulary(counter, this.opts);
    const n = docs.length;
    const idf = this.opts.useIdf ? new Float64Array(built.df.length) : null;
    if (idf !== null) {
      const smooth = this.opts.smoothIdf ? 1 : 0;
      for (let j = 0; j < idf.length; j++) idf[j] = Math.log((n + smooth) / (built.df[j] + smooth)) + 1;
    }
    // Keep the counting table when nothing was pruned; otherwise a compact one without the pruned terms.
    if (built.terms.length === counter.table.size) {
      this.install(counter.table, built.remap, built.terms, idf, n);
    } else {
      this.install(TermTable.fromTerms(built.terms), identity(built.terms.length), built.terms, idf, n);
    }
    return { counter, remap: built.remap };
  }

  private install(table: TermTable, toFeature: Int32Array, names: string[], idf: Float64Array | null, nDocs: number): void {
    const weighting: Weighting = { idf, sublinearTf: this.opts.sublinearTf, norm: this.opts.norm };
    const collector = new RowCollector(table, toFeature, new Float64Array(names.length));
    this.fitted = { table, toFeature, names, idf, weighting, collector };
    this.nDocs = nDocs;
  }

  private need(caller: string): Fitted {
    if (this.fitted === null) throw new NotFittedError(`${caller} requires a fitted vectorizer: call fit or fitTransform first`);
    return this.fitted;
  }

  private rowOf(f: Fitted, emit: () => void): SparseVector {
    const c = f.collector;
    try {
      emit();
    } catch (e) {
      c.clear();
      throw e;
    }
    const indices = new Int32Array(c.n);
    const values = new Float64Array(c.n);
    writeWeightedRow(c.cols, c.n, c.dense, indices, values, 0, f.weighting);
    c.n = 0;
    return { indices, values };
  }
}

function checkDocs(docs: unknown, caller: string): void {
  if (!Array.isArray(docs)) throw new InvalidInputError(`${caller} requires an array of documents (strings)`);
}

function identity(n: number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  return a;
}

function growInto<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** Exact-length array; keeps a view instead of copying when little would be saved. */
function trim<T extends Int32Array | Float64Array>(a: T, n: number): T {
  if (n === a.length) return a;
  return (n >= a.length * 0.8 ? a.subarray(0, n) : a.slice(0, n)) as T;
}
