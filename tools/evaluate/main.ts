import * as fs from 'node:fs';
import type { DetectorTrainingOptions, SessionOptions } from '@logad/detector';
import { EVALUATE_USAGE, EvaluateArgsError, parseEvaluateArgs, type EvaluateArgs } from './evaluate-args';
import { formatReport, formatReviews } from './format-report';
import { parseBglLines } from './parse-bgl-lines';
import { parseHdfsSessions } from './parse-hdfs-sessions';
import { parseJsonl } from './parse-jsonl';
import { runGroupingEvaluation } from './run-grouping-evaluation';
import { runLineEvaluation } from './run-line-evaluation';
import { runSessionEvaluation } from './run-session-evaluation';
import { formatReplay, readReplayFiles, runReplayEvaluation } from './run-replay-evaluation';

/** `nx run ml-api:evaluate`: figures of the detector on a labelled log, printed and written as JSON. */
export function evaluate(args: EvaluateArgs): { figures: Record<string, unknown>; text: string } {
  const lineOptions: DetectorTrainingOptions = {
    seed: args.seed,
    trainedAt: args.trainedAt,
    ...(args.contamination !== null ? { contamination: args.contamination } : {}),
    ...(args.trees !== null ? { nEstimators: args.trees } : {}),
  };
  const sessionOptions: SessionOptions = { ...lineOptions, ...(args.keyPattern !== null ? { keyPattern: args.keyPattern } : {}), ...args.sessionOptions };
  Object.assign(lineOptions, args.lineOptions);
  const base = { format: args.format, input: args.input, labels: args.labels, lineOptions, sessionOptions };
  if (args.format === 'replay') {
    const { events, incidents } = readReplayFiles(args.input, args.incidents);
    const retraining = args.retrainEveryMs === null ? undefined : { everyMs: args.retrainEveryMs, lineOptions };
    const r = runReplayEvaluation(events, incidents, args.streamOptions, retraining);
    return {
      figures: {
        ...r.figures,
        by_kind: r.byKind,
        retrains: r.retrains,
        state_bytes: r.stateBytes,
        lines_per_second: r.linesPerSecond,
        input: args.input,
        incidents_file: args.incidents,
        stream_options: args.streamOptions,
        retrain_every_ms: args.retrainEveryMs,
      },
      text: formatReplay(r),
    };
  }
  if (args.format === 'loghub-2k') {
    const g = runGroupingEvaluation(args.input);
    const pa = (v: number | null): string => (v === null ? '   -  ' : v.toFixed(4));
    const text = [
      'template miner, default options: grouping accuracy (GA) and Loghub-2.0 parsing accuracy (PA)',
      `  ${'system'.padEnd(12)} GA      PA`,
      ...g.systems.map(
        (s) =>
          `  ${s.system.padEnd(12)} ${s.groupingAccuracy.toFixed(4)}  ${pa(s.parsingAccuracy)}  (${s.foundTemplates} templates found, ${s.trueTemplates} true, ${s.lines} lines)`,
      ),
      `  ${'mean'.padEnd(12)} ${g.mean.toFixed(4)}  ${pa(g.meanParsingAccuracy)}`,
    ].join('\n');
    return { figures: { ...base, ...g }, text };
  }
  if (args.format === 'loghub-bgl') {
    const data = parseBglLines(fs.readFileSync(args.input, 'utf8'));
    const e = runLineEvaluation(data, args.trainFraction, lineOptions, { reviews: args.reviews, order: args.reviewOrder });
    return {
      figures: { ...base, ...e },
      text: formatReport(`per line — ${e.split.note}`, e.report) + `\n  scoring ${e.timings.linesPerSecond} lines/s` + formatReviews(e.reviews),
    };
  }
  if (args.format === 'loghub-hdfs') {
    if (args.labels === null) throw new EvaluateArgsError('--labels is required for loghub-hdfs');
    const sessions = parseHdfsSessions(fs.readFileSync(args.input, 'utf8'), fs.readFileSync(args.labels, 'utf8'), new RegExp(args.keyPattern ?? 'blk_-?\\d+'));
    const e = runSessionEvaluation(sessions, args.trainFraction, sessionOptions, lineOptions);
    const text = [
      formatReport(`per session — ${e.split.note}`, e.report),
      formatReport('per session, line model (a session scored by its worst line)', e.worstLine),
    ].join('\n');
    return { figures: { ...base, ...e }, text };
  }
  const parsed = parseJsonl(fs.readFileSync(args.input, 'utf8'), {
    messageField: args.messageField,
    labelField: args.labelField,
    sessionField: args.sessionField,
  });
  if (parsed.sessions !== null) {
    const e = runSessionEvaluation(parsed.sessions, args.trainFraction, sessionOptions, lineOptions);
    return {
      figures: { ...base, ...e },
      text: [formatReport(`per session — ${e.split.note}`, e.report), formatReport('per session, worst line', e.worstLine)].join('\n'),
    };
  }
  const e = runLineEvaluation(parsed.lines, args.trainFraction, lineOptions, { reviews: args.reviews, order: args.reviewOrder });
  return { figures: { ...base, ...e }, text: formatReport(`per line — ${e.split.note}`, e.report) + formatReviews(e.reviews) };
}

function main(): void {
  let args: EvaluateArgs;
  try {
    args = parseEvaluateArgs(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${EVALUATE_USAGE}\n`);
    process.exit(2);
  }
  if (args.help) {
    process.stdout.write(`${EVALUATE_USAGE}\n`);
    return;
  }
  if (!fs.existsSync(args.input)) {
    process.stderr.write(`input not found: ${args.input} (set LOGAD_SHARED_DATA or pass --input)\n`);
    process.exit(2);
  }
  const { figures, text } = evaluate(args);
  process.stdout.write(`${args.format} ${args.input}\n${text}\n`);
  if (args.out !== null) {
    fs.writeFileSync(args.out, `${JSON.stringify(figures, null, 2)}\n`);
    process.stdout.write(`figures written to ${args.out}\n`);
  }
}

if (require.main === module) main();
