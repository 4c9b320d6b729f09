import { createReadStream, existsSync } from 'node:fs';
import { parseBatchId } from './log-batches';

export interface StoredAnalysis {
  /** Lines read (all files). */
  readonly lines: number;
  /** Logs accepted with 202 (from the load generator's answers). */
  readonly accepted: number;
  /** Distinct accepted logs found stored. */
  readonly stored: number;
  /** Accepted logs not stored. */
  readonly lost: number;
  /** Extra copies of logs stored more than once. */
  readonly duplicated: number;
  /** Stored logs of batches not answered 202 (e.g. a request that timed out after enqueueing), or of unknown ids. */
  readonly stray: number;
  readonly anomalous: number;
  /** Lines that are not records (torn or foreign). */
  readonly unreadable: number;
  /** Earliest received_at and latest stored_at (epoch ms) over the run's records. */
  readonly firstReceivedAt: number;
  readonly lastStoredAt: number;
  /** stored_at − received_at (ms) percentiles. */
  readonly latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** Records stored in each wall-clock second, from the second of `firstReceivedAt`. */
  readonly perSecond: number[];
}

const MAX_BUCKET_MS = 600_000;

async function forEachLine(path: string, onLine: (line: string) => void): Promise<void> {
  if (!existsSync(path)) return;
  let carry = '';
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 4 << 20 })) {
    const lines = (carry + (chunk as string)).split('\n');
    carry = lines.pop() ?? '';
    for (const l of lines) if (l.length > 0) onLine(l);
  }
  if (carry.length > 0) onLine(carry);
}

/** Reads every stored line once and checks it against what was accepted: loss, duplicates, latency, pace. */
export async function analyseStored(files: readonly string[], idTag: string, statuses: readonly number[], batchSize: number): Promise<StoredAnalysis> {
  const seen = new Uint8Array(statuses.length * batchSize);
  const hist = new Uint32Array(MAX_BUCKET_MS + 1);
  const perAbsSecond = new Map<number, number>();
  let lines = 0;
  let duplicated = 0;
  let stray = 0;
  let anomalous = 0;
  let unreadable = 0;
  let firstReceivedAt = Infinity;
  let lastStoredAt = -Infinity;
  for (const file of files) {
    await forEachLine(file, (line) => {
      lines++;
      let r: { id?: unknown; received_at?: unknown; stored_at?: unknown; is_anomaly?: unknown };
      try {
        r = JSON.parse(line) as typeof r;
      } catch {
        unreadable++;
        return;
      }
      const at = typeof r.id === 'string' ? parseBatchId(r.id, idTag) : undefined;
      if (!at || at.batch >= statuses.length || at.index >= batchSize || statuses[at.batch] !== 202) {
        stray++;
        return;
      }
      const slot = at.batch * batchSize + at.index;
      if (seen[slot] > 0) {
        duplicated++;
        return;
      }
      seen[slot] = 1;
      if (r.is_anomaly === true) anomalous++;
      const receivedAt = Number(r.received_at);
      const storedAt = Number(r.stored_at);
      if (receivedAt < firstReceivedAt) firstReceivedAt = receivedAt;
      if (storedAt > lastStoredAt) lastStoredAt = storedAt;
      hist[Math.max(0, Math.min(MAX_BUCKET_MS, Math.round(storedAt - receivedAt)))]++;
      const sec = Math.floor(storedAt / 1000);
      perAbsSecond.set(sec, (perAbsSecond.get(sec) ?? 0) + 1);
    });
  }
  let accepted = 0;
  let stored = 0;
  for (let b = 0; b < statuses.length; b++) {
    if (statuses[b] !== 202) continue;
    accepted += batchSize;
    for (let i = b * batchSize; i < (b + 1) * batchSize; i++) stored += seen[i];
  }
  const perSecond: number[] = [];
  const firstSecond = Math.floor(firstReceivedAt / 1000);
  for (const [sec, n] of perAbsSecond) {
    const s = sec - firstSecond;
    while (perSecond.length <= s) perSecond.push(0);
    perSecond[s] += n;
  }
  return {
    lines,
    accepted,
    stored,
    lost: accepted - stored,
    duplicated,
    stray,
    anomalous,
    unreadable,
    firstReceivedAt,
    lastStoredAt,
    latencyMs: { p50: percentile(hist, 0.5), p90: percentile(hist, 0.9), p99: percentile(hist, 0.99), max: percentile(hist, 1) },
    perSecond,
  };
}

/** The p-quantile (ms) of a 1-ms histogram. */
function percentile(hist: Uint32Array, p: number): number {
  let total = 0;
  for (const c of hist) total += c;
  if (total === 0) return NaN;
  const rank = Math.max(1, Math.ceil(p * total));
  let acc = 0;
  for (let ms = 0; ms < hist.length; ms++) {
    acc += hist[ms];
    if (acc >= rank) return ms;
  }
  return hist.length - 1;
}
