import { mulberry32 } from '@logad/iforest';
import { generateSampleCorpus } from '../corpus/sample-corpus';

/** Rare lines the sample corpus never holds, so that some records take the anomalous path (alerts, second file). */
const ANOMALIES: ReadonlyArray<{ source: string; level: string; make: (r: () => number) => string }> = [
  {
    source: 'db',
    level: 'ERROR',
    make: (r) => `DATABASE INTEGRITY ERROR: checksum mismatch in table ${['users', 'orders', 'payments'][Math.floor(r() * 3)]}, possible data corruption`,
  },
  {
    source: 'kernel',
    level: 'FATAL',
    make: (r) => `Out of memory: killed process ${1000 + Math.floor(r() * 9000)} (node) total-vm:${Math.floor(r() * 9e6)}kB`,
  },
  { source: 'payments', level: 'ERROR', make: (r) => `Unhandled exception in settlement batch ${Math.floor(r() * 1e6)}: NullPointerException at Ledger.post` },
  { source: 'auth-service', level: 'ERROR', make: (r) => `Signature verification failed for token issued by unknown key id k${Math.floor(r() * 1e5)}` },
];

/** Share of generated logs drawn from {@link ANOMALIES}. */
export const ANOMALY_SHARE = 0.005;

/**
 * Realistic 1000-log request bodies, cheap to make at load-generator speed: a pool of logs is
 * serialised once (everyday web-shop traffic from the sample-corpus generator, with a different
 * seed than the training corpus, plus 0.5 % lines the model never saw), and a body is the
 * concatenation of pool entries, with a unique `id` per log when asked.
 */
export class LogBatches {
  private readonly pool: string[];

  constructor(
    readonly batchSize = 1000,
    poolSize = 20_000,
    seed = 20_251_126,
  ) {
    const corpus = generateSampleCorpus(poolSize, seed);
    const r = mulberry32(seed + 1);
    const t0 = Date.UTC(2025, 10, 26, 8, 0, 0);
    this.pool = corpus.map((line, i) => {
      const log = r() < ANOMALY_SHARE ? this.anomaly(r) : line;
      const timestamp = new Date(t0 + i * 37).toISOString();
      // Serialised without its opening brace, so an id can be put first.
      return JSON.stringify({ timestamp, source: log.source, level: log.level, message: log.message }).slice(1);
    });
  }

  /** The body of batch `n`: `batchSize` logs; with `idTag`, log i of it has id `${idTag}-${n}-${i}`. */
  body(n: number, idTag?: string): string {
    const parts = new Array<string>(this.batchSize);
    const base = (n * this.batchSize) % this.pool.length;
    for (let i = 0; i < this.batchSize; i++) {
      const frag = this.pool[(base + i) % this.pool.length];
      parts[i] = idTag === undefined ? `{${frag}` : `{"id":"${idTag}-${n}-${i}",${frag}`;
    }
    return `[${parts.join(',')}]`;
  }

  private anomaly(r: () => number): { source: string; level: string; message: string } {
    const a = ANOMALIES[Math.floor(r() * ANOMALIES.length)];
    return { source: a.source, level: a.level, message: a.make(r) };
  }
}

/** Splits an id made by {@link LogBatches.body} into batch and index; undefined for a foreign id. */
export function parseBatchId(id: string, idTag: string): { batch: number; index: number } | undefined {
  if (!id.startsWith(idTag) || id.charCodeAt(idTag.length) !== 45 /* - */) return undefined;
  const dash = id.indexOf('-', idTag.length + 1);
  if (dash < 0) return undefined;
  const batch = Number(id.slice(idTag.length + 1, dash));
  const index = Number(id.slice(dash + 1));
  return Number.isInteger(batch) && Number.isInteger(index) ? { batch, index } : undefined;
}
