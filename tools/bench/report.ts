import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { BenchSection } from './bench-result';
import { formatProfileSummary, summariseProfile } from './cpu-profile-summary';
import { goalsTable, sectionTable } from './format-table';
import { ROOT } from './repo-root';

/** Everything BENCHMARKS.md is made of; also what --json writes and --from-json reads. */
export interface BenchReport {
  /** The command that measured it. */
  readonly command?: string;
  /** Markdown bullet list: date, machine, node, commit, load average. */
  readonly machine: string;
  readonly sections: BenchSection[];
  /** Plain-text CPU profile summaries. */
  readonly profiles?: string[];
}

export const KEEP_MARKER = '<!-- Everything below this line is kept when `npm run bench` rewrites the file. -->';

/** Date, CPU, memory, node, commit and load average, as Markdown bullets. */
export function machineInfo(loadStart: number[]): string {
  const c = cpus();
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    if (execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).trim()) commit += ' + uncommitted changes';
  } catch {
    // not a git checkout
  }
  const la = (l: number[]) => l.map((v) => v.toFixed(2)).join(' / ');
  const speed = c[0]?.speed ? ` (${c[0].speed} MHz)` : '';
  return [
    `- date: ${new Date().toISOString()}`,
    `- machine: ${c.length} × ${c[0]?.model ?? 'unknown CPU'}${speed}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Linux ${release()}`,
    `- node ${process.version}; commit ${commit}`,
    `- load average (1/5/15 min) at start ${la(loadStart)}, at end ${la(loadavg())} — the machine is shared, so absolute figures are noisy; ratios are measured in the same run`,
  ].join('\n');
}

/** Summaries of the .cpuprofile files under `dir` (one folder per app). */
export function profileSummaries(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const app of readdirSync(dir).sort()) {
    const folder = join(dir, app);
    for (const f of readdirSync(folder).filter((n) => n.endsWith('.cpuprofile'))) out.push(formatProfileSummary(app, summariseProfile(join(folder, f))));
  }
  return out;
}

const METHOD = `## How the system figures are measured

- **HTTP**: each target is a separate process on loopback; autocannon (8 connections) posts the same 130 KiB body of 1000 realistic logs (web-shop traffic from the sample-corpus generator with another seed, 0.5 % unseen anomalous lines, ISO timestamps, no ids). Targets alternate within a round; the best round counts. ingest-api is the real compiled app with \`QUEUE_DRIVER=memory\` and a consumer that discards jobs, so the figure is HTTP + validation + ids + enqueue call. The NestJS reference validates each item with ValidationPipe + class-validator (\`ParseArrayPipe({ items: CreateLogDto })\`).
- **Queue**: producer and consumer in this one process against the local Redis; one BullMQ job per log (addBulk of 1000 jobs per request, worker concurrency 50, no-op processor) vs \`BullMqLogQueue\` (500 logs per job, 1000 logs per enqueue, concurrency 4). Random queue names, obliterated afterwards.
- **Ceiling**: this process parses JSON lines and appends them to a file, 500 lines per write, one core.
- **End to end**: ml-api, the worker(s) and ingest-api run as real processes from their compiled \`dist\` with default settings (\`STORAGE_FSYNC=always\`, 500 logs per job, worker concurrency 4) on a fresh random queue and temp folders, with a model trained on \`data/sample-corpus.jsonl\`. The load generator (this process) posts 1000-log batches with unique ids: at max rate on 8 connections (held while more than 100k logs wait in the queue, so that the run measures what the pipeline sustains, not what Redis can hold), or at a fixed 10,000 logs/s. Max-rate runs come in rounds (1 worker, then 2 workers) so that load from other programs hits both alike; the best round per worker count is reported and the 2-vs-1 ratio is the median of same-round ratios. "Sustained" means the mean and every 5-second window of stored logs/s. After the load the queue is drained, the apps stopped, and every stored line read (rotated files included): accepted (202 × 1000) vs stored ids gives loss and duplicates; throughput = stored / (last \`stored_at\` − first \`received_at\`); latency = \`stored_at − received_at\`. Worker RSS from /proc/<pid>/status.
- **Soak** (\`--soak\`, 10 min by default): one worker at max rate; RSS sampled every 5 s; after a warm-up (60 s, in which the storage's 1M-id dedupe window fills), the last third of the samples is compared with the first third (median and peak), because RSS is a GC sawtooth.
`;

/** The report as Markdown. */
export function renderReport(r: BenchReport): string {
  const profiles = r.profiles ?? [];
  return [
    '# logad benchmarks',
    '',
    `Written by \`${r.command ?? 'npm run bench'}\` (tools/bench/main.ts). Ratios compare figures measured in the same run on the same machine.`,
    '',
    r.machine,
    '',
    '## Goals',
    '',
    goalsTable(r.sections),
    '',
    ...r.sections.flatMap((s) => [`## ${s.title}`, '', `_${s.seconds.toFixed(0)} s_`, '', sectionTable(s), '']),
    ...(profiles.length ? ['## CPU profiles (self time), a separate max-rate run with one worker under --cpu-prof', '', '```', ...profiles, '```', ''] : []),
    METHOD,
  ].join('\n');
}

/** Writes the report, keeping whatever a person wrote below {@link KEEP_MARKER}. */
export function writeReport(file: string, markdown: string): void {
  const kept = existsSync(file) ? readFileSync(file, 'utf8').split(KEEP_MARKER)[1] : undefined;
  writeFileSync(file, `${markdown}\n${KEEP_MARKER}\n${kept !== undefined ? kept.replace(/^\n/, '') : ''}`);
}
