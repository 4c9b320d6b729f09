/** Options of `nx run ml-api:train`, parsed from `--name value` pairs. */
export interface TrainArgs {
  readonly input: string;
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

export const TRAIN_USAGE = `usage: nx run ml-api:train [--input FILE] [--model-dir DIR] [--trees N] [--sample-size N] [--contamination auto|0<f<=0.5] [--seed N]
  --input          a log corpus: one message per line, or JSON Lines with a "message" field (default: data/sample-corpus.jsonl)
  --model-dir      where to write the versioned model and current.json (default: $MODEL_DIR or models)
  --trees          Isolation Forest trees (default 100)
  --sample-size    rows per tree (default min(256, n))
  --contamination  expected fraction of anomalous lines, which sets the threshold, or auto (default 0.01)
  --seed           random seed: same corpus + seed => same model (default 42)
  --session-key    regex whose match (or first group) in a message is its session key, e.g. 'blk_-?\\d+':
                   also trains a session model on the corpus's sessions, and workers group records by it
  --session-end    regex of a line that closes its session at once (default: none; sessions close when idle)
  --session-idle-ms  a session with no new line for this long is closed and scored (default 30000)`;

/** Thrown for arguments that cannot be used; the CLI prints it with the usage. */
export class TrainArgsError extends Error {
  readonly code = 'ml:bad-train-args';
  override readonly name = this.constructor.name;
}

export function parseTrainArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): TrainArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const m = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!m) throw new TrainArgsError(`unexpected argument ${JSON.stringify(arg)}`);
    const value = m[2] ?? argv[++i];
    if (value === undefined) throw new TrainArgsError(`--${m[1]} needs a value`);
    values.set(m[1], value);
  }
  const known = new Set(['input', 'model-dir', 'trees', 'sample-size', 'contamination', 'seed', 'session-key', 'session-end', 'session-idle-ms']);
  for (const k of values.keys()) if (!known.has(k)) throw new TrainArgsError(`unknown option --${k}`);
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
  return {
    input: values.get('input') ?? 'data/sample-corpus.jsonl',
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
