// `npm run bench`: every benchmark of logad in one command; prints the figures and writes BENCHMARKS.md.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { BenchArgs, BenchArgsError, BenchName, USAGE, parseBenchArgs } from './bench-args';
import { BenchResult, BenchSection } from './bench-result';
import { runCeilingBench } from './ceiling.bench';
import { formatProfileSummary, summariseProfile } from './cpu-profile-summary';
import { goalsTable, sectionTable } from './format-table';
import { runHttpBench } from './http.bench';
import { LIB_BENCHES, runLibBench } from './lib-benches';
import { runPipelineBench, runSoak } from './pipeline.bench';
import { runQueueBench } from './queue.bench';
import { stopAllChildren } from './processes';
import { ROOT, assertBuilt } from './repo-root';

const KEEP_MARKER = '<!-- Everything below this line is kept when `npm run bench` rewrites the file. -->';
const say = (line: string) => process.stdout.write(`${line}\n`);

function machine(loadStart: number[]): string {
  const c = cpus();
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).trim();
    if (dirty) commit += ' + uncommitted changes';
  } catch {
    // not a git checkout
  }
  const la = (l: number[]) => l.map((v) => v.toFixed(2)).join(' / ');
  return [
    `- date: ${new Date().toISOString()}`,
    `- machine: ${c.length} × ${c[0]?.model ?? 'unknown CPU'} (${c[0]?.speed ?? '?'} MHz), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Linux ${release()}`,
    `- node ${process.version}; commit ${commit}`,
    `- load average (1/5/15 min) at start ${la(loadStart)}, at end ${la(loadavg())} — the machine is shared, so absolute figures are noisy; ratios are measured in the same run`,
  ].join('\n');
}

const METHOD = `## How the system figures are measured

- **HTTP**: each target is a separate process on loopback; autocannon (8 connections) posts the same 130 KiB body of 1000 realistic logs (web-shop traffic from the sample-corpus generator with another seed, 0.5 % unseen anomalous lines, ISO timestamps, no ids). Targets alternate within a round; the best round counts. ingest-api is the real compiled app with \`QUEUE_DRIVER=memory\` and a consumer that discards jobs, so the figure is HTTP + validation + ids + enqueue call. The NestJS reference validates each item with ValidationPipe + class-validator (\`ParseArrayPipe({ items: CreateLogDto })\`).
- **Queue**: producer and consumer in this one process against the local Redis; one BullMQ job per log (addBulk of 1000 jobs per request, worker concurrency 50, no-op processor) vs \`BullMqLogQueue\` (500 logs per job, 1000 logs per enqueue, concurrency 4). Random queue names, obliterated afterwards.
- **Ceiling**: this process parses JSON lines and appends them to a file, 500 lines per write, one core.
- **End to end**: ml-api, the worker(s) and ingest-api run as real processes from their compiled \`dist\` with default settings (\`STORAGE_FSYNC=always\`, 500 logs per job, worker concurrency 4) on a fresh random queue and temp folders, with a model trained on \`data/sample-corpus.jsonl\`. The load generator (this process) posts 1000-log batches with unique ids: at max rate on 8 connections (held while more than 100k logs wait in the queue, so that the run measures what the pipeline sustains, not what Redis can hold), or at a fixed 10,000 logs/s. Max-rate runs come in rounds (1 worker, then 2 workers) so that load from other programs hits both alike; the best round per worker count is reported and the 2-vs-1 ratio is the median of same-round ratios. "Sustained" means the mean and every 5-second window of stored logs/s. After the load the queue is drained, the apps stopped, and every stored line read: accepted (202 × 1000) vs stored ids gives loss and duplicates; throughput = stored / (last \`stored_at\` − first \`received_at\`); latency = \`stored_at − received_at\`. Worker RSS from /proc/<pid>/status.
- **Soak** (\`--soak\`, 10 min by default): one worker at max rate; RSS sampled every 5 s; after a warm-up (60 s, in which the storage's 1M-id dedupe window fills), the last third of the samples is compared with the first third (median and peak), because RSS is a GC sawtooth.
`;

async function section(name: string, title: string, run: () => Promise<BenchResult[]>): Promise<BenchSection> {
  say(`\n== ${title}`);
  const t0 = Date.now();
  try {
    const results = await run();
    const s: BenchSection = { name, title, results, seconds: (Date.now() - t0) / 1000 };
    say(sectionTable(s));
    return s;
  } catch (err) {
    const message = (err as Error).message;
    say(`!! ${name} failed: ${message}`);
    return { name, title, results: [], error: message.split('\n')[0], seconds: (Date.now() - t0) / 1000 };
  }
}

async function main(args: BenchArgs): Promise<number> {
  const loadStart = loadavg();
  const has = (n: BenchName) => args.only.has(n);
  const log = (l: string) => say(`  ${l}`);
  if (has('http') || has('pipeline') || has('soak')) assertBuilt();
  const sections: BenchSection[] = [];
  const extra: string[] = [];
  let ceiling: number | undefined;
  if (has('ceiling') || has('pipeline')) {
    const s = await section('ceiling', 'Ceiling: parse JSON lines and append them to a file', () => runCeilingBench({ quick: args.quick }));
    ceiling = s.results[0]?.value;
    if (has('ceiling')) sections.push(s);
  }
  if (has('http')) sections.push(await section('http', 'HTTP: 1000-log JSON batches', () => runHttpBench({ quick: args.quick, log })));
  if (has('queue')) sections.push(await section('queue', 'Queue: BullMQ one job per log vs BullMqLogQueue', () => runQueueBench({ quick: args.quick, log })));
  if (has('pipeline')) {
    const profileDir = args.profileDir && resolve(args.profileDir);
    if (profileDir) mkdirSync(profileDir, { recursive: true });
    sections.push(
      await section('pipeline', 'End to end: ingest-api → BullMQ → worker → ml-api → JSON Lines', async () => {
        const out = await runPipelineBench({ quick: args.quick, durationSec: args.durationSec, ceilingLinesPerSec: ceiling, profileDir, log });
        log(`model: ${out.modelNote}`);
        if (out.runs.profiled) log(`profiled run (not in the figures): ${Math.round(out.runs.profiled.throughput)} logs/s under --cpu-prof`);
        for (const p of out.runs.profiled?.profiles ?? []) {
          const text = formatProfileSummary(p.split('/').slice(-2, -1)[0], summariseProfile(p));
          say(text);
          extra.push(text);
        }
        return out.results;
      }),
    );
  }
  if (has('soak')) {
    sections.push(
      await section(
        'soak',
        `Soak: worker memory over ${Math.round(args.soakSec / 60)} min`,
        async () => (await runSoak({ durationSec: args.soakSec, rate: args.soakRate, log })).results,
      ),
    );
  }
  for (const b of LIB_BENCHES) {
    if (has(b.name as BenchName)) sections.push(await section(b.name, b.title, () => runLibBench(b, args.quick, log)));
  }

  const complete = !args.quick && ['ceiling', 'http', 'queue', 'pipeline', ...LIB_BENCHES.map((b) => b.name)].every((n) => has(n as BenchName));
  const out = args.noWrite ? undefined : (args.outFile ?? (complete ? join(ROOT, 'BENCHMARKS.md') : undefined));
  const md = [
    '# logad benchmarks',
    '',
    `Written by \`npm run bench${process.argv.slice(2).length ? ` -- ${process.argv.slice(2).join(' ')}` : ''}\` (tools/bench/main.ts). Ratios compare figures measured in the same run on the same machine.`,
    '',
    machine(loadStart),
    '',
    '## Goals',
    '',
    goalsTable(sections),
    '',
    ...sections.flatMap((s) => [`## ${s.title}`, '', `_${s.seconds.toFixed(0)} s_`, '', sectionTable(s), '']),
    ...(extra.length ? ['## CPU profiles (self time), a separate max-rate run with one worker under --cpu-prof', '', '```', ...extra, '```', ''] : []),
    METHOD,
  ].join('\n');
  if (out) {
    const kept = existsSync(out) ? readFileSync(out, 'utf8').split(KEEP_MARKER)[1] : undefined;
    writeFileSync(out, `${md}\n${KEEP_MARKER}\n${kept !== undefined ? kept.replace(/^\n/, '') : ''}`);
    say(`\nwrote ${out}`);
  } else {
    say(`\n(${args.noWrite ? '--no-write' : 'partial or quick run'}: BENCHMARKS.md left alone; --out FILE writes the report)`);
  }
  if (args.jsonFile) writeFileSync(args.jsonFile, JSON.stringify({ machine: machine(loadStart), sections }, null, 2));
  say(`\n${goalsTable(sections)}`);
  return sections.some((s) => s.error) ? 1 : 0;
}

let args: BenchArgs;
try {
  args = parseBenchArgs(process.argv.slice(2));
} catch (err) {
  if (!(err instanceof BenchArgsError)) throw err;
  process.stderr.write(`${err.message}\n${USAGE}\n`);
  process.exit(2);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopAllChildren();
    process.exit(130);
  });
}
main(args).then(
  (code) => process.exit(code),
  (err: Error) => {
    process.stderr.write(`bench failed: ${err.stack ?? err.message}\n`);
    process.exit(1);
  },
);
