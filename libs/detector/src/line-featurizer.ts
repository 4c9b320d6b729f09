import { TfidfVectorizer, tokenize, type TfidfState } from '@logad/tfidf';
import type { NormalizedEvent } from './log-event';
import { levelSeverity, NEUTRAL_SEVERITY } from './level-severity';
import { TemplateIndex, type TemplateIndexState } from './template-index';

/** Which inputs the line forest sees besides the two core features. */
export interface LineFeatureSet {
  /** Add the idf of the line's rarest token as a feature. */
  readonly tokenRarity: boolean;
  /** Add the line's TF-IDF vector (one column per vocabulary term). */
  readonly tfidfColumns: boolean;
}

/** What featurize learnt about one line besides its feature row. */
export interface LineInfo {
  readonly templateId: number;
  readonly templateText: string;
  /** Token of the line with the highest idf (rarest in training), or null for a line without tokens. */
  readonly rarestToken: string | null;
  /** Number of sparse entries written: the dense features first, then TF-IDF columns. */
  readonly nnz: number;
}

/** Serialisable form of a {@link LineFeaturizer}. */
export interface LineFeaturizerState {
  readonly nLines: number;
  readonly featureSet: LineFeatureSet;
  readonly templates: TemplateIndexState;
  readonly tfidf: TfidfState;
}

/**
 * Turns a line into features relative to the training lines: how rare its Drain template was
 * (a template no training line had is rarer than any), how far its level is above INFO, and
 * optionally the TF-IDF rarity of its tokens or its whole TF-IDF vector.
 */
export class LineFeaturizer {
  private readonly idf: Float64Array;
  private readonly unseenIdf: number;
  /** Names of the dense columns, in column order. */
  readonly denseNames: readonly string[];
  /** Total number of columns (dense + TF-IDF). */
  readonly width: number;
  private tfidfNames: string[] | null = null;

  private constructor(
    private readonly nLines: number,
    readonly featureSet: LineFeatureSet,
    private readonly templates: TemplateIndex,
    private readonly tfidf: TfidfVectorizer,
  ) {
    this.idf = tfidf.idf();
    this.unseenIdf = Math.log(1 + nLines) + 1; // smooth idf of a token with df = 0
    this.denseNames = featureSet.tokenRarity ? ['template_rarity', 'level', 'token_rarity'] : ['template_rarity', 'level'];
    this.width = this.denseNames.length + (featureSet.tfidfColumns ? tfidf.vocabularySize : 0);
  }

  static fit(events: ReadonlyArray<NormalizedEvent>, minDf: number, featureSet: LineFeatureSet): LineFeaturizer {
    const messages = events.map((e) => e.message);
    const tfidf = new TfidfVectorizer({ minDf });
    tfidf.fit(messages);
    const keys = messages.map((m) => tokenize(m).join(' '));
    return new LineFeaturizer(events.length, featureSet, TemplateIndex.fit(messages, keys), tfidf);
  }

  static fromState(state: LineFeaturizerState): LineFeaturizer {
    const fs = state.featureSet;
    return new LineFeaturizer(state.nLines, { tokenRarity: fs.tokenRarity, tfidfColumns: fs.tfidfColumns }, TemplateIndex.fromState(state.templates), TfidfVectorizer.fromJSON(state.tfidf));
  }

  get templateCount(): number {
    return this.templates.size;
  }

  get vocabularySize(): number {
    return this.tfidf.vocabularySize;
  }

  get trainingLines(): number {
    return this.nLines;
  }

  /** Name of column `col`: a dense feature name or `token:<term>` for a TF-IDF column. */
  columnName(col: number): string {
    const d = this.denseNames.length;
    if (col < d) return this.denseNames[col];
    return `token:${(this.tfidfNames ??= this.tfidf.featureNames())[col - d]}`;
  }

  /** Upper bound of a line's sparse entries, for sizing the buffers given to featurize. */
  maxEntries(message: string): number {
    return this.denseNames.length + (this.featureSet.tfidfColumns ? message.length : 0);
  }

  /**
   * Writes the line's features as sparse entries into `indices`/`values`. `self` = 1 for a
   * training line: its own occurrence is left out of the counts (leave-one-out), so a training
   * line is seen the way a new line would be, e.g. a template seen once in training reads as unseen.
   */
  featurize(e: NormalizedEvent, indices: Int32Array, values: Float64Array, self: 0 | 1 = 0): LineInfo {
    const tokens = tokenize(e.message);
    const hit = this.templates.lookup(e.message, tokens.join(' '));
    const n = this.nLines - self;
    indices[0] = 0;
    values[0] = Math.log2((n + 1) / (Math.max(0, hit.count - self) + 0.5));
    indices[1] = 1;
    values[1] = Math.max(0, levelSeverity(e.level) - NEUTRAL_SEVERITY);
    let nnz = 2;
    let rarestToken: string | null = null;
    let max = 0;
    for (const tok of tokens) {
      const j = this.tfidf.termIndex(tok);
      const w = j < 0 ? this.unseenIdf : self === 0 ? this.idf[j] : this.leaveOneOutIdf(j);
      if (w > max) {
        max = w;
        rarestToken = tok;
      }
    }
    if (this.featureSet.tokenRarity) {
      indices[nnz] = nnz;
      values[nnz++] = max;
    }
    if (this.featureSet.tfidfColumns) {
      const row = this.tfidf.transformTokens(tokens);
      const d = this.denseNames.length;
      for (let k = 0; k < row.indices.length; k++) {
        indices[nnz] = d + row.indices[k];
        values[nnz++] = row.values[k];
      }
    }
    return { templateId: hit.id, templateText: hit.text, rarestToken, nnz };
  }

  /** idf of term j had the current line not been in training (smooth idf: ln((1+n)/(1+df)) + 1). */
  private leaveOneOutIdf(j: number): number {
    const df = Math.round((1 + this.nLines) / Math.exp(this.idf[j] - 1) - 1);
    return Math.log(this.nLines / Math.max(1, df)) + 1;
  }

  toState(): LineFeaturizerState {
    return { nLines: this.nLines, featureSet: { ...this.featureSet }, templates: this.templates.toState(), tfidf: this.tfidf.toJSON() };
  }
}
