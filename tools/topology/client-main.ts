import { writeFileSync } from 'node:fs';
import { FaultBatches } from '../faults/fault-batches';
import { LoadCounters, LoadGenerator } from '../faults/load-generator';

/** What the client host hands back to the harness after one phase (written as JSON to `out`). */
export interface ClientResult {
  readonly tag: string;
  readonly sentBatches: number;
  readonly batchSize: number;
  readonly accepted: string[];
  readonly ambiguous: string[];
  readonly counters: LoadCounters;
  readonly abandoned: number;
  readonly mismatched: number;
  readonly seconds: number;
  readonly latencyMs: { readonly p50: number; readonly p99: number };
}

/** The options the harness passes as one JSON argument. */
export interface ClientArgs {
  readonly url: string;
  readonly tag: string;
  readonly rate: number;
  readonly batchSize: number;
  readonly durationMs: number;
  readonly settleTimeoutMs: number;
  readonly out: string;
}

/**
 * The client host: the fault suite's shipper (same batches, same retry rules) run inside the
 * client namespace, so that its requests cross the network to nginx. Prints `accepted <n>` every
 * half second for the harness to time the heal.
 */
async function main(): Promise<void> {
  const a = JSON.parse(process.argv[2]) as ClientArgs;
  const batches = new FaultBatches(a.tag, a.batchSize);
  const load = new LoadGenerator(batches, { url: a.url, rate: a.rate, durationMs: a.durationMs, maxOutstanding: 64, settleTimeoutMs: a.settleTimeoutMs });
  const tick = setInterval(() => process.stdout.write(`accepted ${load.acceptedIds.size}\n`), 500);
  await load.run();
  clearInterval(tick);
  const sorted = [...load.latenciesMs].sort((x, y) => x - y);
  const q = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
  const result: ClientResult = {
    tag: a.tag,
    sentBatches: load.sentBatches,
    batchSize: a.batchSize,
    accepted: [...load.acceptedIds],
    ambiguous: [...load.ambiguousIds()],
    counters: load.counters,
    abandoned: load.abandoned,
    mismatched: load.mismatchedAnswers,
    seconds: load.loadSeconds,
    latencyMs: { p50: q(0.5), p99: q(0.99) },
  };
  writeFileSync(a.out, JSON.stringify(result));
  process.stdout.write(`done ${load.acceptedIds.size}\n`);
}

main().then(
  () => process.exit(0),
  (err: Error) => {
    process.stderr.write(`client failed: ${err.stack ?? err.message}\n`);
    process.exit(2);
  },
);
