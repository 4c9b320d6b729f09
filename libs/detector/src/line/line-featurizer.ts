import { TfidfVectorizer, type TfidfState } from '@logad/tfidf';
import { levelsAboveInfo } from '../level-severity';
import type { NormalizedEvent } from '../log-event';
import { TemplateIndex, type TemplateIndexState } from '../template-index';
import type { LineCorpus, LineFeature, SparseRow } from './features/line-feature';
import { type LineFeatureSet, lineFeatureKinds } from './features/line-features';

export type { LineFeatureSet } from './features/line-features';

/** What featurize learnt about one line besides its feature row. */
export interface LineInfo {
  readonly templateId: number;
  readonly templateText: string;
  /** Token of the line with the highest idf (rarest in training), or null for a line without tokens. */
  readonly rarestToken: string | null;
  /** Number of sparse entries written: the dense features first, then TF-IDF columns. */
  readonly nnz: number;
  /** Levels above INFO (0 for INFO, lower levels and no level), as the level feature reads it. */
  readonly levelsAboveInfo: number;
}

/** Scratch buffers for one line's sparse row, grown by {@link LineFeaturizer.featurizeRow} as a line needs. */
export class RowScratch {
  indices = new Int32Array(256);
  values = new Float64Array(256);
}

/** Serialisable form of a {@link LineFeaturizer}. */
export interface LineFeaturizerState {
  readonly nLines: number;
  readonly featureSet: LineFeatureSet;
  readonly templates: TemplateIndexState;
  readonly tfidf: TfidfState;
}

/**
 * Turns a line into features relative to the training lines: the list of {@link LineFeature}s of
 * its feature set (template rarity and level, optionally token rarity or the whole TF-IDF vector),
 * each writing its own columns, over one {@link LineCorpus} learnt from the training lines.
 */
export class LineFeaturizer {
  private readonly idf: Float64Array;
  private readonly unseenIdf: number;
  private readonly features: readonly LineFeature[];
  private readonly offsets: readonly number[];
  /** Names of the features, in column order. */
  readonly featureNames: readonly string[];
  /** Total number of columns. */
  readonly width: number;

  private constructor(
    private readonly corpus: LineCorpus,
    readonly featureSet: LineFeatureSet,
  ) {
    this.idf = corpus.tfidf.idf();
    this.unseenIdf = Math.log(1 + corpus.nLines) + 1; // smooth idf of a token with df = 0
    this.features = lineFeatureKinds(featureSet).map((k) => k.fit(corpus));
    const offsets: number[] = [];
    let width = 0;
    for (const f of this.features) {
      offsets.push(width);
      width += f.width;
    }
    this.offsets = offsets;
    this.width = width;
    this.featureNames = this.features.map((f) => f.name);
  }

  static fit(events: ReadonlyArray<NormalizedEvent>, minDf: number, featureSet: LineFeatureSet): LineFeaturizer {
    const messages = events.map((e) => e.message);
    const tfidf = new TfidfVectorizer({ minDf });
    tfidf.fit(messages);
    const keys = messages.map((m) => tfidf.analyze(m).join(' '));
    return new LineFeaturizer({ nLines: events.length, templates: TemplateIndex.fit(messages, keys), tfidf }, featureSet);
  }

  static fromState(state: LineFeaturizerState): LineFeaturizer {
    const fs = state.featureSet;
    const corpus = { nLines: state.nLines, templates: TemplateIndex.fromState(state.templates), tfidf: TfidfVectorizer.fromJSON(state.tfidf) };
    return new LineFeaturizer(corpus, { tokenRarity: fs.tokenRarity, tfidfColumns: fs.tfidfColumns });
  }

  get templateCount(): number {
    return this.corpus.templates.size;
  }

  get vocabularySize(): number {
    return this.corpus.tfidf.vocabularySize;
  }

  get trainingLines(): number {
    return this.corpus.nLines;
  }

  /** Name of column `col`: a feature's name, or `token:<term>` for a TF-IDF column. */
  columnName(col: number): string {
    let i = this.features.length - 1;
    while (i > 0 && this.offsets[i] > col) i--;
    return this.features[i].columnName(col - this.offsets[i]);
  }

  /** Upper bound of a line's sparse entries, for sizing the buffers given to featurize. */
  maxEntries(message: string): number {
    let n = 0;
    for (const f of this.features) n += f.maxEntries(message);
    return n;
  }

  /**
   * Writes the line's features as sparse entries into `indices`/`values`. `self` = 1 for a
   * training line: its own occurrence is left out of the counts (leave-one-out), so a training
   * line is seen the way a new line would be, e.g. a template seen once in training reads as unseen.
   */
  featurize(e: NormalizedEvent, indices: Int32Array, values: Float64Array, self: 0 | 1 = 0): LineInfo {
    // the vectorizer's own terms: a loaded model reads a line with the mask rules it was trained with
    const tokens = this.corpus.tfidf.analyze(e.message, e.masked);
    const hit = this.corpus.templates.lookup(e.message, tokens.join(' '), e.masked);
    let rarestToken: string | null = null;
    let max = 0;
    for (const tok of tokens) {
      const j = this.corpus.tfidf.termIndex(tok);
      const w = j < 0 ? this.unseenIdf : self === 0 ? this.idf[j] : this.leaveOneOutIdf(j);
      if (w > max) {
        max = w;
        rarestToken = tok;
      }
    }
    const levels = levelsAboveInfo(e.level);
    const line = { event: e, tokens, templateCount: hit.count, rarestIdf: max, levelsAboveInfo: levels, self };
    const row: SparseRow = { indices, values, nnz: 0 };
    for (let i = 0; i < this.features.length; i++) this.features[i].write(line, row, this.offsets[i]);
    return { templateId: hit.id, templateText: hit.text, rarestToken, nnz: row.nnz, levelsAboveInfo: levels };
  }

  /** {@link featurize} into `row`, grown first if the line could need more entries than it holds. */
  featurizeRow(e: NormalizedEvent, row: RowScratch, self: 0 | 1 = 0): LineInfo {
    const need = this.maxEntries(e.message);
    if (need > row.indices.length) {
      row.indices = new Int32Array(2 * need);
      row.values = new Float64Array(2 * need);
    }
    return this.featurize(e, row.indices, row.values, self);
  }

  /** idf of term j had the current line not been in training (smooth idf: ln((1+n)/(1+df)) + 1). */
  private leaveOneOutIdf(j: number): number {
    const n = this.corpus.nLines;
    const df = Math.round((1 + n) / Math.exp(this.idf[j] - 1) - 1);
    return Math.log(n / Math.max(1, df)) + 1;
  }

  toState(): LineFeaturizerState {
    const c = this.corpus;
    return { nLines: c.nLines, featureSet: { ...this.featureSet }, templates: c.templates.toState(), tfidf: c.tfidf.toJSON() };
  }
}
