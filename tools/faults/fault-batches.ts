import { mulberry32 } from '@logad/iforest';
import { generateSampleCorpus } from '../corpus/sample-corpus';

// Lines the sample corpus never holds, so that some records take the anomalous file.
const RARE = [
  (r: () => number) => ({
    source: 'db',
    level: 'ERROR',
    message: `DATABASE INTEGRITY ERROR: checksum mismatch in table ${['users', 'orders', 'payments'][Math.floor(r() * 3)]}, possible data corruption`,
  }),
  (r: () => number) => ({
    source: 'kernel',
    level: 'FATAL',
    message: `Out of memory: killed process ${1000 + Math.floor(r() * 9000)} (node) total-vm:${Math.floor(r() * 9e6)}kB`,
  }),
];

/**
 * Request bodies of `batchSize` logs with known ids: log i of batch n has id `${tag}-${n}-${i}`.
 * A pool of logs is serialised once (everyday shop traffic plus ~1 % rare lines), so that bodies
 * cost a string join at load-generator speed.
 */
export class FaultBatches {
  private readonly pool: string[];

  constructor(
    readonly tag: string,
    readonly batchSize: number,
    poolSize = 10_000,
    seed = 5,
  ) {
    const r = mulberry32(seed);
    this.pool = generateSampleCorpus(poolSize, seed + 1).map((line) => {
      const log = r() < 0.01 ? RARE[Math.floor(r() * RARE.length)](r) : line;
      // Without its opening brace, so that the id can be put first.
      return JSON.stringify({ source: log.source, level: log.level, message: log.message }).slice(1);
    });
  }

  id(batch: number, index: number): string {
    return `${this.tag}-${batch}-${index}`;
  }

  ids(batch: number): string[] {
    return Array.from({ length: this.batchSize }, (_, i) => this.id(batch, i));
  }

  body(batch: number): string {
    const parts = new Array<string>(this.batchSize);
    const base = (batch * this.batchSize) % this.pool.length;
    for (let i = 0; i < this.batchSize; i++) parts[i] = `{"id":"${this.id(batch, i)}",${this.pool[(base + i) % this.pool.length]}`;
    return `[${parts.join(',')}]`;
  }
}
