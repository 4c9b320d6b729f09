import type { TfidfVectorizer } from '@logad/tfidf';
import type { LineCorpus, LineFeature, LineFeatureKind, LineView, SparseRow } from './line-feature';

/** The line's whole TF-IDF vector, one column per vocabulary term (the seed's recipe). */
class TfidfColumns implements LineFeature {
  readonly name = 'tfidf';
  readonly width: number;
  private names: string[] | null = null;
  constructor(private readonly tfidf: TfidfVectorizer) {
    this.width = tfidf.vocabularySize;
  }
  columnName(k: number): string {
    return `token:${(this.names ??= this.tfidf.featureNames())[k]}`;
  }
  maxEntries(message: string): number {
    return message.length; // at most one term per character
  }
  write(line: LineView, row: SparseRow, offset: number): void {
    const v = this.tfidf.transformTokens(line.tokens);
    for (let k = 0; k < v.indices.length; k++) {
      row.indices[row.nnz] = offset + v.indices[k];
      row.values[row.nnz++] = v.values[k];
    }
  }
}

export const TFIDF_COLUMNS: LineFeatureKind = { name: 'tfidf', fit: (c: LineCorpus) => new TfidfColumns(c.tfidf) };
