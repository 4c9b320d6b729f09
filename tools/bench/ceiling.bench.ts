import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchResult } from './bench-result';
import { LogBatches } from './log-batches';

export interface CeilingBenchOptions {
  /** Lines per timed pass. @defaultValue 1,000,000 (quick: 200,000) */
  readonly lines?: number;
  /** Timed passes; the best counts (the machine is shared). @defaultValue 3 (quick: 1) */
  readonly passes?: number;
  readonly quick?: boolean;
}

/**
 * JSON lines in chunks of `perChunk`, as they would arrive: 'log' lines are logs as shippers send
 * them (~150 B); 'record' lines are what the worker stores (the log plus scores and times, ~365 B).
 */
function makeChunks(lines: number, perChunk: number, kind: 'log' | 'record'): Buffer[] {
  const batches = new LogBatches(perChunk);
  const chunks: Buffer[] = [];
  const now = Date.now();
  for (let n = 0; n * perChunk < lines; n++) {
    const logs = JSON.parse(batches.body(n, 'c')) as Array<Record<string, unknown>>;
    const text = logs
      .map((l, i) =>
        JSON.stringify(
          kind === 'log'
            ? l
            : {
                ...l,
                anomaly_score: 0.08 + i * 1e-5,
                is_anomaly: false,
                prediction: 1,
                score: 41.7,
                model_version: '20251126T000000Z-bench',
                template: 'GET <*> <*> <*>ms',
                template_id: i % 40,
                received_at: now,
                stored_at: now + 5,
              },
        ),
      )
      .join('\n');
    chunks.push(Buffer.from(text + '\n'));
  }
  return chunks;
}

/** One pass: split each chunk into lines, JSON.parse each, serialise it again, append the chunk to the file with one write. */
function pass(chunks: readonly Buffer[], file: string, syncEveryChunk: boolean): number {
  const fd = openSync(file, 'a');
  let lines = 0;
  const t0 = process.hrtime.bigint();
  try {
    for (const chunk of chunks) {
      const parts = chunk.toString('utf8').split('\n');
      let out = '';
      for (const line of parts) {
        if (line.length === 0) continue;
        out += JSON.stringify(JSON.parse(line)) + '\n';
        lines++;
      }
      writeSync(fd, out);
      if (syncEveryChunk) fdatasyncSync(fd);
    }
  } finally {
    closeSync(fd);
  }
  return lines / (Number(process.hrtime.bigint() - t0) / 1e9);
}

/**
 * The machine's practical ceiling for logad's job: parse JSON lines and append them to a file,
 * in Node, on one core (this process), no queue, no HTTP, no model. The end-to-end figure is
 * divided by it.
 */
export async function runCeilingBench(o: CeilingBenchOptions = {}): Promise<BenchResult[]> {
  const lines = o.lines ?? (o.quick ? 200_000 : 1_000_000);
  const passes = o.passes ?? (o.quick ? 1 : 3);
  const logChunks = makeChunks(lines, 500, 'log');
  const recordChunks = makeChunks(lines, 500, 'record');
  const dir = mkdtempSync(join(tmpdir(), 'logad-ceiling-'));
  const avgBytes = (chunks: Buffer[]) => Math.round(chunks.reduce((n, c) => n + c.length, 0) / (chunks.length * 500));
  const best = { log: 0, record: 0, synced: 0 };
  try {
    for (let p = 0; p < passes; p++) {
      best.log = Math.max(best.log, pass(logChunks, join(dir, `log-${p}.jsonl`), false));
      best.record = Math.max(best.record, pass(recordChunks, join(dir, `record-${p}.jsonl`), false));
      best.synced = Math.max(best.synced, pass(recordChunks, join(dir, `synced-${p}.jsonl`), true));
      for (const f of ['log', 'record', 'synced']) rmSync(join(dir, `${f}-${p}.jsonl`));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const setup = `${lines} lines, 500 per write, best of ${passes}`;
  return [
    {
      name: 'ceiling: parse JSON lines + append to a file (Node, one core)',
      value: Math.round(best.log),
      unit: 'lines/s',
      note: `incoming-log lines of ~${avgBytes(logChunks)} B, each JSON.parse'd and re-serialised; ${setup}; issue's figure ~650k lines/s`,
    },
    {
      name: 'ceiling: same with stored-record lines',
      value: Math.round(best.record),
      unit: 'lines/s',
      reference: 'log lines, same run',
      referenceValue: Math.round(best.log),
      ratio: Number((best.record / best.log).toFixed(3)),
      note: `lines of ~${avgBytes(recordChunks)} B (log + scores + times, as the worker writes)`,
    },
    {
      name: 'ceiling: stored-record lines + fdatasync after every 500-line write',
      value: Math.round(best.synced),
      unit: 'lines/s',
      reference: 'record lines, no fsync, same run',
      referenceValue: Math.round(best.record),
      ratio: Number((best.synced / best.record).toFixed(3)),
      note: 'what STORAGE_FSYNC=always costs at 500 lines per write',
    },
  ];
}
