import * as path from 'node:path';
import { repoRoot } from '../bench/repo-root';

export type DatasetFormat = 'loghub-bgl' | 'loghub-hdfs' | 'loghub-2k' | 'jsonl' | 'replay';

/** Parsed command line of `nx run ml-api:evaluate`. */
export interface EvaluateArgs {
  readonly format: DatasetFormat;
  /** Log file (bgl, hdfs, jsonl) or a LogHub-2k directory / `<S>_2k.log_structured.csv`. */
  readonly input: string;
  /** Labels file (loghub-hdfs: anomaly_label.csv). */
  readonly labels: string | null;
  /** Chronological share used for training (unlabelled); 1 = train and score on everything. */
  readonly trainFraction: number;
  readonly contamination: 'auto' | 'tail' | number | null;
  readonly seed: number;
  readonly trees: number | null;
  readonly out: string | null;
  /** jsonl: the field holding the label (truthy, 1, "anomaly", "abnormal"… = anomalous). */
  readonly labelField: string;
  /** jsonl: the message field. */
  readonly messageField: string;
  /** jsonl: group lines into sessions by this field and evaluate sessions. */
  readonly sessionField: string | null;
  /** Session key regex for loghub-hdfs (and jsonl without a session field, if given). */
  readonly keyPattern: string | null;
  /** Fixed training time, for reproducible model versions. */
  readonly trainedAt: Date;
  /** Extra DetectorTrainingOptions as JSON (e.g. '{"tokenRarity":true}'). */
  readonly lineOptions: Record<string, unknown>;
  /** Extra SessionOptions as JSON (e.g. '{"transitions":false}'). */
  readonly sessionOptions: Record<string, unknown>;
  /** replay: the incident windows (`[{id, source, start, end}]`). */
  readonly incidents: string | null;
  /** replay: extra StreamOptions as JSON (e.g. '{"learningMs":300000}'). */
  readonly streamOptions: Record<string, unknown>;
  /** replay: event time between automatic retrains of the line model (ms); null = none, the stream stage alone. */
  readonly retrainEveryMs: number | null;
  /** Line evaluations: simulated operator reviews of the top alert group (0 = none). */
  readonly reviews: number;
  /** Which alert group a review takes: the highest-scored (`top-score`) or the largest (`size`). */
  readonly reviewOrder: 'top-score' | 'size';
  /** --help was given: print the usage and exit 0. */
  readonly help?: boolean;
}

export class EvaluateArgsError extends Error {
  override readonly name = 'EvaluateArgsError';
}

export const EVALUATE_USAGE = `usage: evaluate --format loghub-bgl|loghub-hdfs|loghub-2k|jsonl [--input <path>] [--labels <path>]
       evaluate --replay --input events.jsonl [--incidents incidents.json] [--stream-options '<json StreamOptions>'] [--retrain-every 10m] [--out figures.json]
       [--train-fraction 0.6] [--contamination auto|tail|<0..0.5>] [--seed 42] [--trees 100] [--out figures.json]
       [--label-field label] [--message-field message] [--session-field <field>] [--key-pattern <regex>]
       [--line-options '<json DetectorTrainingOptions>'] [--session-options '<json SessionOptions>']
       [--reviews K] [--review-order top-score|size]
Trains on the first train-fraction of the data (chronological; labels never used), scores the rest and prints
precision/recall/F1 at the model's threshold, best-threshold F1, ROC-AUC and PR-AUC (loghub-2k: grouping accuracy).
--replay sends a JSON Lines stream (timestamp, source, message, optional level) through the online path from an empty
state, learning period included, and prints incident recall, time to detect, false alarms per hour and the flagged share;
--retrain-every D (e.g. 600000, 90s, 10m, 1h of event time) also trains the line model on the events stored as normal so
far, every D, as automatic retraining does, and lets it decide with the stream from then on.
--reviews K (per-line formats) simulates an operator reviewing the top alert group (one per template) K times, applying
its majority label as Confirm or Mute would, and prints F1 after each review.
Default inputs are under $LOGAD_SHARED_DATA or ../shared/data next to the repository.`;

/** Where the shared LogHub data lives: $LOGAD_SHARED_DATA, else <repo>/../shared/data. */
export function sharedDataDir(env: Record<string, string | undefined> = process.env): string {
  // src/evaluate and dist/evaluate are both four levels below the repository root
  return env.LOGAD_SHARED_DATA ?? path.resolve(repoRoot(__dirname), '../shared/data');
}

const FORMATS: readonly DatasetFormat[] = ['loghub-bgl', 'loghub-hdfs', 'loghub-2k', 'jsonl', 'replay'];

const HELP_ARGS: EvaluateArgs = {
  format: 'jsonl',
  input: '',
  labels: null,
  trainFraction: 0.6,
  contamination: null,
  seed: 42,
  trees: null,
  out: null,
  labelField: 'label',
  messageField: 'message',
  sessionField: null,
  keyPattern: null,
  trainedAt: new Date(0),
  lineOptions: {},
  sessionOptions: {},
  incidents: null,
  streamOptions: {},
  retrainEveryMs: null,
  reviews: 0,
  reviewOrder: 'top-score',
};

export function parseEvaluateArgs(argv: readonly string[], dataDir: string = sharedDataDir()): EvaluateArgs {
  const raw = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) throw new EvaluateArgsError(`unexpected argument '${a}'`);
    if (a === '--help' || a === '--replay') {
      raw.set(a.slice(2), 'true');
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    const value = eq > 0 ? a.slice(eq + 1) : argv[++i];
    if (value === undefined) throw new EvaluateArgsError(`--${name} needs a value`);
    raw.set(name, value);
  }
  const known = new Set([
    'format',
    'input',
    'labels',
    'train-fraction',
    'contamination',
    'seed',
    'trees',
    'out',
    'label-field',
    'message-field',
    'session-field',
    'key-pattern',
    'trained-at',
    'line-options',
    'session-options',
    'help',
    'replay',
    'incidents',
    'stream-options',
    'retrain-every',
    'reviews',
    'review-order',
  ]);
  for (const k of raw.keys()) if (!known.has(k)) throw new EvaluateArgsError(`unknown option --${k}`);
  if (raw.has('help')) return { ...HELP_ARGS, help: true };
  if (raw.has('replay')) raw.set('format', 'replay');
  const format = raw.get('format') as DatasetFormat | undefined;
  if (format === undefined || !FORMATS.includes(format)) throw new EvaluateArgsError(`--format must be one of ${FORMATS.join(', ')}`);
  const defaults: Record<DatasetFormat, string | null> = {
    'loghub-bgl': path.join(dataDir, 'bgl/BGL_2k.log'),
    'loghub-hdfs': path.join(dataDir, 'hdfs/HDFS.log'),
    'loghub-2k': path.join(dataDir, 'loghub-2k'),
    jsonl: null,
    replay: path.join(dataDir, 'incidents/events.jsonl'),
  };
  const input = raw.get('input') ?? defaults[format];
  if (input === null) throw new EvaluateArgsError('--input is required for --format jsonl');
  const labels = raw.get('labels') ?? (format === 'loghub-hdfs' ? path.join(path.dirname(input), 'anomaly_label.csv') : null);
  const trainFraction = num(raw.get('train-fraction') ?? '0.6', 'train-fraction');
  if (!(trainFraction > 0 && trainFraction <= 1)) throw new EvaluateArgsError('--train-fraction must be in (0, 1]');
  const c = raw.get('contamination');
  let contamination: 'auto' | 'tail' | number | null = null;
  if (c !== undefined) {
    contamination = c === 'auto' || c === 'tail' ? c : num(c, 'contamination');
    if (typeof contamination === 'number' && !(contamination > 0 && contamination <= 0.5))
      throw new EvaluateArgsError('--contamination must be auto, tail or in (0, 0.5]');
  }
  const seed = num(raw.get('seed') ?? '42', 'seed');
  if (!Number.isInteger(seed)) throw new EvaluateArgsError('--seed must be an integer');
  const t = raw.get('trees');
  const trees = t === undefined ? null : num(t, 'trees');
  if (trees !== null && !(Number.isInteger(trees) && trees >= 1)) throw new EvaluateArgsError('--trees must be an integer >= 1');
  const trainedAt = new Date(raw.get('trained-at') ?? '2026-01-01T00:00:00Z');
  if (Number.isNaN(trainedAt.getTime())) throw new EvaluateArgsError('--trained-at must be an ISO date');
  const keyPattern = raw.get('key-pattern') ?? (format === 'loghub-hdfs' ? 'blk_-?\\d+' : null);
  if (keyPattern !== null) {
    try {
      new RegExp(keyPattern);
    } catch {
      throw new EvaluateArgsError(`--key-pattern is not a valid regex: ${keyPattern}`);
    }
  }
  const incidents = raw.get('incidents') ?? (format === 'replay' && raw.get('input') === undefined ? path.join(dataDir, 'incidents/incidents.json') : null);
  const reviews = num(raw.get('reviews') ?? '0', 'reviews');
  if (!(Number.isInteger(reviews) && reviews >= 0)) throw new EvaluateArgsError('--reviews must be an integer >= 0');
  const reviewOrder = raw.get('review-order') ?? 'top-score';
  if (reviewOrder !== 'top-score' && reviewOrder !== 'size') throw new EvaluateArgsError('--review-order must be top-score or size');
  const retrainEveryMs = raw.has('retrain-every') ? duration(raw.get('retrain-every')!, 'retrain-every') : null;
  return {
    reviews,
    reviewOrder,
    incidents,
    retrainEveryMs,
    streamOptions: jsonObject(raw.get('stream-options'), 'stream-options'),
    lineOptions: jsonObject(raw.get('line-options'), 'line-options'),
    sessionOptions: jsonObject(raw.get('session-options'), 'session-options'),
    format,
    input,
    labels,
    trainFraction,
    contamination,
    seed,
    trees,
    out: raw.get('out') ?? null,
    labelField: raw.get('label-field') ?? 'label',
    messageField: raw.get('message-field') ?? 'message',
    sessionField: raw.get('session-field') ?? null,
    keyPattern,
    trainedAt,
  };
}

function jsonObject(v: string | undefined, name: string): Record<string, unknown> {
  if (v === undefined) return {};
  let o: unknown;
  try {
    o = JSON.parse(v);
  } catch {
    throw new EvaluateArgsError(`--${name} must be a JSON object (got '${v}')`);
  }
  if (o === null || typeof o !== 'object' || Array.isArray(o)) throw new EvaluateArgsError(`--${name} must be a JSON object`);
  return o as Record<string, unknown>;
}

function num(v: string, name: string): number {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw new EvaluateArgsError(`--${name} must be a number (got '${v}')`);
  return n;
}

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A positive duration: milliseconds, or a number with ms, s, m or h. */
function duration(v: string, name: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(v.trim());
  const ms = m === null ? NaN : Number(m[1]) * UNIT_MS[m[2] ?? 'ms'];
  if (!(ms >= 1 && Number.isFinite(ms))) throw new EvaluateArgsError(`--${name} must be a positive duration such as 600000, 90s, 10m or 1h (got '${v}')`);
  return Math.round(ms);
}
