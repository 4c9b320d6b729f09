import type { TfidfVectorizer } from '@logad/tfidf';
import type { NormalizedEvent } from '../../log-event';
import type { TemplateIndex } from '../../template-index';

/** What the training lines taught, shared by every feature (and by the explanation of a score). */
export interface LineCorpus {
  /** Number of training lines. */
  readonly nLines: number;
  readonly templates: TemplateIndex;
  readonly tfidf: TfidfVectorizer;
}

/** One line as the features see it, computed once per line by the featurizer. */
export interface LineView {
  readonly event: NormalizedEvent;
  /** The line's masked tokens. */
  readonly tokens: readonly string[];
  /** Training lines of the line's template (0 when unseen). */
  readonly templateCount: number;
  /** idf of the line's rarest token (0 for a line without tokens). */
  readonly rarestIdf: number;
  /** Levels above INFO (0 for INFO, lower levels and no level). */
  readonly levelsAboveInfo: number;
  /** 1 for a training line, whose own occurrence is left out of every count (leave-one-out). */
  readonly self: 0 | 1;
}

/** Where a feature writes its sparse entries: column `indices[k]` holds `values[k]` for k < nnz. */
export interface SparseRow {
  readonly indices: Int32Array;
  readonly values: Float64Array;
  nnz: number;
}

/**
 * One input of the line forest. A feature owns its columns `[offset, offset + width)`; it holds no
 * state of its own beyond the {@link LineCorpus} it was fitted on, which the featurizer serialises once.
 */
export interface LineFeature {
  readonly name: string;
  readonly width: number;
  /** Name of the feature's k-th column. */
  columnName(k: number): string;
  /** Most entries {@link write} can add for a message (sizes the row buffers). */
  maxEntries(message: string): number;
  /** Appends the line's entries, at columns from `offset`, to `row`. */
  write(line: LineView, row: SparseRow, offset: number): void;
}

/** A kind of feature: its name (as the model's feature set says it) and how it is fitted. */
export interface LineFeatureKind {
  readonly name: string;
  fit(corpus: LineCorpus): LineFeature;
}

/** A feature of one column: a number per line. */
export function scalarFeature(name: string, value: (line: LineView) => number): LineFeature {
  return {
    name,
    width: 1,
    columnName: () => name,
    maxEntries: () => 1,
    write(line, row, offset) {
      row.indices[row.nnz] = offset;
      row.values[row.nnz++] = value(line);
    },
  };
}
