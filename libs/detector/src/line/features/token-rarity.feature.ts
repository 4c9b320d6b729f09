import { type LineFeature, type LineFeatureKind, type LineView, type SparseRow, writeValue } from './line-feature';

/** The idf of the line's rarest token: a line that says a word training rarely said. */
class TokenRarity implements LineFeature {
  readonly name = 'token_rarity';
  readonly width = 1;
  columnName(): string {
    return this.name;
  }
  maxEntries(): number {
    return 1;
  }
  write(line: LineView, row: SparseRow, offset: number): void {
    writeValue(row, offset, line.rarestIdf);
  }
}

export const TOKEN_RARITY: LineFeatureKind = { name: 'token_rarity', fit: () => new TokenRarity() };
