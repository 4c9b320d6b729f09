import { TermTable } from './term-table';
import type { TokenSink } from './token-sink';

/**
 * Counts one document's known terms into a dense scratch (`dense[col]`, all zero between
 * documents) and lists the distinct columns in `cols[0..n)`; unknown terms are ignored.
 * `toFeature` maps a table id to its feature index (-1 for a term pruned at fit time).
 */
export class RowCollector implements TokenSink {
  n = 0;
  cols = new Int32Array(64);

  constructor(
    private readonly table: TermTable,
    private readonly toFeature: Int32Array,
    readonly dense: Float64Array,
  ) {}

  push(token: string): void {
    this.pushRange(token, 0, token.length, TermTable.hashString(token));
  }

  pushRange(doc: string, start: number, end: number, h: number): void {
    const id = this.table.findRange(doc, start, end, h);
    if (id < 0) return;
    const j = this.toFeature[id];
    if (j < 0) return;
    if (this.dense[j] === 0) {
      if (this.n === this.cols.length) {
        const bigger = new Int32Array(this.n * 2);
        bigger.set(this.cols);
        this.cols = bigger;
      }
      this.cols[this.n++] = j;
    }
    this.dense[j] += 1;
  }

  /** Zeroes what a document left in the scratch (also after a tokenizer threw midway). */
  clear(): void {
    for (let k = 0; k < this.n; k++) this.dense[this.cols[k]] = 0;
    this.n = 0;
  }
}
