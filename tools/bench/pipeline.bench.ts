import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BenchResult, goalNote } from './bench-result';
import { runCeilingBench } from './ceiling.bench';
import { PipelineRunResult, runPipeline } from './pipeline-run';
import { trainModel } from './train-model';

export interface PipelineBenchOptions {
  /** Seconds of load per run. @defaultValue 60 (quick: 5) */
  readonly durationSec?: number;
  readonly quick?: boolean;
  readonly redisUrl?: string;
  /** Parse-and-append ceiling (lines/s) measured earlier in the same run; measured here (quick) when absent. */
  readonly ceilingLinesPerSec?: number;
  /** Run the apps with --cpu-prof into this folder. */
  readonly profileDir?: string;
  /** Skip the 2-worker run. @defaultValue false */
  readonly skipTwoWorkers?: boolean;
  readonly log?: (line: string) => void;
}

export interface PipelineBenchOutcome {
  readonly results: BenchResult[];
  readonly runs: { maxOne: PipelineRunResult; fixed: PipelineRunResult; maxTwo?: PipelineRunResult };
  readonly modelNote: string;
}

const GOAL_THROUGHPUT = 50_000;
const GOAL_P99_MS = 1000;
const FIXED_RATE = 10_000;

const k = (v: number) => `${(v / 1000).toFixed(1)}k`;
const mib = (kib: number) => Math.round(kib / 1024);

/** Lowest 5-second mean of the stored-per-second series inside the load window (first second and the drain left out). */
export function sustained(run: PipelineRunResult): { min5s: number; median1s: number } | undefined {
  const s = run.analysis.perSecond.slice(1, run.durationSec);
  if (s.length < 5) return undefined;
  let min = Infinity;
  for (let i = 0; i + 5 <= s.length; i++) min = Math.min(min, (s[i] + s[i + 1] + s[i + 2] + s[i + 3] + s[i + 4]) / 5);
  const sorted = [...s].sort((a, b) => a - b);
  return { min5s: min, median1s: sorted[Math.floor(sorted.length / 2)] };
}

function integrity(r: PipelineRunResult): string {
  const a = r.analysis;
  return `accepted ${a.accepted}, stored ${a.stored}, lost ${a.lost}, duplicated ${a.duplicated}, stray ${a.stray}, failed jobs ${r.failedJobs}, ${r.storedFiles} files, non-202 ${JSON.stringify(Object.fromEntries(Object.entries(r.load.byStatus).filter(([s]) => s !== '202')))}`;
}

function cpuNote(r: PipelineRunResult): string {
  return `CPU s over ${r.cpu.wall} s wall: ${Object.entries(r.cpu)
    .filter(([n]) => n !== 'wall')
    .map(([n, s]) => `${n} ${s}`)
    .join(', ')}`;
}

/**
 * End to end on real processes (HTTP → BullMQ → worker → ml-api → JSON Lines with fsync): max rate
 * with one worker, a fixed 10,000 logs/s with one worker, max rate with two workers.
 */
export async function runPipelineBench(o: PipelineBenchOptions = {}): Promise<PipelineBenchOutcome> {
  const durationSec = o.durationSec ?? (o.quick ? 5 : 60);
  const redisUrl = o.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const log = o.log ?? (() => undefined);
  const modelDir = mkdtempSync(join(tmpdir(), 'logad-bench-model-'));
  try {
    const modelNote = await trainModel(modelDir);
    const ceiling = o.ceilingLinesPerSec ?? (await runCeilingBench({ quick: true }))[0].value;
    const base = { modelDir, redisUrl, durationSec, log };
    const maxOne = await runPipeline({ ...base, workers: 1, profileDir: o.profileDir && join(o.profileDir, 'max-1-worker') });
    const fixed = await runPipeline({ ...base, workers: 1, rate: FIXED_RATE });
    const maxTwo = o.skipTwoWorkers ? undefined : await runPipeline({ ...base, workers: 2 });

    const results: BenchResult[] = [];
    const s1 = sustained(maxOne);
    results.push({
      name: 'e2e: max rate, 1 worker (HTTP → queue → worker → ml-api → files, fsync)',
      value: Math.round(maxOne.throughput),
      unit: 'logs/s',
      reference: 'parse-and-append ceiling, same run',
      referenceValue: Math.round(ceiling),
      ratio: Number((maxOne.throughput / ceiling).toFixed(3)),
      note: [
        goalNote(
          `≥ ${k(GOAL_THROUGHPUT)} logs/s for ${durationSec} s`,
          maxOne.throughput >= GOAL_THROUGHPUT && (s1 ? s1.min5s >= GOAL_THROUGHPUT : true),
          `${((maxOne.throughput / GOAL_THROUGHPUT) * 100).toFixed(0)} % of goal`,
        ),
        s1 ? `lowest 5-s window ${k(s1.min5s)}/s, median second ${k(s1.median1s)}/s` : 'run too short for 5-s windows',
        `accepted at ${k(maxOne.acceptRate)}/s (held while > 100k logs wait in the queue)`,
        `drain ${(maxOne.drainMs / 1000).toFixed(1)} s`,
        `accepted→stored p50 ${maxOne.analysis.latencyMs.p50} ms, p99 ${maxOne.analysis.latencyMs.p99} ms (includes the backlog)`,
        cpuNote(maxOne),
      ].join('; '),
    });
    results.push({
      name: 'e2e: loss, max rate, 1 worker',
      value: maxOne.analysis.lost + maxOne.analysis.duplicated,
      unit: 'logs lost + duplicated',
      note: `${goalNote('zero loss', maxOne.analysis.lost === 0 && maxOne.analysis.duplicated === 0)}; ${integrity(maxOne)}`,
    });
    const p99 = fixed.analysis.latencyMs.p99;
    results.push({
      name: `e2e: p99 accepted→stored at ${k(FIXED_RATE)} logs/s, 1 worker`,
      value: p99,
      unit: 'ms',
      reference: 'goal',
      referenceValue: GOAL_P99_MS,
      ratio: Number((p99 / GOAL_P99_MS).toFixed(3)),
      note: `${goalNote('< 1000 ms', p99 < GOAL_P99_MS)}; p50 ${fixed.analysis.latencyMs.p50} ms, p90 ${fixed.analysis.latencyMs.p90} ms, max ${fixed.analysis.latencyMs.max} ms; stored ${k(fixed.throughput)}/s; ticks missed ${fixed.load.skippedTicks}; ${integrity(fixed)}; ${cpuNote(fixed)}`,
    });
    const w = maxOne.workerMemory[0];
    results.push({
      name: `e2e: worker RSS at end of the max-rate run (${durationSec} s)`,
      value: mib(w.endOfLoadKib),
      unit: 'MiB',
      reference: 'RSS once consuming, before load',
      referenceValue: mib(w.bootKib),
      ratio: Number((w.endOfLoadKib / w.bootKib).toFixed(2)),
      note: `peak ${mib(w.peakKib)} MiB, after drain ${mib(w.afterDrainKib)} MiB; fixed-rate run: boot ${mib(fixed.workerMemory[0].bootKib)} → end ${mib(fixed.workerMemory[0].endOfLoadKib)} MiB (flatness over 10 min: --soak)`,
    });
    if (maxTwo) {
      const gain = maxTwo.throughput / maxOne.throughput;
      const s2 = sustained(maxTwo);
      results.push({
        name: 'e2e: max rate, 2 workers',
        value: Math.round(maxTwo.throughput),
        unit: 'logs/s',
        reference: '1 worker, same run',
        referenceValue: Math.round(maxOne.throughput),
        ratio: Number(gain.toFixed(3)),
        note: `${goalNote('a second worker adds throughput (ratio > 1)', gain > 1)}; ${s2 ? `lowest 5-s window ${k(s2.min5s)}/s; ` : ''}${integrity(maxTwo)}; worker RSS end ${maxTwo.workerMemory.map((m) => mib(m.endOfLoadKib)).join(' / ')} MiB; ${cpuNote(maxTwo)}`,
      });
    }
    return { results, runs: { maxOne, fixed, maxTwo }, modelNote };
  } finally {
    rmSync(modelDir, { recursive: true, force: true });
  }
}

export interface SoakOptions {
  /** @defaultValue 600 */
  readonly durationSec?: number;
  /** Offered logs/s; undefined: max rate (closed loop). */
  readonly rate?: number;
  readonly redisUrl?: string;
  readonly log?: (line: string) => void;
}

/** Least-squares slope (MiB per minute) of RSS samples. */
function slopeMibPerMin(samples: Array<[number, number]>): number {
  const n = samples.length;
  if (n < 2) return NaN;
  const mx = samples.reduce((a, s) => a + s[0], 0) / n;
  const my = samples.reduce((a, s) => a + s[1], 0) / n;
  let num = 0;
  let den = 0;
  for (const [x, y] of samples) {
    num += (x - mx) * (y - my);
    den += (x - mx) ** 2;
  }
  return (num / den / 1024) * 60;
}

/** Worker memory over a long run: RSS at boot, after the first minute, at the end; growth and slope over the second half. */
export async function runSoak(o: SoakOptions = {}): Promise<{ results: BenchResult[]; run: PipelineRunResult }> {
  const durationSec = o.durationSec ?? 600;
  const modelDir = mkdtempSync(join(tmpdir(), 'logad-bench-model-'));
  try {
    await trainModel(modelDir);
    const run = await runPipeline({
      workers: 1,
      durationSec,
      rate: o.rate,
      modelDir,
      redisUrl: o.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      rssEveryMs: 5000,
      log: o.log,
    });
    const m = run.workerMemory[0];
    const inLoad = m.samples.filter(([t]) => t <= durationSec);
    const warm = inLoad.find(([t]) => t >= Math.min(60, durationSec / 4)) ?? inLoad[0];
    const end = inLoad[inLoad.length - 1];
    const secondHalf = inLoad.filter(([t]) => t >= durationSec / 2);
    const slope = slopeMibPerMin(secondHalf);
    const growth = end[1] / warm[1] - 1;
    const flat = growth <= 0.1 && slope < 1;
    const trace = inLoad
      .filter((_, i) => i % Math.max(1, Math.floor(inLoad.length / 12)) === 0)
      .map(([t, kib]) => `${Math.round(t)}s ${mib(kib)}`)
      .join(', ');
    return {
      run,
      results: [
        {
          name: `soak: worker RSS after ${Math.round(durationSec / 60)} min at ${o.rate ? `${k(o.rate)} logs/s` : 'max rate'}`,
          value: mib(end[1]),
          unit: 'MiB',
          reference: `RSS at ${Math.round(warm[0])} s`,
          referenceValue: mib(warm[1]),
          ratio: Number((end[1] / warm[1]).toFixed(3)),
          note: `${goalNote('flat (≤ +10 % after warm-up and < 1 MiB/min over the second half)', flat, `${(growth * 100).toFixed(1)} %, ${slope.toFixed(2)} MiB/min`)}; boot ${mib(m.bootKib)} MiB, peak ${mib(m.peakKib)} MiB, after drain ${mib(m.afterDrainKib)} MiB; samples: ${trace}`,
        },
        {
          name: `soak: throughput and loss over ${Math.round(durationSec / 60)} min`,
          value: Math.round(run.throughput),
          unit: 'logs/s',
          note: `${integrity(run)}; p99 accepted→stored ${run.analysis.latencyMs.p99} ms; ${cpuNote(run)}`,
        },
      ],
    };
  } finally {
    rmSync(modelDir, { recursive: true, force: true });
  }
}
