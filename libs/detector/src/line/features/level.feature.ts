import { levelSeverity, NEUTRAL_SEVERITY } from '../../level-severity';
import { type LineFeature, type LineFeatureKind, type LineView, type SparseRow, writeValue } from './line-feature';

/** How far the line's level is above INFO (0 for INFO, DEBUG and lines without a level). */
class Level implements LineFeature {
  readonly name = 'level';
  readonly width = 1;
  columnName(): string {
    return this.name;
  }
  maxEntries(): number {
    return 1;
  }
  write(line: LineView, row: SparseRow, offset: number): void {
    writeValue(row, offset, Math.max(0, levelSeverity(line.event.level) - NEUTRAL_SEVERITY));
  }
}

export const LEVEL: LineFeatureKind = { name: 'level', fit: () => new Level() };
