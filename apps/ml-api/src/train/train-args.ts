import { parseDuration } from './parse-duration';

/** Options of `nx run ml-api:train`, parsed from `--name value` pairs and `--flag`s. */
export interface TrainArgs {
  readonly input: string;
  /** Train on the records the store holds (`STORAGE_URL`, else the JSON files in `LOGS_DIR`) instead of `input`. */
  readonly fromStore: boolean;
  /** With `fromStore`: how far back to read, in ms. */
  readonly sinceMs: number;
  /** With `fromStore`: most lines read (the newest). */
  readonly maxLines: number;
  /** Only list the stored model versions. */
  readonly list: boolean;
  /** Only print the usage. */
  readonly help: boolean;
  /** Only point `current` at this stored version (roll back or forward). */
  readonly use?: string;
  readonly modelDir: string;
  readonly trees?: number;
  readonly sampleSize?: number;
  readonly contamination?: number | 'auto';
  readonly seed?: number;
  /** Regex whose match is a line's session key; with it, a session model is trained too. */
  readonly sessionKey?: string;
  readonly sessionEnd?: string;
  readonly sessionIdleMs?: number;
}

export const TRAIN_USAGE = `usage: nx run ml-api:train [--input FILE | --from-store [--since 7d] [--max-lines N]] [--model-dir DIR] [--trees N] [--sample-size N] [--contamination auto|0<f<=0.5] [--seed N]
       nx run ml-api:train --list | --use VERSION
  --input          a log corpus: one message per line, or JSON Lines with a "message" field (default: data/sample-corpus.jsonl)
  --from-store     train on what the store holds: normal records and those of muted templates (STORAGE_URL, else LOGS_DIR's files)
  --since          with --from-store, how far back: a number and s, m, h or d (default 7d)
  --max-lines      with --from-store, most lines read, the newest (default 200000)
  --list           list the stored model versions (MODEL_STORE) and which one is current
  --use            point current at a stored version: roll back (or forward) without training; replicas follow within MODEL_RELOAD_MS
  --model-dir      where to write the versioned model and current.json (default: $MODEL_DIR or models); with MODEL_STORE=redis
                   the model is also published to Redis, where every ml-api replica picks it up
  --trees          Isolation Forest trees (default 100)
  --sample-size    rows per tree (default min(256, n))
  --contamination  expected fraction of anomalous lines, which sets the threshold, or auto (default 0.01)
  --seed           random seed: same corpus + seed => same model (default 42)
  --session-key    regex whose match (or first group) in a message is its session key, e.g. 'blk_-?\\d+':
                   also trains a session model on the corpus's sessions, and workers group records by it
  --session-end    regex of a line that closes its session at once (default: none; sessions close when idle)
  --session-idle-ms  a session with no new line for this long is closed and scored (default 30000)`;

const FLAGS = new Set(['from-store', 'list', 'help']);

/** Thrown for arguments that cannot be used; the CLI prints it with the usage. */
export class TrainArgsError extends Error {
  readonly code = 'ml:bad-train-args';
  override readonly name = this.constructor.name;
}

/** The corpus the arguments select is too small to train on (the usage would not help). */
export class TooFewLinesError extends TrainArgsError {}

export function parseTrainArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): TrainArgs {
  const values = new Map<string, string>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const m = /^--([A-Za-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new TrainArgsError(`unexpected argument ${JSON.stringify(arg)}`);
    // nx may forward an option again in camelCase (`--fromStore=true`): the same option.
    const name = m[1].replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    if (FLAGS.has(name)) {
      // nx forwards a bare flag as `--flag=true`.
      if (m[2] === undefined || m[2] === 'true') flags.add(name);
      else if (m[2] !== 'false') throw new TrainArgsError(`--${name} takes no value`);
      continue;
    }
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new TrainArgsError(`--${name} needs a value`);
    values.set(name, value);
  }
  const known = new Set([
    'input',
    'model-dir',
    'trees',
    'sample-size',
    'contamination',
    'seed',
    'session-key',
    'session-end',
    'session-idle-ms',
    'since',
    'max-lines',
    'use',
  ]);
  for (const k of values.keys()) if (!known.has(k)) throw new TrainArgsError(`unknown option --${k}`);
  const fromStore = flags.has('from-store');
  if (fromStore && values.has('input')) throw new TrainArgsError('--input and --from-store exclude each other');
  for (const k of ['since', 'max-lines']) if (values.has(k) && !fromStore) throw new TrainArgsError(`--${k} goes with --from-store`);
  const since = values.get('since') ?? '7d';
  const sinceMs = parseDuration(since);
  if (sinceMs === null) throw new TrainArgsError(`--since must be a positive number and a unit, s, m, h or d (e.g. 7d); got ${since}`);
  const int = (name: string, min: number): number | undefined => {
    const v = values.get(name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw new TrainArgsError(`--${name} must be an integer ≥ ${min}; got ${v}`);
    return n;
  };
  const regex = (name: string): string | undefined => {
    const v = values.get(name);
    if (v === undefined) return undefined;
    try {
      new RegExp(v);
    } catch (err) {
      throw new TrainArgsError(`--${name} is not a valid regex: ${(err as Error).message}`);
    }
    return v;
  };
  const c = values.get('contamination');
  let contamination: number | 'auto' | undefined;
  if (c !== undefined) {
    contamination = c === 'auto' ? 'auto' : Number(c);
    if (contamination !== 'auto' && !(contamination > 0 && contamination <= 0.5))
      throw new TrainArgsError(`--contamination must be auto or a fraction in (0, 0.5]; got ${c}`);
  }
  const use = values.get('use');
  if (use !== undefined && flags.has('list')) throw new TrainArgsError('--list and --use exclude each other');
  if (use !== undefined && !/^[A-Za-z0-9._:-]{1,200}$/.test(use))
    throw new TrainArgsError(`--use needs a model version (letters, digits, . _ : -); got ${JSON.stringify(use)}`);
  return {
    input: values.get('input') ?? 'data/sample-corpus.jsonl',
    fromStore,
    sinceMs,
    maxLines: int('max-lines', 100) ?? 200_000,
    list: flags.has('list'),
    help: flags.has('help'),
    use,
    modelDir: values.get('model-dir') ?? env.MODEL_DIR ?? 'models',
    trees: int('trees', 1),
    sampleSize: int('sample-size', 2),
    contamination,
    seed: int('seed', 0),
    sessionKey: regex('session-key'),
    sessionEnd: regex('session-end'),
    sessionIdleMs: int('session-idle-ms', 100),
  };
}
