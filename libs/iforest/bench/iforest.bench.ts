/**
 * Bench of @logad/iforest against scikit-learn 1.2 (same run, one thread, via /usr/bin/python3)
 * and ml-isolation-forest 0.1.0. CLI: `node -r @swc-node/register libs/iforest/bench/iforest.bench.ts [--quick]`.
 */
import { type CsrMatrix, type DenseMatrix, IsolationForest, rocAuc } from '../src';
import { type Labelled, denseBlob, sparseLogs } from './datasets';
import { runSklearn } from './sklearn-runner';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  reference?: string;
  referenceValue?: number;
  ratio?: number;
  note?: string;
}

export interface IforestBenchOptions {
  /** Small data sets for a smoke run (seconds instead of a minute). @defaultValue false */
  quick?: boolean;
  /** Python with scikit-learn. @defaultValue '/usr/bin/python3' */
  python?: string;
  /** Fits (and scorings) per library; times are medians, AUCs means. @defaultValue 5 (quick: 2) */
  repeats?: number;
  /** Skip ml-isolation-forest (its fit takes seconds). @defaultValue false */
  skipMl?: boolean;
  /** Progress lines. @defaultValue console.log */
  log?: (line: string) => void;
}

type MlForest = { train(x: number[][]): void; predict(x: number[][]): number[] };
type MlModule = { IsolationForest: new (o?: { nEstimators?: number }) => MlForest };

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor((v.length - 1) / 2)];
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const negated = (s: ArrayLike<number>) => Float64Array.from(s, (v) => -v);
const round = (v: number, digits: number) => Number(v.toFixed(digits));

/** Fits `repeats` forests (seeds 0..repeats-1) and scores all rows with each. */
function measureOurs(d: Labelled<DenseMatrix | CsrMatrix>, repeats: number) {
  const fitMs: number[] = [];
  const scoreMs: number[] = [];
  const aucs: number[] = [];
  for (let seed = 0; seed < repeats; seed++) {
    const model = new IsolationForest({ nEstimators: 100, maxSamples: 256, seed });
    let t0 = performance.now();
    model.fit(d.x);
    fitMs.push(performance.now() - t0);
    t0 = performance.now();
    const s = model.scoreSamples(d.x);
    scoreMs.push(performance.now() - t0);
    aucs.push(rocAuc(negated(s), d.labels));
  }
  return { fitMs: median(fitMs), rowsPerSec: d.x.nRows / (median(scoreMs) / 1000), auc: mean(aucs) };
}

function versusSklearn(label: string, d: Labelled<DenseMatrix | CsrMatrix>, o: Required<Omit<IforestBenchOptions, 'log'>>, log: (l: string) => void): BenchResult[] {
  log(`${label}: ours…`);
  const ours = measureOurs(d, o.repeats);
  log(`${label}: scikit-learn…`);
  const sk = runSklearn(d.x, { python: o.python, repeats: o.repeats, nEstimators: 100, maxSamples: 256 });
  const results: BenchResult[] = [
    { name: `${label} fit`, value: round(ours.fitMs, 1), unit: 'ms' },
    { name: `${label} score`, value: Math.round(ours.rowsPerSec), unit: 'rows/s' },
    { name: `${label} ROC-AUC`, value: round(ours.auc, 4), unit: 'AUC' },
  ];
  if (!sk.ok) {
    log(`${label}: SKIPPED scikit-learn comparison (${sk.reason})`);
    for (const r of results) r.note = `sklearn skipped: ${sk.reason}`;
    return results;
  }
  const ref = `scikit-learn ${sk.version} (1 thread)`;
  const skFitMs = median(sk.fitSeconds) * 1000;
  const skRows = d.x.nRows / median(sk.scoreSeconds);
  const skAuc = mean(sk.scores.map((s) => rocAuc(negated(s), d.labels)));
  const [fit, score, auc] = results;
  Object.assign(fit, { reference: ref, referenceValue: round(skFitMs, 1), ratio: round(ours.fitMs / skFitMs, 3), note: `goal ratio <= 1: ${ours.fitMs <= skFitMs ? 'met' : 'NOT met'}` });
  Object.assign(score, { reference: ref, referenceValue: Math.round(skRows), ratio: round(ours.rowsPerSec / skRows, 2), note: `goal ratio >= 1.5: ${ours.rowsPerSec >= 1.5 * skRows ? 'met' : 'NOT met'}` });
  const gap = Math.abs(ours.auc - skAuc);
  Object.assign(auc, { reference: ref, referenceValue: round(skAuc, 4), ratio: round(ours.auc / skAuc, 4), note: `|diff| ${gap.toFixed(4)}, goal <= 0.01: ${gap <= 0.01 ? 'met' : 'NOT met'}` });
  return results;
}

function versusMl(d: Labelled<DenseMatrix>, label: string, log: (l: string) => void): BenchResult[] {
  // Loaded lazily: only this reference run needs it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ml = require('ml-isolation-forest') as MlModule;
  const { nRows, nCols, data } = d.x;
  const rows = Array.from({ length: nRows }, (_, r) => Array.from(data.subarray(r * nCols, (r + 1) * nCols)));
  log(`${label}: ml-isolation-forest (one run; it cannot be seeded)…`);
  const model = new ml.IsolationForest({ nEstimators: 100 });
  let t0 = performance.now();
  model.train(rows);
  const mlFit = performance.now() - t0;
  t0 = performance.now();
  const mlScores = model.predict(rows); // higher = more anomalous
  const mlRows = nRows / ((performance.now() - t0) / 1000);
  const mlAuc = rocAuc(mlScores, d.labels);
  log(`${label}: ours…`);
  const ours = measureOurs(d, 3);
  const ref = 'ml-isolation-forest 0.1.0';
  return [
    { name: `${label} fit`, value: round(ours.fitMs, 1), unit: 'ms', reference: ref, referenceValue: round(mlFit, 1), ratio: round(ours.fitMs / mlFit, 4), note: `goal ratio <= 0.1: ${ours.fitMs <= 0.1 * mlFit ? 'met' : 'NOT met'}` },
    { name: `${label} score`, value: Math.round(ours.rowsPerSec), unit: 'rows/s', reference: ref, referenceValue: Math.round(mlRows), ratio: round(ours.rowsPerSec / mlRows, 2) },
    { name: `${label} ROC-AUC`, value: round(ours.auc, 4), unit: 'AUC', reference: ref, referenceValue: round(mlAuc, 4), ratio: round(ours.auc / mlAuc, 4), note: `goal ours >= ref: ${ours.auc >= mlAuc ? 'met' : 'NOT met'}` },
  ];
}

/** Runs every comparison and returns one row per figure (ratio = ours / reference). */
export async function runIforestBench(opts: IforestBenchOptions = {}): Promise<BenchResult[]> {
  const quick = opts.quick ?? false;
  const o = { quick, python: opts.python ?? '/usr/bin/python3', repeats: opts.repeats ?? (quick ? 2 : 5), skipMl: opts.skipMl ?? false };
  const log = opts.log ?? ((l: string) => console.log(l));
  const nDense = quick ? 20_000 : 100_000;
  const nSparse = quick ? 20_000 : 100_000;
  const nMl = quick ? 5_000 : 50_000;
  const results: BenchResult[] = [];
  results.push(...versusSklearn(`dense ${nDense / 1000}k×20`, denseBlob(nDense, 20, 1), o, log));
  results.push(...versusSklearn(`sparse CSR ${nSparse / 1000}k×1000`, sparseLogs(nSparse, 1000, 2), o, log));
  // informational: isolation trees never split on a word absent from their subsample, so rows made
  // of unseen words take the all-zero branch with the majority and look normal (AUC far below 0.5)
  const unseen = versusSklearn(`sparse CSR 20k×1000 unseen-word outliers`, sparseLogs(20_000, 1000, 4, 'unseen-words'), { ...o, repeats: Math.min(o.repeats, 3) }, log);
  results.push(unseen[2]);
  if (!o.skipMl) results.push(...versusMl(denseBlob(nMl, 20, 3), `dense ${nMl / 1000}k×20 vs ml`, log));
  return results;
}

/** Renders results as a Markdown table. */
export function formatTable(results: BenchResult[]): string {
  const head = '| figure | ours | unit | reference | reference value | ratio ours/ref | note |\n|---|---:|---|---|---:|---:|---|';
  const rows = results.map((r) => `| ${r.name} | ${r.value} | ${r.unit} | ${r.reference ?? ''} | ${r.referenceValue ?? ''} | ${r.ratio ?? ''} | ${r.note ?? ''} |`);
  return [head, ...rows].join('\n');
}

if (require.main === module) {
  runIforestBench({ quick: process.argv.includes('--quick'), skipMl: process.argv.includes('--skip-ml') })
    .then((results) => console.log(`\n${formatTable(results)}`))
    .catch((e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    });
}
