import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { decideEvent, type DetectorPrediction, type EventDecision, LogAnomalyDetector, StreamDetector, type StreamVerdict } from '@logad/detector';
import { ROOT } from './repo-root';

/**
 * CPU per event of ml-api's online path (`POST /predict/events`) in one process, stage by stage,
 * on real Loghub lines: the stream step (template mining and the baseline's decision), the line
 * model's scoring, and building plus serialising the answer. Two paths in the same run: as before
 * (each stage masks the line itself, every field per event) and as now (masked once, lean answer).
 * Copied into an older build's tools/dist/bench, it measures that build's libraries (first path only).
 *
 *   node tools/dist/bench/online-path-cpu.js [--data DIR] [--passes N] [--batch N]
 */

interface Event {
  readonly message: string;
  readonly level: string | null;
  readonly source: string;
  readonly timestamp: number;
}

interface Args {
  readonly data: string;
  readonly passes: number;
  readonly batch: number;
}

function parseArgs(argv: readonly string[]): Args {
  let data = '/work/shared/data/loghub-2k';
  let passes = 5;
  let batch = 500;
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i + 1];
    if (argv[i] === '--data') ((data = v), i++);
    else if (argv[i] === '--passes') ((passes = Number(v)), i++);
    else if (argv[i] === '--batch') ((batch = Number(v)), i++);
    else throw new Error(`unknown argument ${argv[i]}; usage: online-path-cpu [--data DIR] [--passes N] [--batch N]`);
  }
  if (!(passes >= 1) || !(batch >= 1)) throw new Error('--passes and --batch must be positive');
  return { data, passes, batch };
}

/** Each system's `*.log` lines, the system's folder name as source; the first half trains, the second is scored. */
function loadLoghub(dir: string): { train: Event[]; test: Event[] } {
  const train: Event[] = [];
  const test: Event[] = [];
  let t = Date.UTC(2026, 11, 7);
  for (const system of readdirSync(dir).sort()) {
    const files = readdirSync(join(dir, system)).filter((f) => f.endsWith('.log'));
    for (const f of files) {
      const lines = readFileSync(join(dir, system, f), 'utf8')
        .split('\n')
        .filter((l) => l.trim() !== '');
      lines.forEach((message, i) => (i < lines.length / 2 ? train : test).push({ message, level: null, source: system, timestamp: (t += 5) }));
    }
  }
  // interleave the systems as a shared pipeline would see them
  test.sort((a, b) => ((a.message.length * 7919 + a.timestamp) % 1009) - ((b.message.length * 7919 + b.timestamp) % 1009));
  return { train, test };
}

interface StageTimes {
  stream: number;
  line: number;
  answer: number;
  json: number;
  bytes: number;
  events: number;
}

const zero = (): StageTimes => ({ stream: 0, line: 0, answer: 0, json: 0, bytes: 0, events: 0 });
const now = () => process.hrtime.bigint();
const us = (a: bigint, b: bigint) => Number(b - a) / 1000;

/** Builds the HTTP answer from the judged events (ml-api's own code when built: `fullEventsAnswer`/`leanEventsAnswer`). */
type Answer = (version: string, judged: ReadonlyArray<{ verdict: StreamVerdict; decision: EventDecision }>) => unknown;

/** The answer as the controller built it before lean answers: every field per event. */
const inlineFull: Answer = (version, judged) => ({
  model_version: version,
  results: judged.map(({ verdict: v, decision: d }) => ({
    is_anomaly: d.is_anomaly,
    anomaly_score: d.anomaly_score,
    prediction: d.is_anomaly ? -1 : 1,
    score: d.score,
    ...(d.kind ? { kind: d.kind } : {}),
    ...(d.reason ? { reason: d.reason } : {}),
    level: v.level,
    learning: v.learning,
    template: v.template,
    template_id: v.templateId,
  })),
});

/** ml-api's answer builders, from its build (absent in a build from before lean answers). */
function mlApiAnswers(): { full: Answer; lean: Answer } | null {
  const file = join(ROOT, 'apps/ml-api/dist/predict/event-answers.js');
  if (!existsSync(file)) return null;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const m = require(file) as { fullEventsAnswer: Answer; leanEventsAnswer: Answer };
  return { full: m.fullEventsAnswer, lean: m.leanEventsAnswer };
}

/**
 * The controller's steps, timed apart: observe each event, score the asked ones with the line model
 * (`handOff`: with the stream step's masked text), decide, build the answer, serialise it.
 */
function runBatch(
  stream: StreamDetector,
  line: LogAnomalyDetector,
  known: StreamDetector,
  batch: readonly Event[],
  handOff: boolean,
  answer: Answer,
  out: StageTimes,
): void {
  const t0 = now();
  const verdicts = batch.map((e) => stream.observe(e));
  const t1 = now();
  const asked: number[] = [];
  for (let i = 0; i < verdicts.length; i++) if (verdicts[i].kind === null && verdicts[i].established && known.hasSource(verdicts[i].source)) asked.push(i);
  const scored = line.score(
    asked.map((i) => (handOff ? { ...batch[i], masked: verdicts[i].masked } : batch[i])),
    { explain: false },
  );
  const lines: (DetectorPrediction | null)[] = new Array(batch.length).fill(null);
  asked.forEach((i, k) => (lines[i] = scored[k]));
  const t2 = now();
  const judged = verdicts.map((v, i) => ({ verdict: v, decision: decideEvent(v, lines[i], known.hasSource(v.source)) }));
  const body = answer(line.version, judged);
  const t3 = now();
  const json = JSON.stringify(body);
  const t4 = now();
  out.stream += us(t0, t1);
  out.line += us(t1, t2);
  out.answer += us(t2, t3);
  out.json += us(t3, t4);
  out.bytes += json.length;
  out.events += batch.length;
}

function report(name: string, t: StageTimes): string {
  const per = (v: number) => (v / t.events).toFixed(2).padStart(7);
  const all = t.stream + t.line + t.answer + t.json;
  return `${name.padEnd(8)} stream ${per(t.stream)}  line ${per(t.line)}  answer ${per(t.answer)}  json ${per(t.json)}  all ${per(all)} µs/event, ${(t.bytes / t.events).toFixed(0)} B/event`;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const { train, test } = loadLoghub(args.data);
  const line = LogAnomalyDetector.train(train, { seed: 1 });
  const trained = StreamDetector.fromTraining(train);
  const built = mlApiAnswers();
  const paths = [
    { name: 'twice', note: 'line model masks again, full answer', handOff: false, answer: inlineFull },
    ...(built ? [{ name: 'once', note: 'masked text handed on, lean answer', handOff: true, answer: built.lean }] : []),
  ];
  const times = paths.map(() => zero());
  // passes alternate the paths, so that load from other programs hits both alike
  for (let p = 0; p < args.passes; p++) {
    paths.forEach((path, k) => {
      // a fresh copy of the trained baselines per pass: every pass sees the same decisions
      const stream = StreamDetector.fromJSON(trained.toJSON());
      for (let s = 0; s < test.length; s += args.batch) runBatch(stream, line, trained, test.slice(s, s + args.batch), path.handOff, path.answer, times[k]);
    });
  }
  console.log(
    `online path, ${test.length} Loghub lines × ${args.passes} passes in batches of ${args.batch} (trained on ${train.length}), µs per event (wall clock of one busy thread)`,
  );
  paths.forEach((path, k) => console.log(`${report(path.name, times[k])}  (${path.note})`));
  if (!built) console.log('(no apps/ml-api/dist/predict/event-answers.js: a build from before lean answers, only the first path)');
}

main();
