// `npm run bench`: every benchmark of logad in one command; prints the figures and writes BENCHMARKS.md.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { BenchArgs, BenchArgsError, BenchName, USAGE, parseBenchArgs } from './bench-args';
import { BenchResult, BenchSection } from './bench-result';
import { BenchReport, machineInfo, profileSummaries, renderReport, writeReport } from './report';
import { runCeilingBench } from './ceiling.bench';
import { goalsTable, sectionTable } from './format-table';
import { runHttpBench } from './http.bench';
import { runIntakeBench } from './intake.bench';
import { runLimitsBench } from './limits.bench';
import { LIB_BENCHES, runLibBench } from './lib-benches';
import { runPipelineBench, runSoak } from './pipeline.bench';
import { runQueueBench } from './queue.bench';
import { stopAllChildren } from './processes';
import { ROOT, assertBuilt } from './repo-root';

const say = (line: string) => process.stdout.write(`${line}\n`);

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

/** --from-json: renders a report saved by --json again (e.g. after the Markdown layout changed), measuring nothing. */
function rerender(args: BenchArgs, file: string): number {
  const saved = JSON.parse(readFileSync(file, 'utf8')) as BenchReport;
  const profiles = saved.profiles?.length ? saved.profiles : args.profileDir ? profileSummaries(join(resolve(args.profileDir), 'max-1-worker')) : [];
  const report: BenchReport = { ...saved, command: `${saved.command ?? 'npm run bench'} (rendered again from ${file})`, profiles };
  const out = args.outFile ?? join(ROOT, 'BENCHMARKS.md');
  writeReport(out, renderReport(report));
  say(`wrote ${out} from ${file}\n\n${goalsTable(report.sections)}`);
  return 0;
}

async function main(args: BenchArgs): Promise<number> {
  if (args.fromJson) return rerender(args, args.fromJson);
  const loadStart = loadavg();
  const has = (n: BenchName) => args.only.has(n);
  const log = (l: string) => say(`  ${l}`);
  if (has('http') || has('intake') || has('limits') || has('pipeline') || has('soak')) assertBuilt();
  const sections: BenchSection[] = [];
  const profiles: string[] = [];
  let ceiling: number | undefined;
  if (has('ceiling') || has('pipeline')) {
    const s = await section('ceiling', 'Ceiling: parse JSON lines and append them to a file', () => runCeilingBench({ quick: args.quick }));
    ceiling = s.results[0]?.value;
    if (has('ceiling')) sections.push(s);
  }
  if (has('http')) sections.push(await section('http', 'HTTP: 1000-log JSON batches', () => runHttpBench({ quick: args.quick, log })));
  if (has('intake')) sections.push(await section('intake', 'Intake: shipper protocols vs the native JSON route', () => runIntakeBench({ quick: args.quick, log })));
  if (has('limits'))
    sections.push(
      await section('limits', 'Limits shared by replicas: ingest-api with the rate limit off, in the process, in Redis', () =>
        runLimitsBench({ quick: args.quick, log }),
      ),
    );
  if (has('queue')) sections.push(await section('queue', 'Queue: BullMQ one job per log vs BullMqLogQueue', () => runQueueBench({ quick: args.quick, log })));
  if (has('pipeline')) {
    const profileDir = args.profileDir && resolve(args.profileDir);
    if (profileDir) mkdirSync(profileDir, { recursive: true });
    sections.push(
      await section('pipeline', 'End to end: ingest-api → BullMQ → worker → ml-api → JSON Lines', async () => {
        const out = await runPipelineBench({ quick: args.quick, durationSec: args.durationSec, ceilingLinesPerSec: ceiling, profileDir, log });
        log(`model: ${out.modelNote}`);
        if (out.runs.profiled) log(`profiled run (not in the figures): ${Math.round(out.runs.profiled.throughput)} logs/s under --cpu-prof`);
        if (profileDir) profiles.push(...profileSummaries(join(profileDir, 'max-1-worker')));
        for (const p of profiles) say(p);
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

  const complete = !args.quick && ['ceiling', 'http', 'intake', 'queue', 'pipeline', ...LIB_BENCHES.map((b) => b.name)].every((n) => has(n as BenchName));
  const report: BenchReport = {
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
    machine: machineInfo(loadStart),
    sections,
    profiles,
  };
  const out = args.noWrite ? undefined : (args.outFile ?? (complete ? join(ROOT, 'BENCHMARKS.md') : undefined));
  if (out) {
    writeReport(out, renderReport(report));
    say(`\nwrote ${out}`);
  } else {
    say(`\n(${args.noWrite ? '--no-write' : 'partial or quick run'}: BENCHMARKS.md left alone; --out FILE writes the report)`);
  }
  if (args.jsonFile) writeFileSync(args.jsonFile, JSON.stringify(report, null, 2));
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
