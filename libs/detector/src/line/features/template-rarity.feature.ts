import { type LineCorpus, type LineFeature, type LineFeatureKind, type LineView, type SparseRow, writeValue } from './line-feature';

/**
 * How rare the line's template was in training, in bits: log2((n + 1) / (count + 0.5)). A template
 * no training line had is rarer than any; leave-one-out makes a template seen once in training read
 * as unseen, as it would on a new line.
 */
class TemplateRarity implements LineFeature {
  readonly name = 'template_rarity';
  readonly width = 1;
  constructor(private readonly nLines: number) {}
  columnName(): string {
    return this.name;
  }
  maxEntries(): number {
    return 1;
  }
  write(line: LineView, row: SparseRow, offset: number): void {
    const n = this.nLines - line.self;
    writeValue(row, offset, Math.log2((n + 1) / (Math.max(0, line.templateCount - line.self) + 0.5)));
  }
}

export const TEMPLATE_RARITY: LineFeatureKind = { name: 'template_rarity', fit: (c: LineCorpus) => new TemplateRarity(c.nLines) };
